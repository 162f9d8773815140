"""A coordinator creates a network event with two places; three members say
they are going; one cancels and the person on the waiting list gets the
place — in a real browser, each person in their own browser context."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from rmn_portal.accounts.models import Role, User
from rmn_portal.events.models import Event, Registration, RegistrationStatus
from rmn_portal.notify.models import Notification

from ..factories import PASSWORD, totp_code
from .conftest import sign_in

pytestmark = pytest.mark.browser


def _respond(page, event_url: str, answer: str) -> None:
    page.goto(event_url)
    page.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save my response").click()
    page.wait_for_url(re.compile(r"/events/\d+"))


def test_waitlisted_member_is_promoted_when_someone_cancels(live_server, new_page):
    with live_server.data() as make:
        hub = make.org(name="Iris Browser Hub", country="RS")
        coordinator = make.user(hub, Role.COORDINATOR, name="Cora Coordinator",
                                email="cora.events@example.org")
        members = [make.user(make.org(name=f"Member Org {n}"), name=name,
                             email=f"{name.split()[0].lower()}.events@example.org")
                   for n, name in enumerate(("Ana Prva", "Besnik Dyti", "Vesna Treca"), 1)]
        coordinator_id = coordinator.id
        emails = [member.email for member in members]

    with live_server.context() as session:
        code = totp_code(session.get(User, coordinator_id))

    # The coordinator, signed in with two-factor, creates the event.
    organiser = new_page()
    sign_in(organiser, "cora.events@example.org", PASSWORD, code)
    organiser.wait_for_url("**/dashboard")
    organiser.goto("/events")
    organiser.get_by_role("link", name="New event").first.click()
    start = (datetime.now(ZoneInfo("Europe/Belgrade")) + timedelta(days=21)).replace(
        hour=10, minute=0)
    organiser.get_by_label("Title").fill("Regional caseworkers' meeting")
    organiser.get_by_label("Kind").select_option(label="Meeting")
    organiser.get_by_label("Venue").fill("Iris Browser Hub, Cetinjska 15")
    organiser.get_by_label("City", exact=True).fill("Beograd")
    organiser.get_by_label("Country").select_option(label="Serbia")
    organiser.get_by_label("Start", exact=True).fill(start.strftime("%Y-%m-%dT%H:%M"))
    organiser.get_by_label("End", exact=True).fill(start.strftime("%Y-%m-%dT13:00"))
    organiser.get_by_label("Visibility").select_option("network")
    organiser.get_by_label("Capacity").fill("2")
    organiser.get_by_role("button", name="Save event").click()
    organiser.wait_for_url(re.compile(r"/events/\d+$"))
    event_url = organiser.url
    expect(organiser.get_by_role("heading", name="Regional caseworkers' meeting")).to_be_visible()
    expect(organiser.get_by_text("0 of 2 places taken.")).to_be_visible()

    # Three members answer "Going"; the third joins the waiting list.
    people = []
    for email in emails:
        page = new_page()
        sign_in(page, email, PASSWORD)
        page.wait_for_url("**/dashboard")
        _respond(page, event_url, "Going")
        people.append(page)
    first, _second, third = people
    expect(first.get_by_text("You are going: your place is confirmed.")).to_be_visible()
    expect(third.get_by_text("You are on the waiting list, in position 1.")).to_be_visible()

    # The first member cancels; the waiting member gets the place at once.
    _respond(first, event_url, "Not going")
    expect(first.get_by_text("You are not going.")).to_be_visible()
    third.reload()
    expect(third.get_by_text("You are going: your place is confirmed.")).to_be_visible()
    expect(third.get_by_text("2 of 2 places taken.")).to_be_visible()

    organiser.goto(event_url + "/participants")
    row = organiser.get_by_role("row", name=re.compile("Vesna Treca"))
    expect(row.get_by_role("cell", name="Has a place")).to_be_visible()

    with live_server.context() as session:
        event = session.scalar(select(Event).where(
            Event.title == "Regional caseworkers' meeting"))
        statuses = dict(session.execute(
            select(User.email, Registration.status).join(User, User.id == Registration.user_id)
            .where(Registration.event_id == event.id)).all())
        assert statuses == {emails[0]: RegistrationStatus.NOT_GOING,
                            emails[1]: RegistrationStatus.GOING,
                            emails[2]: RegistrationStatus.GOING}
        promoted = session.scalars(select(Notification).join(
            User, User.id == Notification.user_id).where(
            Notification.kind == "events.promoted")).all()
        assert [n.user_id for n in promoted] == [
            session.scalar(select(User.id).where(User.email == emails[2]))]
