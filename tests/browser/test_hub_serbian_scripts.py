"""A visitor switches the portal to Serbian Cyrillic: the interface and the
Serbian titles written in Latin letters are shown in Cyrillic, and a search
typed in Latin letters in the header's box finds them (also on a phone)."""

from datetime import timedelta

from playwright.sync_api import expect

from rmn_portal.content import Visibility
from rmn_portal.db import utcnow

from ..events.helpers import make_event
from ..hub.conftest import add_resource, published_statement


def test_switching_to_cyrillic_shows_interface_and_serbian_titles_in_cyrillic(live_server,
                                                                             page):
    with live_server.data() as make:
        org = make.org(name="Duga Beograd")
        author = make.user(org)
        published_statement(author, "Zajednička izjava o pravu na azil", language="sr")
        make_event(author, title="Radionica o pravima izbeglica", visibility=Visibility.PUBLIC,
                   starts_at=utcnow() + timedelta(days=5))
        add_resource(author, "Vodič za pravnu pomoć izbeglicama", Visibility.PUBLIC)

    page.goto("/")
    expect(page.get_by_role("link", name="Zajednička izjava o pravu na azil")).to_be_visible()
    page.get_by_label("Language").select_option("sr_Cyrl")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sr-Cyrl"
    nav = page.locator("nav.main-nav")
    expect(nav.get_by_role("link", name="Организације")).to_be_visible()
    expect(page.get_by_role("link", name="Заједничка изјава о праву на азил")).to_be_visible()
    expect(page.get_by_role("link", name="Радионица о правима избеглица")).to_be_visible()
    assert page.get_by_text("Zajednička izjava").count() == 0  # never both scripts
    expect(page.get_by_role("link", name="Водич за правну помоћ избеглицама")).to_be_visible()

    # A search typed in Latin, without diacritics, in the header's box.
    box = page.get_by_role("search", name="Претрага портала").get_by_role("searchbox")
    box.fill("vodic pravnu")
    box.press("Enter")
    page.wait_for_url("**/search?q=vodic*")
    results = page.locator("#group-resource + ul")
    expect(results.get_by_role("link", name="Водич за правну помоћ избеглицама")).to_be_visible()
    assert results.locator("mark").first.inner_text() == "Водич"


def test_the_header_search_box_fits_a_phone(live_server, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/privacy")
    form = page.get_by_role("search", name="Search the portal")
    box = form.get_by_role("searchbox", name="Search for")
    expect(box.is_visible() and form.get_by_role("button", name="Search")).to_be_visible()
    bounds = form.bounding_box()
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 360
    assert box.bounding_box()["height"] >= 30  # a comfortable touch target
    box.fill("azil")
    box.press("Enter")
    page.wait_for_url("**/search?q=azil")
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()

