"""The donor report: the network's training indicators for a period, by
organisation, country, gender, competency and quarter, as CSV or XLSX.

Every count of people goes through small-cell suppression: under 5 shows as
"<5", and where a total would give a hidden count away by subtraction, a
second count of that row or column is hidden too ("hidden"). Hours are
hidden with their people. Text a spreadsheet could run as a formula (an
organisation called "=HYPERLINK(…)", say) is neutralised in both formats.
"""

from dataclasses import dataclass
from io import BytesIO

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Font

from .. import stats
from ..events.exports import neutralise
from . import figures
from .figures import Facts, Period, Table
from .models import AgeBand, Competency

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Report:
    period: Period
    tables: tuple[Table, ...]  # people (and hours) per dimension
    certificates: stats.SuppressedSeries
    guests: tuple[Table, ...]


def build(period: Period, competencies: list[Competency]) -> Report:
    facts = figures.collect(period)
    tables = (
        figures.people_table(facts, "organisations", _l("People trained by organisation"),
                             _l("Organisation"),
                             figures.org_rows(m.org_id for m in facts.marks),
                             lambda mark: [mark.org_id], with_hours=True),
        figures.people_table(facts, "countries", _l("People trained by country"),
                             _l("Country"), figures.country_rows(facts),
                             lambda mark: [mark.country], with_hours=True),
        figures.people_table(facts, "genders", _l("People trained by gender"),
                             _l("Gender (self-declared)"), figures.gender_rows(),
                             lambda mark: [mark.gender], with_hours=True),
        figures.people_table(facts, "competencies", _l("People trained by competency"),
                             _l("Competency"), [(c.id, c.name) for c in competencies],
                             figures.competency_keys(facts), with_hours=True),
    )
    return Report(period, tables, figures.certificates_by_quarter(facts), _guest_tables(facts))


def _guest_tables(facts: Facts) -> tuple[Table, ...]:
    """Participants without accounts: participations (one person at two
    sessions counts twice; there are no names to tell them apart)."""
    quarters = facts.period.quarters
    index = {q: i for i, q in enumerate(quarters)}

    def table(key, title, row_label, rows, pick):
        row_index = {value: i for i, (value, _label) in enumerate(rows)}
        grid = [[0] * len(quarters) for _ in rows]
        for quarter, gender, age, count in facts.guests:
            if quarter in index:
                grid[row_index[pick(gender, age)]][index[quarter]] += count
        return Table(key, str(title), str(row_label), tuple(str(label) for _v, label in rows),
                     tuple(figures.quarter_label(q) for q in quarters),
                     stats.suppress_table(grid, column_totals=[
                         sum(row[c] for row in grid) for c in range(len(quarters))]))

    ages = [(a.value, a.label) for a in AgeBand] + [(figures.NOT_STATED, _l("Not stated"))]
    return (table("guest-genders", _l("Participants without an account, by gender"),
                  _l("Gender"), figures.gender_rows(), lambda gender, _age: gender),
            table("guest-ages", _l("Participants without an account, by age band"),
                  _l("Age band"), ages, lambda _gender, age: age))


# --- rows, as both formats write them -------------------------------------------------------

def rows(report: Report) -> list[list]:
    hidden = _("hidden")
    header = [_("Indicator"), _("Breakdown"), _("Row"),
              *[figures.quarter_label(q) for q in report.period.quarters], _("Total")]
    lines: list[list] = [header]

    def add(indicator, breakdown, labels, table, total_label, as_hours=False):
        def text(cell):
            if as_hours and not cell.hidden:
                return figures.hours_text(cell.value)
            return cell.value if not cell.hidden else cell.text(hidden)

        for label, cells, total in zip(labels, table.cells, table.row_totals, strict=True):
            lines.append([indicator, breakdown, label, *map(text, cells), text(total)])
        lines.append([indicator, breakdown, total_label, *map(text, table.column_totals),
                      text(table.total)])

    for item in report.tables:
        add(_("People trained"), item.row_label, item.rows, item.table, _("All people trained"))
    for item in report.tables:
        add(_("Training hours (participant-hours)"), item.row_label, item.rows, item.hours,
            _("All hours"), as_hours=True)
    series = report.certificates
    lines.append([_("Certificates issued"), "", _("All"),
                  *[c.value if not c.hidden else c.text(hidden) for c in series.cells],
                  series.total.value if not series.total.hidden else series.total.text(hidden)])
    for item in report.guests:
        add(_("Participations without an account"), item.row_label, item.rows, item.table,
            _("All"))
    return [[neutralise(value) for value in line] for line in lines]


def to_csv(report: Report) -> bytes:
    lines = rows(report)
    # stats.table_csv neutralises again: harmless, values are already safe.
    return stats.table_csv(lines[0], lines[1:]).encode("utf-8-sig")


def to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")[:31]
    for line in rows(report):
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "D2"
    notes = workbook.create_sheet(_("About")[:31])
    for line in about_lines(report):
        notes.append([neutralise(line)])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def about_lines(report: Report) -> list[str]:
    return [
        _("Training indicators of the network, %(start)s to %(end)s.",
          start=report.period.start.isoformat(), end=report.period.end.isoformat()),
        _("People trained: distinct people with at least one attended session (present or "
          "late); totals count each person once, so they are not sums."),
        _("Counts under 5 are shown as “<5”; where a total would reveal such a count, one more "
          "value of the same row or column is shown as “hidden”. Hours are hidden with their "
          "people."),
        _("Gender is self-declared and optional."),
    ]
