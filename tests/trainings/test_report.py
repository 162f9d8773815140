"""The donor report: small-cell suppression (including the complementary
cell), formula neutralisation, CSV and XLSX, and who may export it."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from rmn_portal.accounts.models import Role
from rmn_portal.trainings import attendance, enrolment, services
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AttendanceStatus, Gender

from ..factories import login

PERIOD = {"start": "2025-01-01", "end": "2025-03-31"}


@pytest.fixture
def trained_network(net, make):
    """Q1 2025: 3 people of a small organisation, 6 of Iris, 7 of an
    organisation whose name looks like a formula."""
    small = make.org(name="Small Circle", country="ME")
    formula = make.org(name="=HYPERLINK(\"http://x.example\",\"click\")", country="BA")
    people = ([make.user(small) for _ in range(3)] + [make.user(net.iris) for _ in range(6)]
              + [make.user(formula) for _ in range(7)])
    programme = services.create_programme(
        net.coordinator, org=None, competencies=[net.law], title="Asylum law",
        visibility="network", modality="in_person", planned_minutes=180,
        enrolment_mode="open", completion_percent=100)
    start = datetime(2025, 2, 10, 9, tzinfo=UTC)
    session = services.add_session(net.coordinator, programme, title="Day 1", city="Beograd",
                                   format="in_person", timezone="Europe/Belgrade",
                                   starts_at=start, ends_at=start + timedelta(hours=3))
    services.publish(net.coordinator, programme)
    enrolments = [enrolment.nominate(net.coordinator, programme, p) for p in people]
    for item in enrolments[:10]:
        item.gender = Gender.WOMAN
    attendance.record(net.coordinator, session,
                      {e.id: Mark(AttendanceStatus.PRESENT) for e in enrolments})
    return small, formula


def report_rows(client, extension="csv"):
    response = client.get(f"/trainings/report.{extension}", query_string=PERIOD)
    assert response.status_code == 200
    return response


def by_org(rows):
    return {row[2]: row[3:] for row in rows if row[0] == "People trained"
            and row[1] == "Organisation"}


def test_csv_suppresses_small_counts_and_the_complementary_cell(client, net, trained_network):
    login(client, net.coordinator)
    response = report_rows(client)
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Indicator", "Breakdown", "Row", "Q1 2025", "Total"]
    orgs = by_org(rows)
    assert orgs["Small Circle"] == ["<5", "<5"]  # 3 people: primary suppression
    # The column total (16) would reveal the 3 by subtraction: the next
    # smallest cell (Iris, 6) is hidden, and so is Iris's row total.
    assert orgs["Iris Test Collective"] == ["hidden", "hidden"]
    formula_row = next(key for key in orgs if "HYPERLINK" in key)
    assert formula_row.startswith("'=")  # neutralised, never a formula
    assert orgs[formula_row] == ["7", "7"]
    assert orgs["All people trained"] == ["16", "16"]
    hours = {row[2]: row[3:] for row in rows
             if row[0].startswith("Training hours") and row[1] == "Organisation"}
    assert hours["Small Circle"] == ["<5", "<5"]  # hours hidden with their people
    assert hours["Iris Test Collective"] == ["hidden", "hidden"]
    assert hours[formula_row] == ["21", "21"]
    genders = {row[2]: row[3:] for row in rows if row[0] == "People trained"
               and row[1] == "Gender (self-declared)"}
    assert genders["Woman"] == ["10", "10"]
    assert genders["Not stated"] == ["6", "6"]


def test_xlsx_has_the_same_suppressed_values_as_text(client, net, trained_network):
    login(client, net.coordinator)
    response = report_rows(client, "xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    orgs = {row[2]: row[3:] for row in values if row[0] == "People trained"
            and row[1] == "Organisation"}
    assert orgs["Small Circle"] == ["<5", "<5"]
    assert orgs["Iris Test Collective"] == ["hidden", "hidden"]
    assert orgs["All people trained"] == [16, 16]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"  # no formulas anywhere
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@"))


def test_only_coordinators_export(client, net, trained_network):
    for person in (net.iris_admin, net.iris_staff[0], net.admin):
        client.post("/logout")
        login(client, person)
        assert client.get("/trainings/report.csv", query_string=PERIOD).status_code == 403


def test_a_period_that_ends_before_it_starts_is_refused(client, net):
    login(client, net.coordinator)
    response = client.get("/trainings/report.csv",
                          query_string={"start": "2025-03-01", "end": "2025-01-01"})
    assert response.status_code == 422
    assert "must not be before its start" in response.get_data(as_text=True)


def test_participants_without_accounts_are_counts_only(client, net, trained_network, make):
    from rmn_portal.trainings.models import TrainingSession

    session = make.session.query(TrainingSession).first()
    attendance.add_guests(net.coordinator, session, 12, Gender.MAN, "18_24")
    attendance.add_guests(net.coordinator, session, 2, None, None)
    login(client, net.coordinator)
    rows = list(csv.reader(io.StringIO(report_rows(client).data.decode("utf-8-sig"))))
    guests = {row[2]: row[3:] for row in rows if row[0] == "Participations without an account"
              and row[1] == "Age band"}
    assert guests["18–24"] == ["12", "12"]
    assert guests["Not stated"] == ["<5", "<5"]
    assert make.user(net.iris, Role.MEMBER)  # nothing else is needed from the world
