"""The calendar on a 360-pixel phone, with JavaScript switched off: no page
scrolls sideways, the month becomes a list of the days that have events,
and a member can still respond."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from rmn_portal.accounts.models import Role
from rmn_portal.events import services

from ..browser_support import PageWatcher
from ..factories import PASSWORD
from .conftest import sign_in

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide"


def test_calendar_pages_fit_a_phone_without_javascript(live_server, browser):
    start = (datetime.now(UTC) + timedelta(days=2)).replace(hour=8, minute=0, second=0,
                                                            microsecond=0)
    with live_server.data() as make:
        org = make.org(name="Phone Test Collective")
        organiser = make.user(org, Role.ORG_ADMIN)
        member = make.user(make.org(), email="phone.member@example.org")
        event = services.create_event(
            organiser, title="A rather long title for a workshop on safe referral pathways",
            city="Novi Sad", country="RS", venue="Community centre, Bulevar oslobođenja 1",
            starts_at=start, ends_at=start + timedelta(hours=3), visibility="network",
            capacity=10, questions=[{"label": "Which session?", "choices": ["A", "B"]}])
        event_id = event.id
        assert member.id

    context = browser.new_context(base_url=live_server.url, viewport={"width": 360,
                                                                       "height": 740},
                                  java_script_enabled=False, timezone_id="Europe/Belgrade")
    page = context.new_page()
    # Its own context (no JavaScript, a phone screen): watched like every journey.
    watcher = PageWatcher(urlsplit(live_server.url).netloc)
    watcher.attach(page)
    try:
        sign_in(page, "phone.member@example.org", PASSWORD)
        page.wait_for_url("**/dashboard")
        for path in ("/events", f"/events/month?month={start:%Y-%m}", f"/events/{event_id}",
                     "/events/new", "/events/subscriptions"):
            page.goto(path)
            _no_sideways_scroll(page)

        page.goto(f"/events/month?month={start:%Y-%m}")
        visible_days = page.locator("td:visible")
        assert visible_days.count() >= 1
        expect(page.get_by_role("link", name=re.compile("A rather long title"))).to_be_visible()
        assert not page.locator("thead").is_visible()

        page.goto(f"/events/{event_id}")
        page.get_by_label("Going", exact=True).check()
        page.get_by_label("Which session?").select_option("B")
        page.get_by_role("button", name="Save my response").click()
        page.wait_for_url(re.compile(rf"/events/{event_id}"))
        expect(page.get_by_text("You are going: your place is confirmed.")).to_be_visible()
    finally:
        context.close()
    assert not watcher.problems, "\n".join(watcher.problems)
