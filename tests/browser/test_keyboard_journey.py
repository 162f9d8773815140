"""A member who uses only the keyboard (Tab, Shift+Tab, Enter, Space and
typing): skips to the content, signs in, opens a resource, says they are
going to an event and signs out. Every element that takes the focus on the
way shows a visible focus outline."""

import re

import pytest
from playwright.sync_api import expect

from rmn_portal.content import Visibility
from rmn_portal.events.models import Registration, RegistrationStatus

from ..events.helpers import make_event, soon
from ..factories import PASSWORD

pytestmark = pytest.mark.browser

# What the focused element is called, and whether a sighted person can see the focus.
FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
    return {
        name: (label || el.getAttribute("aria-label") || el.innerText || el.value || "").trim(),
        tag: el.tagName.toLowerCase(),
        outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                && box.top < innerHeight && box.left < innerWidth,
    };
}"""


def _focused(page) -> dict:
    focus = page.evaluate(FOCUS)
    assert focus is not None, f"the focus was lost on {page.url}"
    assert focus["outlined"] and focus["inView"], f"focus not visible on {page.url}: {focus}"
    return focus


def tab_to(page, name: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until the element called `name` has the focus;
    every stop on the way must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        focus = _focused(page)
        seen.append(focus["name"])
        if re.fullmatch(name, focus["name"]):
            return
    raise AssertionError(f"{name!r} never took the focus on {page.url}; saw {seen}")


def test_member_uses_the_portal_with_the_keyboard_alone(live_server, page):
    with live_server.data() as make:
        org = make.org(name="Keyboard Collective")
        member = make.user(org, name="Tara Keys", email="tara.keys@example.org")
        make.user(org, name="Other Keys")
        from rmn_portal.resources.models import ResourceKind
        from rmn_portal.resources.services import ResourceFields, create_resource

        create_resource(member, ResourceFields(
            title="Keyboard access checklist", kind=ResourceKind.TOOLKIT, languages=["en"],
            summary="Everything reachable without a mouse.", visibility=Visibility.NETWORK,
            external_url="https://example.org/checklist"), [])
        event = make_event(member, title="Keyboard users' meetup", starts_at=soon(12, hour=9),
                           visibility=Visibility.NETWORK)
        event_id, member_id = event.id, member.id

    # The first Tab reaches the skip link, which is then visible; Enter skips
    # the navigation and the next Tab lands in the sign-in form.
    page.goto("/login")
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "Skip to main content"
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, "E-mail address")
    page.keyboard.type("tara.keys@example.org")
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard")

    # Through the main navigation to the resource library, and into a resource.
    tab_to(page, "Resources")
    page.keyboard.press("Enter")
    page.wait_for_url("**/resources")
    tab_to(page, "Skip to main content", backwards=True)  # Shift+Tab goes back up
    page.keyboard.press("Enter")
    tab_to(page, "Keyboard access checklist")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/resources/\d+$"))
    expect(page.get_by_role("heading", name="Keyboard access checklist")).to_be_visible()

    # To the calendar, into the event, "Going" with Space, saved with Enter.
    tab_to(page, "Events")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events")
    tab_to(page, "Keyboard users' meetup")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{event_id}")
    tab_to(page, "Going")
    page.keyboard.press("Space")
    assert page.get_by_label("Going", exact=True).is_checked()
    tab_to(page, "Save my response")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("You are going: your place is confirmed.")).to_be_visible()

    # Back up to the header to sign out.
    tab_to(page, "Sign out", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_text("You have signed out.")).to_be_visible()

    with live_server.context() as session:
        registration = session.query(Registration).filter_by(
            event_id=event_id, user_id=member_id).one()
        assert registration.status == RegistrationStatus.GOING
