"""The needs dashboard: counts of published notes by category, region,
population group and quarter, with small-cell suppression (rmn_portal.stats).

Counts come from grouped SQL queries (a constant four per page) over the
notes the reader may see: public notes for everybody, network notes and their
organisation's notes too for signed-in members. The counts are cached
(rmn_portal.cache) per visibility scope and year; a committed change to a
note makes them out of date at once.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import cache, stats
from ..db import db
from ..permissions import published_notes_visible_to, visibility_scope
from . import vocab
from .models import Note, NoteCategory, NoteGroup
from .vocab import NeedCategory, PopulationGroup, Region

QUARTERS = (1, 2, 3, 4)
NAMESPACE = "notes"  # bumped by every committed change to notes (see __init__.py)


@dataclass(frozen=True)
class DimensionTable:
    key: str
    title: str
    row_label: str  # heading of the first column
    rows: tuple[str, ...]  # translated labels
    columns: tuple[str, ...]  # "Q1 2026", ...
    table: stats.SuppressedTable
    total_label: str  # what the column totals count


@dataclass(frozen=True)
class Dashboard:
    year: int
    tables: tuple[DimensionTable, ...]
    quarters: tuple[str, ...]
    by_quarter: stats.SuppressedSeries


def available_years(user) -> list[int]:
    return cache.get_or_compute("notes.years", [visibility_scope(user)],
                                lambda: _available_years(user), namespaces=[NAMESPACE])


def _available_years(user) -> list[int]:
    first, last = db.session.execute(
        select(func.min(Note.period), func.max(Note.period))
        .where(published_notes_visible_to(user))).one()
    if first is None:
        return [date.today().year]
    return list(range(last.year, first.year - 1, -1))


def build(user, year: int) -> Dashboard:
    counts = cache.get_or_compute("notes.dashboard", [visibility_scope(user), year],
                                  lambda: _count(user, year), namespaces=[NAMESPACE])
    quarter_totals = counts["quarters"]
    columns = tuple(str(_l("Q%(quarter)d %(year)d", quarter=q, year=year)) for q in QUARTERS)
    regions = counts["regions"]
    region_rows = [region for region in Region
                   if region in vocab.REGION_CHOICES or region in regions]
    tables = (
        _table("categories", _l("Notes by need category"), _l("Need category"),
               list(NeedCategory), counts["categories"], columns, quarter_totals,
               _l("Notes (a note can name several categories)")),
        _table("regions", _l("Notes by region"), _l("Region"), region_rows, regions, columns,
               quarter_totals, _l("All notes")),
        _table("groups", _l("Notes by population group"), _l("Population group"),
               list(PopulationGroup), counts["groups"], columns, quarter_totals,
               _l("Notes (a note can name several groups)")),
    )
    return Dashboard(year, tables, columns,
                     stats.suppress_series(quarter_totals, total=sum(quarter_totals)))


def _count(user, year: int) -> dict:
    """The year's counts before suppression, as JSON: notes per quarter, and
    {stored value: [count per quarter]} per dimension. Labels and suppression
    are applied on every request (they depend on the reader's language only)."""
    window = (published_notes_visible_to(user), Note.period >= date(year, 1, 1),
              Note.period < date(year + 1, 1, 1))
    per_quarter = _per_quarter(db.session.execute(
        select(Note.period, func.count(Note.id)).where(*window).group_by(Note.period)))
    return {
        "quarters": [per_quarter.get(q, 0) for q in QUARTERS],
        "categories": _counts(select(NoteCategory.category, Note.period, func.count(Note.id))
                              .join(Note, Note.id == NoteCategory.note_id).where(*window)
                              .group_by(NoteCategory.category, Note.period)),
        "groups": _counts(select(NoteGroup.population_group, Note.period, func.count(Note.id))
                          .join(Note, Note.id == NoteGroup.note_id).where(*window)
                          .group_by(NoteGroup.population_group, Note.period)),
        "regions": _counts(select(Note.region, Note.period, func.count(Note.id)).where(*window)
                           .group_by(Note.region, Note.period)),
    }


def _quarter(period: date) -> int:
    return (period.month - 1) // 3 + 1


def _per_quarter(rows) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for period, count in rows:
        counts[_quarter(period)] += count
    return counts


def _counts(query) -> dict[str, list[int]]:
    """{stored value: [count per quarter]} from (value, period, count) rows."""
    counts: dict[str, list[int]] = {}
    for value, period, count in db.session.execute(query):
        if value is not None:  # a published note always has its region; be safe all the same
            counts.setdefault(str(value), [0] * len(QUARTERS))[_quarter(period) - 1] += count
    return counts


def _table(key, title, row_label, values, counts, columns, quarter_totals,
           total_label) -> DimensionTable:
    grid = [counts.get(value, [0] * len(QUARTERS)) for value in values]
    table = stats.suppress_table(grid, column_totals=quarter_totals, total=sum(quarter_totals))
    return DimensionTable(key, str(title), str(row_label),
                          tuple(vocab.label(value) for value in values), columns, table,
                          str(total_label))


def csv_text(dashboard: Dashboard, hidden_text: str) -> str:
    """The dashboard's tables as one CSV, suppressed exactly as on the page."""
    header = ["table", "row", *dashboard.quarters, "total"]
    rows = []
    for item in dashboard.tables:
        for label, cells, total in zip(item.rows, item.table.cells, item.table.row_totals,
                                       strict=True):
            rows.append([item.title, label, *(c.text(hidden_text) for c in cells),
                         total.text(hidden_text)])
        rows.append([item.title, item.total_label,
                     *(c.text(hidden_text) for c in item.table.column_totals),
                     item.table.total.text(hidden_text)])
    return stats.table_csv(header, rows)
