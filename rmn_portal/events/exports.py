"""Participant lists as CSV and XLSX, for organisers.

Names, answers and notes are typed by people; a spreadsheet would run a
value starting with =, +, -, @ (or a tab or carriage return) as a formula.
Such values get a leading apostrophe, the usual neutralisation (OWASP "CSV
injection"), in both formats.
"""

import csv
from io import BytesIO, StringIO

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from . import localtime
from .models import Event, Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A cell value that no spreadsheet will evaluate."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def table(event: Event, registrations: list[Registration], positions: dict[int, int], *,
          include_private: bool, tz) -> list[list]:
    """Header and rows, already neutralised."""
    header = [_("Name"), _("Pronouns"), _("Organisation"), _("E-mail address"), _("Status"),
              _("Waiting list position"), _("Responded"), _("Attended")]
    questions = event.questions or []
    header += [question["label"] for question in questions]
    if include_private:
        header += [_("Accessibility needs"), _("Dietary requirements")]
    rows = [header]
    for registration in registrations:
        person = registration.user
        responded = localtime.to_local(registration.updated_at, tz)
        row = [person.name, person.pronouns, person.org.name, person.email,
               registration.status.label, positions.get(registration.id),
               responded.strftime("%Y-%m-%d %H:%M") if responded else "",
               registration.attended]
        row += [(registration.answers or {}).get(question["id"], "") for question in questions]
        if include_private:
            row += [registration.accessibility_needs, registration.dietary_requirements]
        rows.append(row)
    return [[neutralise(cell) for cell in row] for row in rows]


def to_csv(rows: list[list]) -> bytes:
    buffer = StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_MINIMAL).writerows(rows)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8
    # (names such as Đurđević or Krasniqi keep their letters).
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title or "Participants")[:31].translate(str.maketrans("", "", "[]:*?/\\"))
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
