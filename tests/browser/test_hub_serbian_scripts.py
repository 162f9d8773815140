"""A visitor switches the portal to Serbian Cyrillic: the interface and the
Serbian titles written in Latin letters are shown in Cyrillic."""

from datetime import timedelta

from rmn_portal.content import Visibility
from rmn_portal.db import utcnow

from ..events.helpers import make_event
from ..hub.conftest import published_statement


def test_switching_to_cyrillic_shows_interface_and_serbian_titles_in_cyrillic(live_server,
                                                                             page):
    with live_server.data() as make:
        org = make.org(name="Duga Beograd")
        author = make.user(org)
        published_statement(author, "Zajednička izjava o pravu na azil", language="sr")
        make_event(author, title="Radionica o pravima izbeglica", visibility=Visibility.PUBLIC,
                   starts_at=utcnow() + timedelta(days=5))

    page.goto("/")
    assert page.get_by_role("link", name="Zajednička izjava o pravu na azil").is_visible()
    page.get_by_label("Language").select_option("sr_Cyrl")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sr-Cyrl"
    nav = page.locator("nav.main-nav")
    assert nav.get_by_role("link", name="Организације").is_visible()
    assert page.get_by_role("link", name="Заједничка изјава о праву на азил").is_visible()
    assert page.get_by_role("link", name="Радионица о правима избеглица").is_visible()
    assert page.get_by_text("Zajednička izjava").count() == 0  # never both scripts
