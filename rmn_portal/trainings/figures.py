"""Counting people trained, hours and certificates for dashboards and the
donor report, with small-cell suppression (rmn_portal.stats).

"People trained" in a cell are the distinct people with at least one
attended (present or late) session in it; totals count distinct people too,
so they are not sums (someone trained in two quarters counts once in the
year). Hours follow their people: an hours cell is hidden wherever the
matching count of people is hidden, so hours cannot single anyone out.

Everything is read with a handful of grouped queries over the period and
counted in Python; no query per programme, session or person.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import stats
from ..accounts.models import User
from ..db import db
from ..events.models import Event, EventStatus
from ..orgs.models import COUNTRIES, Organisation
from .models import (
    ATTENDED,
    Attendance,
    Certificate,
    Enrolment,
    Gender,
    GuestCount,
    TrainingSession,
    programme_competencies,
)

NOT_STATED = "not_stated"


@dataclass(frozen=True)
class Mark:
    """One attended session of one person."""

    user_id: int
    org_id: int
    country: str
    gender: str
    programme_id: int
    quarter: tuple[int, int]
    minutes: int


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        start = datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)
        end = datetime(self.end.year, self.end.month, self.end.day, tzinfo=UTC)
        return start, end.replace(hour=23, minute=59, second=59)

    @property
    def quarters(self) -> list[tuple[int, int]]:
        first, last = quarter_of(self.start), quarter_of(self.end)
        found, current = [], first
        while current <= last:
            found.append(current)
            year, q = current
            current = (year + 1, 1) if q == 4 else (year, q + 1)
        return found

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))


def quarter_of(moment: date | datetime) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // 3 + 1


def quarter_label(quarter: tuple[int, int]) -> str:
    return str(_l("Q%(quarter)d %(year)d", quarter=quarter[1], year=quarter[0]))


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    row_label: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    table: stats.SuppressedTable
    hours: stats.SuppressedTable | None = None  # minutes, hidden like the people


@dataclass
class Facts:
    period: Period
    marks: list[Mark]
    competencies: dict[int, list[int]]  # programme id -> competency ids
    certificates: list[tuple[int, int, tuple[int, int]]]  # (user, org, quarter)
    guests: list[tuple[tuple[int, int], str, str, int]]  # (quarter, gender, age band, count)


def collect(period: Period, org_id: int | None = None) -> Facts:
    """The period's attended sessions, certificates and guest counts;
    `org_id` narrows everything to one organisation's staff."""
    start, end = period.bounds
    held = (TrainingSession.starts_at >= start, TrainingSession.starts_at <= end,
            Event.status == EventStatus.SCHEDULED)
    query = (select(Enrolment.user_id, User.org_id, Organisation.country, Enrolment.gender,
                    Enrolment.programme_id, TrainingSession.starts_at, TrainingSession.minutes)
             .select_from(Attendance)
             .join(TrainingSession, TrainingSession.id == Attendance.session_id)
             .join(Event, Event.id == TrainingSession.event_id)
             .join(Enrolment, Enrolment.id == Attendance.enrolment_id)
             .join(User, User.id == Enrolment.user_id)
             .join(Organisation, Organisation.id == User.org_id)
             .where(Attendance.status.in_(ATTENDED), *held))
    if org_id is not None:
        query = query.where(User.org_id == org_id)
    marks = [Mark(user_id, org, country or "", str(gender) if gender else NOT_STATED,
                  programme_id, quarter_of(starts_at), minutes)
             for user_id, org, country, gender, programme_id, starts_at, minutes
             in db.session.execute(query)]
    programme_ids = {mark.programme_id for mark in marks}
    competencies: dict[int, list[int]] = defaultdict(list)
    if programme_ids:
        for programme_id, competency_id in db.session.execute(
                select(programme_competencies.c.programme_id,
                       programme_competencies.c.competency_id)
                .where(programme_competencies.c.programme_id.in_(programme_ids))):
            competencies[programme_id].append(competency_id)
    cert_query = (select(Enrolment.user_id, User.org_id, Certificate.issued_at)
                  .select_from(Certificate).join(Enrolment).join(User, User.id == Enrolment.user_id)
                  .where(Certificate.revoked_at.is_(None), Certificate.issued_at >= start,
                         Certificate.issued_at <= end))
    if org_id is not None:
        cert_query = cert_query.where(User.org_id == org_id)
    certificates = [(user_id, org, quarter_of(issued)) for user_id, org, issued
                    in db.session.execute(cert_query)]
    guests = []
    if org_id is None:
        guests = [(quarter_of(starts_at), str(gender) if gender else NOT_STATED,
                   str(age) if age else NOT_STATED, count)
                  for starts_at, gender, age, count in db.session.execute(
                      select(TrainingSession.starts_at, GuestCount.gender, GuestCount.age_band,
                             GuestCount.count)
                      .join(TrainingSession, TrainingSession.id == GuestCount.session_id)
                      .join(Event, Event.id == TrainingSession.event_id).where(*held))]
    return Facts(period, marks, dict(competencies), certificates, guests)


# --- tables ---------------------------------------------------------------------------------------

