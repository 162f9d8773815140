"""Attendance imported from a CSV of e-mail addresses: a preview that
reports unknown addresses and broken encodings by line, and imports nothing
or only what the user confirms."""

import re

import pytest
from sqlalchemy import func, select

from rmn_portal.db import db
from rmn_portal.trainings import csv_import
from rmn_portal.trainings.models import Attendance, AttendanceStatus

from ..factories import login
from .conftest import enrol_all, make_programme


@pytest.fixture
def setup(net, client):
    programme = make_programme(net, days=(-2,))
    people = enrol_all(net, programme, [*net.iris_staff, net.luka_staff[0]])
    session = programme.sessions[0]
    login(client, net.coordinator)
    url = f"/trainings/{programme.id}/sessions/{session.id}/attendance"
    return programme, session, people, url


def upload(client, url, content: bytes, name="list.csv"):
    from io import BytesIO

    return client.post(url + "/import", data={"file": (BytesIO(content), name)},
                       content_type="multipart/form-data")


def marks_count():
    return db.session.scalar(select(func.count()).select_from(Attendance))


def test_preview_reports_problems_by_line_and_saves_nothing(client, net, setup):
    _programme, _session, _people, url = setup
    outsider = net.luka_staff[1]  # has an account, not enrolled
    content = ("E-mail\n"
               f"{net.iris_staff[0].email}\n"
               "nobody@nowhere.example\n"
               f"{outsider.email}\n"
               "not an address\n"
               f"{net.iris_staff[0].email.upper()}\n").encode()
    response = upload(client, url, content)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Nothing has been saved yet." in body
    problems = re.search(r'id="problems-heading".*?</table>', body, re.S).group(0)
    rows = re.findall(r"<tr><td>(\d+)</td><td[^>]*>(.*?)</td><td>(.*?)</td></tr>", problems)
    by_line = {int(number): problem for number, _text, problem in rows}
    assert by_line[3].startswith("No account has this address")
    assert by_line[4].startswith("This person is not enrolled")
    assert by_line[5].startswith("This is not an e-mail address")
    assert by_line[6].startswith("This address was already listed")
    assert 1 not in by_line and 2 not in by_line  # the header and the good line
    assert "Iris Person 1" in body
    assert marks_count() == 0


def test_a_file_in_a_legacy_encoding_is_reported_and_nothing_can_be_imported(client, net,
                                                                           setup):
    _programme, _session, _people, url = setup
    content = (f"{net.iris_staff[0].email};Đurđević\n".encode("cp1250")
               + f"{net.iris_staff[1].email}\n".encode())
    response = upload(client, url, content)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "not valid UTF-8" in body
    assert re.search(r"<tr><td>1</td>", body)
    assert 'name="enrolment"' not in body  # no import offered until the file is fixed
    assert marks_count() == 0


def test_only_the_confirmed_people_are_marked_present(client, net, setup):
    _programme, session, people, url = setup
    content = "\n".join(p.user.email for p in people).encode()
    preview = upload(client, url, content).get_data(as_text=True)
    offered = re.findall(r'name="enrolment" value="(\d+)"', preview)
    assert sorted(map(int, offered)) == sorted(p.id for p in people)
    response = client.post(url + "/import/confirm", data={"enrolment": [str(people[0].id),
                                                                         str(people[2].id)]})
    assert response.status_code == 302
    marks = {row.enrolment_id: row.status for row in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session.id))}
    assert marks == {people[0].id: AttendanceStatus.PRESENT,
                     people[2].id: AttendanceStatus.PRESENT}


def test_confirming_someone_not_enrolled_imports_nothing(client, net, setup, make):
    _programme, _session, people, url = setup
    other = make_programme(net, days=(-3,), title="Another training")
    (stranger,) = enrol_all(net, other, net.luka_staff[1:])
    response = client.post(url + "/import/confirm",
                           data={"enrolment": [str(people[0].id), str(stranger.id)]})
    assert response.status_code == 302
    assert marks_count() == 0


def test_missing_and_oversized_files_are_refused(client, setup):
    _programme, _session, _people, url = setup
    response = client.post(url + "/import", data={})
    assert response.status_code == 422
    assert "Choose a CSV file." in response.get_data(as_text=True)
    # Over 1 MB (checked on the parser: the test client leaves its spooled
    # temporary file for so large a body open).
    big = b"a@example.org\n" * (csv_import.MAX_BYTES // 14 + 10)
    assert csv_import.preview(big, accounts={}, enrolled={}).too_large


def test_the_parser_on_its_own():
    data = "\ufeffemail\nA@Example.org,extra\n\n<b@example.org>\n".encode()
    result = csv_import.preview(data, accounts={"a@example.org": "A", "b@example.org": "B"},
                                enrolled={"a@example.org": 1})
    assert [(line.number, line.problem) for line in result.lines] == [
        (2, None), (4, csv_import.Problem.NOT_ENROLLED)]
