"""Rare combinations: in a population this small, "a trans woman aged 18–24
from South Asia in Vojvodina" can point at one person even without a name.

Before publishing, the reviewer sees how many published notes share the
note's combination of origin region, age band, population group and region.
Fewer than `RARE_BELOW` is rare: the reviewer is offered coarser values
(a wider age band, a larger region, a continent, a withheld group), each with
the number of published notes the coarser combination would share.

A published note with a coarse value ("18–34") could be any note with a finer
value inside it, so a coarse value counts every value it covers.
"""

from dataclasses import dataclass

from sqlalchemy import func, select, true

from ..db import db
from . import vocab
from .models import Note, NoteStatus
from .vocab import AgeBand, OriginRegion, PopulationGroup, Region

RARE_BELOW = 3
DIMENSIONS = ("origin_region", "age_band", "groups", "region")
WITHHELD_GROUPS = PopulationGroup.NOT_STATED.value
ENUMS = {"origin_region": OriginRegion, "age_band": AgeBand, "region": Region}


@dataclass(frozen=True)
class Option:
    field: str
    value: str
    count: int  # published notes that would share the combination

    @property
    def label(self) -> str:
        return option_label(self.field, self.value)


@dataclass(frozen=True)
class CombinationCheck:
    count: int  # other published notes sharing the note's combination
    options: tuple[Option, ...]

    @property
    def rare(self) -> bool:
        return self.count < RARE_BELOW


def current_values(note: Note) -> dict[str, str | None]:
    return {"origin_region": note.origin_region, "age_band": note.age_band,
            "groups": note.groups_key or None, "region": note.region}


def allowed_values(note: Note, name: str) -> list[str]:
    """The note's value of `name` and every coarser one."""
    current = current_values(note)[name]
    if current is None:
        return []
    return [current, *_coarser(name, current)]


def _coarser(name: str, value) -> list:
    if name == "groups":
        return [] if value == WITHHELD_GROUPS else [WITHHELD_GROUPS]
    return vocab.coarser_values(ENUMS[name](value))


def _covered(name: str, value) -> list[str] | None:
    """Stored values a published `value` could stand for; None for any."""
    if name == "groups":
        return None if value == WITHHELD_GROUPS else [value]
    enum_cls = ENUMS[name]
    covered = [member.value for member in enum_cls
               if member == value or value in vocab.coarser_values(member)]
    return None if len(covered) == len(enum_cls) else covered


def _clause(name: str, value):
    column = Note.groups_key if name == "groups" else getattr(Note, name)
    covered = _covered(name, value)
    if covered is None:
        return true()
    return column.in_(covered)


def count_sharing(note: Note, **overrides) -> int:
    values = {**current_values(note), **overrides}
    query = select(func.count(Note.id)).where(Note.status == NoteStatus.PUBLISHED,
                                              Note.id != note.id)
    for name in DIMENSIONS:
        if values[name] is not None:
            query = query.where(_clause(name, values[name]))
    return db.session.scalar(query) or 0


def check(note: Note) -> CombinationCheck:
    """The note's count, and for a rare one every coarser option with its count."""
    count = count_sharing(note)
    if count >= RARE_BELOW:
        return CombinationCheck(count, ())
    options = []
    for name in DIMENSIONS:
        current = current_values(note)[name]
        if current is None:
            continue
        for value in _coarser(name, current):
            options.append(Option(name, str(value), count_sharing(note, **{name: value})))
    return CombinationCheck(count, tuple(options))


def option_label(name: str, value) -> str:
    if name == "groups":
        return ", ".join(vocab.label(PopulationGroup(part)) for part in str(value).split(","))
    return vocab.label(ENUMS[name](value))