def people_table(facts: Facts, key: str, title, row_label, rows: list[tuple[object, str]],
                 keys_of: Callable[[Mark], Iterable[object]], *, with_hours: bool = False
                 ) -> Table:
    """Distinct people per (row, quarter) with distinct-people totals."""
    return table_from_counts(people_counts(facts, keys_of), key, title, row_label, rows,
                             facts.period.quarters, with_hours=with_hours)


def people_counts(facts: Facts, keys_of: Callable[[Mark], Iterable[object]]) -> dict:
    """The counts behind a people table, before suppression, as JSON (they
    can be cached): per row key its distinct people and minutes per quarter
    and its distinct people in all; per quarter the distinct people and
    minutes of every row together; the distinct people of the period."""
    quarters = facts.period.quarters
    index = {q: i for i, q in enumerate(quarters)}
    cells: dict = defaultdict(lambda: [set() for _ in quarters])
    minutes: dict = defaultdict(lambda: [0 for _ in quarters])
    by_quarter = [set() for _ in quarters]
    quarter_minutes = [0 for _ in quarters]
    for mark in facts.marks:
        column = index.get(mark.quarter)
        if column is None:
            continue
        by_quarter[column].add(mark.user_id)
        quarter_minutes[column] += mark.minutes
        for value in keys_of(mark):
            cells[value][column].add(mark.user_id)
            minutes[value][column] += mark.minutes
    return {
        # [key, people per quarter, people in all, minutes per quarter]: a list,
        # not an object, so that integer keys stay integers through JSON.
        "rows": [[value, [len(c) for c in row], len(set().union(*row)), minutes[value]]
                 for value, row in cells.items()],
        "quarters": [len(c) for c in by_quarter],
        "quarter_minutes": quarter_minutes,
        "total": len(set().union(*by_quarter)),
    }


def table_from_counts(counts: dict, key: str, title, row_label, rows: list[tuple[object, str]],
                      quarters: list[tuple[int, int]], *, with_hours: bool = False) -> Table:
    """A suppressed people table (and hours) from `people_counts`, with `rows`
    as (key, label) pairs in the order shown."""
    empty = [[0] * len(quarters), 0, [0] * len(quarters)]
    found = {value: rest for value, *rest in counts["rows"]}
    wanted = [found.get(value, empty) for value, _label in rows]
    people = stats.suppress_table([cells for cells, _total, _minutes in wanted],
                                  row_totals=[total for _cells, total, _minutes in wanted],
                                  column_totals=counts["quarters"], total=counts["total"])
    hours = None
    if with_hours:
        hours = _masked_minutes(people, [minutes for _cells, _total, minutes in wanted],
                                counts["quarter_minutes"])
    return Table(key, str(title), str(row_label), tuple(label for _v, label in rows),
                 tuple(quarter_label(q) for q in quarters), people, hours)


def _masked_minutes(people: stats.SuppressedTable, minutes, quarter_minutes) -> \
        stats.SuppressedTable:
    def cell(value: int, like: stats.Cell) -> stats.Cell:
        return stats.Cell(value, like.primary, like.complementary, like.min_count)

    return stats.SuppressedTable(
        cells=tuple(tuple(cell(m, c) for m, c in zip(row, people_row, strict=True))
                    for row, people_row in zip(minutes, people.cells, strict=True)),
        row_totals=tuple(cell(sum(row), c) for row, c in zip(minutes, people.row_totals,
                                                             strict=True)),
        column_totals=tuple(cell(m, c) for m, c in zip(quarter_minutes, people.column_totals,
                                                       strict=True)),
        total=cell(sum(quarter_minutes), people.total))


def people_by_quarter(facts: Facts) -> stats.SuppressedSeries:
    quarters = facts.period.quarters
    per = [len({m.user_id for m in facts.marks if m.quarter == q}) for q in quarters]
    return stats.suppress_series(per, total=len({m.user_id for m in facts.marks}))


def certificates_by_quarter(facts: Facts) -> stats.SuppressedSeries:
    per = [sum(1 for c in facts.certificates if c[2] == q) for q in facts.period.quarters]
    return stats.suppress_series(per)


def org_rows(org_ids: Iterable[int]) -> list[tuple[int, str]]:
    ids = sorted(set(org_ids))
    if not ids:
        return []
    return [(org.id, org.name) for org in db.session.scalars(
        select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name))]


def country_rows(facts: Facts) -> list[tuple[str, str]]:
    return country_rows_for({mark.country for mark in facts.marks})


def country_rows_for(present: set[str]) -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in COUNTRIES.items() if code in present] + [
        (code, code) for code in sorted(present - set(COUNTRIES))]


def gender_rows() -> list[tuple[str, str]]:
    return [(g.value, g.label) for g in Gender] + [(NOT_STATED, str(_l("Not stated")))]


def competency_keys(facts: Facts) -> Callable[[Mark], list[int]]:
    return lambda mark: facts.competencies.get(mark.programme_id, [])


def hours_text(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:.1f}".rstrip("0").rstrip(".") if hours % 1 else str(int(hours))
