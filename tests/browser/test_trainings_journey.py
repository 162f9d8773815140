"""A coordinator (two-factor) creates a programme with two sessions, enrols
three people from two organisations and marks attendance; the participant
who completed downloads a certificate whose code verifies on the public
page — in a real browser, each person in their own browser context."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from rmn_portal.accounts.models import Role, User

from ..factories import PASSWORD, totp_code
from .conftest import sign_in

pytestmark = pytest.mark.browser


def _add_session(page, title: str, start: datetime) -> None:
    page.get_by_role("link", name="New session").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Start", exact=True).fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("End", exact=True).fill((start + timedelta(hours=3)).strftime(
        "%Y-%m-%dT%H:%M"))
    page.get_by_label("Venue").fill("Iris Journey Hub, Cetinjska 15")
    page.get_by_label("City", exact=True).fill("Beograd")
    page.get_by_label("Country").select_option(label="Serbia")
    page.get_by_role("button", name="Save session").click()
    page.wait_for_url(re.compile(r"/trainings/\d+#sessions$"))


def test_coordinator_runs_a_training_and_the_certificate_verifies(live_server, new_page,
                                                                  tmp_path):
    with live_server.data() as make:
        iris = make.org(name="Iris Journey Hub", country="RS")
        luka = make.org(name="Luka Journey House", country="BA")
        coordinator = make.user(iris, Role.COORDINATOR, name="Cora Journey",
                                email="cora.trainings@example.org")
        people = [make.user(iris, name="Ana Journey", email="ana.trainings@example.org"),
                  make.user(luka, name="Besnik Journey", email="besnik.trainings@example.org"),
                  make.user(luka, name="Vesna Journey", email="vesna.trainings@example.org")]
        coordinator_id = coordinator.id
        emails = [person.email for person in people]
    with live_server.context() as session:
        code = totp_code(session.get(User, coordinator_id))

    organiser = new_page()
    sign_in(organiser, "cora.trainings@example.org", PASSWORD, code)
    organiser.wait_for_url("**/dashboard")
    organiser.goto("/trainings")
    organiser.get_by_role("link", name="New training").click()
    organiser.get_by_label("Title").fill("Identifying victims of trafficking")
    organiser.get_by_label("Organiser").select_option(label="The network (coordinators)")
    organiser.get_by_label("Planned hours").fill("6")
    organiser.get_by_label("Capacity").fill("12")
    organiser.get_by_role("button", name="Save training").click()
    organiser.wait_for_url(re.compile(r"/trainings/\d+$"))
    training_url = organiser.url

    # Two sessions, both already held (attendance is recorded afterwards).
    now = datetime.now(ZoneInfo("Europe/Belgrade")).replace(second=0, microsecond=0)
    _add_session(organiser, "Trafficking indicators", (now - timedelta(days=8)).replace(hour=9))
    _add_session(organiser, "Referral practice", (now - timedelta(days=1)).replace(hour=9))
    organiser.get_by_role("button", name="Publish").click()
    expect(organiser.get_by_text("The training has been published")).to_be_visible()

    for email in emails:
        organiser.get_by_label("E-mail address").fill(email)
        organiser.get_by_role("button", name="Enrol this person").click()
        organiser.wait_for_url(re.compile(r"#participants$"))
    participants = organiser.locator("#participants")
    for name in ("Ana Journey", "Besnik Journey", "Vesna Journey"):
        expect(participants.get_by_text(name)).to_be_visible()

    # Attendance: Ana comes to both sessions, Besnik to the first, Vesna is excused.
    plan = {"Trafficking indicators": {"Ana Journey": "Present", "Besnik Journey": "Late",
                                       "Vesna Journey": "Excused"},
            "Referral practice": {"Ana Journey": "Present", "Besnik Journey": "Absent",
                                  "Vesna Journey": "Excused"}}
    for session_title, marks in plan.items():
        organiser.goto(training_url)
        organiser.get_by_role("link", name=f"Attendance · {session_title}").click()
        for name, status in marks.items():
            organiser.get_by_role("group", name=re.compile(name)).get_by_label(
                status, exact=True).check()
        organiser.get_by_role("button", name="Save attendance").click()
        expect(organiser.get_by_text("Attendance has been saved")).to_be_visible()
    organiser.goto(training_url)
    assert organiser.locator("#participants").get_by_role(
        "link", name="Certificate · Ana Journey").is_visible()

    # Ana downloads her certificate and checks its code on the public page.
    ana = new_page()
    sign_in(ana, emails[0], PASSWORD)
    ana.wait_for_url("**/dashboard")
    ana.goto(training_url)
    expect(ana.get_by_text("You completed this training.")).to_be_visible()
    with ana.expect_download() as download_info:
        ana.get_by_role("link", name="Download the certificate (PDF)").click()
    pdf_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf_path)
    text = "".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "Ana Journey" in text and "Identifying victims of trafficking" in text
    printed_code = re.search(r"Verification code: ([A-Z2-7-]+)", text).group(1)

    visitor = new_page()
    visitor.goto("/trainings/verify")
    visitor.get_by_label("Verification code").fill(printed_code)
    visitor.get_by_role("button", name="Check").click()
    result = visitor.get_by_role("status")
    expect(result.get_by_text("This certificate is valid")).to_be_visible()
    expect(result.get_by_text("Ana Journey")).to_be_visible()
    expect(result.get_by_text("Identifying victims of trafficking")).to_be_visible()
    wrong = printed_code[:-1] + ("B" if printed_code.endswith("A") else "A")
    visitor.get_by_label("Verification code").fill(wrong)
    visitor.get_by_role("button", name="Check").click()
    expect(visitor.get_by_role("status").get_by_text("Not valid")).to_be_visible()
