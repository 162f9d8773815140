"""The authorisation matrix replayed through HTTP (tests/test_routes.py).

One row per route: how to call it, and the status each kind of person gets.
Actors are all in the "own" organisation; `other` is a second organisation.
Rows for the own and the other organisation are listed separately. Each
feature keeps its rows in `tests/authz/<feature>.py` with a `ROUTES` list and,
if its rows need objects, a `populate(world, make)` that adds them to the world.

Every non-public URL rule of the app must appear in some row.
"""

from dataclasses import dataclass, field

ACTORS = ("anonymous", "member", "org_admin", "coordinator", "admin")
LOGIN = 302  # anonymous visitors are sent to the sign-in page


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    path: str  # formatted with the world: {own.slug}, {member.id}, ...
    expect: dict[str, int | None]
    data: dict = field(default_factory=dict)


def everyone(anonymous: int, signed_in: int) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(ACTORS[1:], signed_in)}


def only(allowed: dict[str, int], denied: int = 403) -> dict[str, int]:
    return {"anonymous": LOGIN, **{actor: allowed.get(actor, denied) for actor in ACTORS[1:]}}


def table(anonymous, member, org_admin, coordinator, admin) -> dict[str, int]:
    return dict(zip(ACTORS, (anonymous, member, org_admin, coordinator, admin), strict=True))


def feature_modules():
    from importlib import import_module
    from pathlib import Path

    names = sorted(path.stem for path in Path(__file__).parent.glob("*.py")
                   if path.stem != "__init__")
    return [import_module(f"{__name__}.{name}") for name in names]


def all_routes() -> list[tuple[Route, object]]:
    """Every row with the module that owns it (whose `populate` it needs)."""
    return [(route, module) for module in feature_modules() for route in module.ROUTES]
