"""An anonymous visitor uses the public site in a real browser: the landing
page, the directory and an organisation, a published statement, the
published notes and their dashboard, public resources, public events, the
search and every feed the pages link to — and never sees anything that is
not public."""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from rmn_portal.accounts.models import Role
from rmn_portal.content import Visibility
from rmn_portal.db import utcnow
from rmn_portal.resources.models import ResourceKind
from rmn_portal.resources.services import ResourceFields, create_resource
from rmn_portal.resources.uploads import Upload

from ..browser_support import WATCHERS
from ..events.helpers import make_event
from ..hub.conftest import published_note, published_statement
from ..resources.conftest import pdf

pytestmark = pytest.mark.browser

HIDDEN = "Visitor-hidden retreat plan"  # network-only content: never shown to a visitor


def _public_world(live_server):
    soon = utcnow() + timedelta(days=1)  # before any other test's public event
    with live_server.data() as make:
        org = make.org(name="Sava Visitor Collective", slug="sava-visitor", city="Novi Sad",
                       description="We run a **safe house** in Novi Sad.")
        author = make.user(org, name="Iva Visitor")
        reviewer = make.user(make.org(name="Neretva Visitor House"), Role.COORDINATOR)
        published_statement(author, "Open the asylum offices now")
        note = published_note(author, reviewer)
        make_event(author, title="Open legal clinic for visitors", starts_at=soon,
                   visibility=Visibility.PUBLIC)
        make_event(author, title=HIDDEN, starts_at=soon, visibility=Visibility.NETWORK)
        create_resource(author, ResourceFields(
            title="Guide to the asylum procedure", kind=ResourceKind.TOOLKIT,
            summary="Step by step, for **caseworkers**.", languages=["en"],
            visibility=Visibility.PUBLIC), [Upload("guide.pdf", io.BytesIO(pdf()))])
        create_resource(author, ResourceFields(
            title=HIDDEN, kind=ResourceKind.REPORT, languages=["en"],
            visibility=Visibility.NETWORK, external_url="https://example.org/r"), [])
        return note.id


def test_anonymous_visitor_uses_the_public_site(live_server, page):
    note_id = _public_world(live_server)
    feeds = set()

    def collect_feeds():
        for link in page.locator("link[rel=alternate], a[href$='.atom'], a[href$='.ics']").all():
            feeds.add(link.get_attribute("href"))
        assert HIDDEN not in page.content(), page.url

    page.goto("/")
    expect(page.get_by_role("link", name="Sign in for members")).to_be_visible()
    collect_feeds()

    # A published statement, from the landing page.
    page.get_by_role("link", name="Open the asylum offices now").click()
    expect(page.get_by_role("heading", name="Open the asylum offices now", level=1)).to_be_visible()
    expect(page.get_by_text("Pushbacks at the border must stop.")).to_be_visible()
    page.goto("/statements")
    expect(page.get_by_role("link", name="Open the asylum offices now")).to_be_visible()
    collect_feeds()

    # A public event, from the landing page.
    page.goto("/")
    page.get_by_role("link", name="Open legal clinic for visitors").click()
    expect(page.get_by_role("heading", name="Open legal clinic for visitors")).to_be_visible()
    expect(page.get_by_role("link", name="Add to my calendar (.ics)")).to_be_visible()
    collect_feeds()
    page.goto("/events")
    expect(page.get_by_role("link", name="Open legal clinic for visitors").first).to_be_visible()
    collect_feeds()

    # The published notes and the needs dashboard.
    page.goto("/")
    page.get_by_role("link", name="Published notes").click()
    page.locator(f"a[href='/notes/{note_id}']").first.click()
    assert "Turned away from private housing" in page.locator("article").inner_text()
    page.goto("/")
    page.get_by_role("link", name="Needs dashboard").click()
    page.wait_for_url("**/notes/dashboard")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    collect_feeds()

    # The directory and one organisation's profile.
    page.goto("/")
    page.get_by_role("link", name="All organisations").click()
    page.get_by_role("link", name="Sava Visitor Collective").click()
    expect(page.get_by_role("heading", name="Sava Visitor Collective")).to_be_visible()
    expect(page.locator("strong", has_text="safe house")).to_be_visible()  # Markdown rendered
    collect_feeds()

    # Public resources: listed, found by search, downloaded.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resources").click()
    collect_feeds()
    page.get_by_role("link", name="Guide to the asylum procedure").click()
    expect(page.locator("strong", has_text="caseworkers")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download guide.pdf").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    collect_feeds()

    page.goto("/search?q=asylum")
    results = page.locator("main")
    expect(results.get_by_role("link", name="Guide to the asylum procedure")).to_be_visible()
    assert page.locator("main").get_by_label("Search for").input_value() == "asylum"
    collect_feeds()

    # Every feed the pages announce answers, in its format, with public content only.
    assert {"/statements/feed.atom", "/notes/feed.atom", "/resources/feed.atom",
            "/events/public.ics"} <= feeds
    for href in sorted(feeds):
        response = page.request.get(href)
        assert response.ok, href
        body = response.text()
        assert HIDDEN not in body, href
        if href.endswith(".atom"):
            assert response.headers["content-type"].startswith("application/atom+xml"), href
            assert "<feed" in body, href
        elif href.endswith(".ics"):
            assert response.headers["content-type"].startswith("text/calendar"), href
            assert "BEGIN:VCALENDAR" in body, href
    assert re.search(r"Open legal clinic for visitors", page.request.get(
        "/events/public.ics").text())

    # Members-only pages send the visitor to sign in.
    for path in ("/dashboard", "/notes/mine", "/trainings"):
        page.goto(path)
        page.wait_for_url(re.compile(r"/login\?next="))

    # The browser asked the portal, and nobody else, for everything it loaded.
    assert WATCHERS[page].requested_hosts == {urlsplit(live_server.url).netloc}
