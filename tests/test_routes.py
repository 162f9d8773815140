"""Every route is either public or covered by the authorisation matrix, and the
matrix holds when replayed through HTTP."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from rmn_portal.accounts.models import Invitation, Role
from rmn_portal.db import utcnow

from .authz import ACTORS, all_routes
from .factories import login
from .security.snapshot import changed_tables, database_fingerprint


def test_every_url_rule_is_public_or_in_the_matrix(app):
    covered = {route.endpoint for route, _module in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint == "static" or getattr(view, "is_public", False):
            continue
        if rule.endpoint not in covered:
            missing.append(f"{rule.endpoint} {rule.rule}")
    assert not missing, "routes neither public nor in tests/authz/:\n" + "\n".join(
        missing)


def test_public_views_are_few_and_deliberate(app):
    public = sorted(endpoint for endpoint, view in app.view_functions.items()
                    if getattr(view, "is_public", False))
    foundation = {"accounts.login", "accounts.login_code", "accounts.two_factor",
                  "accounts.forgot_password", "accounts.reset_password",
                  "accounts.accept_invitation", "accounts.set_language", "orgs.directory",
                  "orgs.profile", "public.home", "public.privacy", "public.healthz"}
    assert foundation <= set(public)


def _refused(route, actor) -> bool:
    expected = route.expect[actor]
    return expected in (403, 404, 405) or (actor == "anonymous" and expected == 302)


def build_world(make, module):
    """The organisations and people every row uses, plus the objects of the
    row's own feature (building every feature's objects for every row would
    only make the matrix slow)."""
    own, other = make.org(), make.org()
    actors = {role: make.user(own, Role(role)) for role in ACTORS[1:]}
    world = SimpleNamespace(
        own=own, other=other, actors=actors,
        colleague=make.user(own), outsider=make.user(other),
        invitation=_invitation(make, own), other_invitation=_invitation(make, other))
    if hasattr(module, "populate"):
        module.populate(world, make)
    return world


def _invitation(make, org):
    invitation = Invitation(email=f"invitee-{org.slug}@example.org", org=org, role=Role.MEMBER,
                            token_hash=f"{org.slug:0<64}"[:64],
                            expires_at=utcnow() + timedelta(days=7))
    make.session.add(invitation)
    make.session.flush()
    return invitation


ROUTES = all_routes()
FORBIDDEN_POSTS = sum(1 for route, _m in ROUTES for actor in ACTORS
                      if route.method == "POST" and route.expect.get(actor) is not None
                      and _refused(route, actor))
CASES = [(route, module, actor) for route, module in ROUTES for actor in ACTORS
         if route.expect.get(actor) is not None]


@pytest.mark.parametrize(("route", "module", "actor"), CASES,
                         ids=[f"{r.method} {r.path} as {a}" for r, _m, a in CASES])
def test_authorisation_matrix(client, make, route, module, actor):
    world = build_world(make, module)
    if actor != "anonymous":
        login(client, world.actors[actor])
    path = route.path.format(**vars(world))
    if route.method == "GET":
        response = client.get(path)
    else:
        data = {key: value.format(**vars(world)) for key, value in route.data.items()}
        before = database_fingerprint() if _refused(route, actor) else None
        response = client.post(path, data=data)
        if before is not None:
            # Re-read everything: a refused POST must not have changed any row.
            assert changed_tables(before, database_fingerprint()) == []
    assert response.status_code == route.expect[actor]
    if actor == "anonymous" and response.status_code == 302:
        assert "/login" in response.headers["Location"]
