"""Certificates: the public verification page (valid, invalid, revoked),
the printable page, the PDF and the ZIP of a training's certificates."""

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from rmn_portal.trainings import attendance, certificates
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AttendanceStatus

from ..factories import login
from .conftest import enrol_all, make_programme


@pytest.fixture
def issued(net):
    net.iris_staff[0].name = "Đorđe Đurđević"
    programme = make_programme(net, days=(-9, -2), hours=3, percent=100,
                               title="Psychosocial first aid")
    people = enrol_all(net, programme, [net.iris_staff[0], net.luka_staff[0]])
    for session in programme.sessions:
        attendance.record(net.coordinator, session,
                          {e.id: Mark(AttendanceStatus.PRESENT) for e in people})
    return programme, [certificates.active_certificate(e) for e in people]


def result_section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="result-heading".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_a_valid_code_confirms_name_training_dates_and_hours(client, issued):
    _programme, (cert, _other) = issued
    response = client.get(f"/trainings/verify?code={certificates.display_code(cert.code)}")
    assert response.status_code == 200
    section = result_section(response.get_data(as_text=True))
    assert "This certificate is valid" in section
    assert "Đorđe Đurđević" in section and "Psychosocial first aid" in section
    assert ">6<" in section  # hours
    # Lower case and spaces are forgiven.
    relaxed = " ".join(cert.code[i:i + 4] for i in range(0, 24, 4)).lower()
    again = client.get("/trainings/verify", query_string={"code": relaxed})
    assert "This certificate is valid" in again.get_data(as_text=True)


def test_unknown_malformed_and_revoked_codes_get_the_same_neutral_answer(client, net, issued):
    _programme, (cert, _other) = issued
    certificates.revoke(net.coordinator, cert, "Issued to the wrong person")
    answers = set()
    for code in (cert.code, "A" * 24, "not-a-code", "=1+1"):
        response = client.get("/trainings/verify", query_string={"code": code})
        assert response.status_code == 200
        section = result_section(response.get_data(as_text=True))
        assert "Not valid" in section
        assert "Đurđević" not in section and "Psychosocial" not in section
        answers.add(section)
    assert len(answers) == 1  # nothing tells a revoked code from one that never existed


def test_verification_is_public_and_codes_are_long_and_random(client, issued):
    _programme, (cert, other) = issued
    assert len(cert.code) == 24 and re.fullmatch(r"[A-Z2-7]{24}", cert.code)
    assert cert.code != other.code
    assert client.get("/trainings/verify").status_code == 200


def test_the_holder_downloads_the_pdf_with_the_code(client, issued):
    _programme, (cert, _other) = issued
    login(client, cert.enrolment.user)
    response = client.get(f"/trainings/certificates/{cert.id}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Đorđe Đurđević" in text
    assert "Psychosocial first aid" in text
    assert certificates.display_code(cert.code) in text
    page = client.get(f"/trainings/certificates/{cert.id}")
    assert page.status_code == 200
    assert certificates.display_code(cert.code) in page.get_data(as_text=True)


def test_other_people_cannot_open_a_certificate(client, net, issued):
    _programme, (cert, _other) = issued
    for outsider in (net.iris_staff[1], net.luka_admin, net.admin):
        client.post("/logout")
        login(client, outsider)
        assert client.get(f"/trainings/certificates/{cert.id}").status_code == 404
        assert client.get(f"/trainings/certificates/{cert.id}.pdf").status_code == 404
    client.post("/logout")
    login(client, net.iris_admin)  # the holder's organisation admin
    assert client.get(f"/trainings/certificates/{cert.id}.pdf").status_code == 200


def test_coordinators_download_every_certificate_at_once(client, net, issued):
    programme, _certs = issued
    login(client, net.coordinator)
    response = client.get(f"/trainings/{programme.id}/certificates.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert len(names) == 2 and all(name.endswith(".pdf") for name in names)
    assert any(name.startswith("Đorđe-Đurđević") for name in names)
    for name in names:
        assert archive.read(name).startswith(b"%PDF")


def test_members_cannot_download_the_zip(client, net, issued):
    programme, _certs = issued
    login(client, net.iris_staff[0])
    assert client.get(f"/trainings/{programme.id}/certificates.zip").status_code == 403


def test_revoking_needs_a_reason_and_stops_verification(client, net, issued):
    _programme, (cert, _other) = issued
    login(client, net.coordinator)
    refused = client.post(f"/trainings/certificates/{cert.id}/revoke", data={"reason": ""})
    assert refused.status_code == 422 and cert.is_valid
    done = client.post(f"/trainings/certificates/{cert.id}/revoke",
                       data={"reason": "Attendance sheet was wrong"})
    assert done.status_code == 302
    assert certificates.verify(cert.code) is None
