"""Stored and reflected XSS in the real browser.

Every vector of xss_vectors.json (script tags, event handlers, javascript:
and data: URLs, SVG/MathML, attribute breaking, template injection, CSS,
encoded variants, Markdown tricks, polyglots) is stored in every text field
a person can fill — titles, names, tags, places, Markdown bodies, comments,
registration questions and answers — through the real services, and sent
in the query parameters the pages echo back. The pages are then opened in
Chromium with a trap installed before any page script runs: no dialog, no
call to alert/confirm/prompt/print, no write to `window.__xss`, no
Content-Security-Policy violation (an injected script or handler that
reached the DOM) and no request outside the portal may happen, and the
plain-text fields must show the vector literally.

Several vectors share a page: one object per vector for the plain-text
fields (listed together on the list pages) and one Markdown body per group
of vectors (one detail page per group).
"""

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from rmn_portal.accounts.models import Role
from rmn_portal.content import Visibility
from rmn_portal.db import utcnow

from ..browser_support import WATCHERS
from ..hub.conftest import note_fields

pytestmark = pytest.mark.browser

VECTORS = [item["vector"] for item in json.loads(
    (Path(__file__).with_name("xss_vectors.json")).read_text(encoding="utf-8"))]
GROUP = 30  # vectors per Markdown body
NAME_LENGTH = 120  # a person's name is at most this long (the longest vector is cut)
GROUPS = [VECTORS[n:n + GROUP] for n in range(0, len(VECTORS), GROUP)]
# The 19 fields each vector is stored in. Plain text, checked to be shown
# literally (11): resource, statement, training and event titles, event venue,
# event question, registration answer, accessibility and dietary needs, training
# audience, person name. Through Markdown (or normalised, like tags), checked
# for execution only (8): resource summary and tags, event description, training
# description and trainers, organisation description, note narrative, statement
# comments. Reflected: the search box (shown literally) and the q/tag/kind/page
# parameters of the list pages.

TRAP = """
window.__xss = [];
const hit = (what) => { try { window.__xss.push(what); } catch (e) { window.__xss = [what]; } };
for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => hit(name + "(" + args.join(",") + ")");
}
document.addEventListener("securitypolicyviolation", (e) =>
    hit("CSP " + e.violatedDirective + ": " + (e.sample || e.blockedURI)), true);
"""


def _markdown(group: list[str]) -> str:
    return "\n\n".join(group)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def xss_world(live_server):
    """All the objects, made in bulk through the services."""
    from rmn_portal.events import registrations
    from rmn_portal.events.models import Response
    from rmn_portal.notes import services as notes
    from rmn_portal.resources.models import ResourceKind
    from rmn_portal.resources.services import ResourceFields, create_resource
    from rmn_portal.statements import comments
    from rmn_portal.statements import services as statements
    from rmn_portal.trainings import services as trainings

    from ..events.helpers import make_event
    from ..hub.conftest import published_statement

    start = (utcnow() + timedelta(days=20)).replace(microsecond=0)
    ids = {"resources": [], "events": [], "statements": [], "trainings": [], "notes": [],
           "orgs": []}
    with live_server.data() as make:
        home = make.org(name="XSS Home Collective", slug="xss-home")
        author = make.user(home, Role.ORG_ADMIN, name="Xena Author",
                           email="xena.xss@example.org")
        coordinator = make.user(make.org(name="XSS Review House"), Role.COORDINATOR)
        draft = statements.create_statement(author, title="Comments under attack",
                                            body="Discuss.", language="en")
        ids["draft"] = draft.id
        for n, vector in enumerate(VECTORS):
            make.user(home, name=vector[:NAME_LENGTH])
            group = GROUPS[n // GROUP]
            first_of_group = n % GROUP == 0
            body = _markdown(group) if first_of_group else "Plain body."
            resource = create_resource(author, ResourceFields(
                title=vector, kind=ResourceKind.REPORT, summary=body, languages=["en"],
                tags=vector, visibility=Visibility.PUBLIC,
                external_url=f"https://example.org/doc/{n}"), [])
            event = make_event(author, title=vector, description=body, venue=vector,
                               visibility=Visibility.PUBLIC, starts_at=start + timedelta(
                                   minutes=n), questions=[{"label": vector}])
            other = VECTORS[-1 - n]  # answers differ from the question they answer
            registrations.rsvp(author, event, Response.GOING,
                               answers={event.questions[0]["id"]: other},
                               accessibility_needs=other, dietary_requirements=other)
            statement = published_statement(author, vector)
            comments.add_comment(author, draft, vector)
            programme = trainings.create_programme(
                author, org=home, title=vector, description=body, target_audience=vector,
                visibility="network", modality="in_person", planned_minutes=60,
                external_trainers=vector)
            ids["resources"].append(resource.id)
            ids["events"].append(event.id)
            ids["statements"].append(statement.id)
            ids["trainings"].append(programme.id)
            if first_of_group:
                org = make.org(name=f"XSS group {n // GROUP}", description=body,
                               slug=f"xss-group-{n // GROUP}")
                ids["orgs"].append(org.slug)
                note = notes.create_draft(author, note_fields(narrative=body))
                notes.submit(author, note)
                notes.approve(coordinator, note)
                notes.publish(coordinator, note, Visibility.PUBLIC)
                ids["notes"].append(note.id)
    return ids


def _all_titles_listed(browser, path: str, per_page: int = 20) -> None:
    """Page through a list (20 a page; other tests' items may share the
    server) until every vector has been seen as a title."""
    shown, missing = "", VECTORS
    for number in range(1, len(VECTORS) // per_page + 4):
        shown += browser.open(f"{path}?page={number}")
        missing = [v for v in VECTORS if _flat(v) not in shown]
        if not missing:
            return
    browser.problems.append(f"{path}: titles not shown literally: {missing}")


class Browser:
    """Opens pages with the trap and collects what went wrong."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.context.add_init_script(TRAP)

    def open(self, url: str, literal: list[str] = (), selector: str = "main") -> str:
        self.page.goto(url)
        hits = self.page.evaluate("JSON.stringify(window.__xss)")
        if hits != "[]":
            self.problems.append(f"{url}: {hits}")
        text = _flat(self.page.locator(selector).inner_text())
        for vector in literal:
            if _flat(vector) not in text:
                self.problems.append(f"{url}: not shown literally: {vector!r}")
        return text

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def _sign_in(page, email: str) -> None:
    from ..factories import PASSWORD

    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("#submit").click()
    page.wait_for_url("**/dashboard")


def test_stored_vectors_in_every_text_field(xss_world, page):
    """One test, so that the world is built once (the parallel workers would
    each build their own)."""
    browser = Browser(page)
    _sign_in(page, "xena.xss@example.org")
    # List pages: every title, literally.
    for path in ("/resources", "/statements", "/trainings", "/events"):
        _all_titles_listed(browser, path)
    # Detail pages: the title as the heading, and a Markdown body per group.
    for index in range(0, len(VECTORS), GROUP):
        vector = VECTORS[index]
        browser.open(f"/resources/{xss_world['resources'][index]}", [vector], "h1")
        browser.open(f"/trainings/{xss_world['trainings'][index]}", [vector], "h1")
        browser.open(f"/statements/{xss_world['statements'][index]}", [vector], "h1")
    browser.open(f"/statements/{xss_world['draft']}")  # the comments (Markdown)
    # Searches that find the stored vectors show them highlighted, still as text.
    for word in ("alert", "script", "onerror"):
        browser.open(f"/search?q={word}")
        browser.open(f"/resources?q={word}")

    # Events, people, organisations and notes.
    for index in range(0, len(VECTORS), GROUP):
        browser.open(f"/events/{xss_world['events'][index]}", [VECTORS[index]], "h1")
        other = VECTORS[-1 - index]  # answer, accessibility and dietary needs
        shown = browser.open(f"/events/{xss_world['events'][index]}/participants",
                             selector="table.participants")
        if shown.count(_flat(other)) < 3:
            browser.problems.append(f"participants: {other!r} not shown literally 3 times")
        browser.open(f"/organisations/{xss_world['orgs'][index // GROUP]}")
        browser.open(f"/notes/{xss_world['notes'][index // GROUP]}")
        # An object without a Markdown body: its other plain fields, literally.
        plain = VECTORS[index + 1]
        browser.open(f"/events/{xss_world['events'][index + 1]}", [plain], "main dl")
        if _flat(plain) not in _flat(page.locator("#your-response").inner_text()):
            browser.problems.append(f"event question not shown literally: {plain!r}")
        browser.open(f"/trainings/{xss_world['trainings'][index + 1]}", [plain], "main dl")
    browser.open("/organisations/xss-home/people", [v[:NAME_LENGTH] for v in VECTORS])
    browser.check()


def _packed_queries(limit: int = 200) -> list[list[str]]:
    """Vectors packed into query strings of at most `limit` characters (the
    search box's length), so that one page shows several."""
    packs, current = [], []
    for vector in VECTORS:
        if current and len(" ¦ ".join([*current, vector])) > limit:
            packs.append(current)
            current = []
        current.append(vector)
    return [*packs, current]


def test_reflected_vectors_in_query_parameters(page):
    """Echoed query parameters, as an anonymous visitor: every vector goes
    through the search box and through the filters of one list page."""
    browser = Browser(page)
    lists = ("/resources", "/statements", "/notes", "/events", "/organisations")
    for number, pack in enumerate(_packed_queries()):
        asked = " ¦ ".join(pack)
        q = quote(asked)
        browser.open(f"/search?q={q}")
        # The search box shows what was asked, as typed.
        value = page.locator("main").get_by_label("Search for").input_value()
        if value != asked.strip():
            browser.problems.append(f"search box shows {value!r} for {asked!r}")
        browser.open(f"{lists[number % len(lists)]}?q={q}&tag={q}&kind={q}&page={q}")
    browser.check()


def test_the_trap_catches_markup_that_reached_the_page(page):
    """Proof that the checks above can fail: markup injected into a portal
    page (as an escaping bug would) is reported by the trap."""
    browser = Browser(page)
    browser.open("/privacy")
    page.evaluate("""() => document.querySelector('main').insertAdjacentHTML(
        'beforeend', '<img alt="" src="/static/img/logo.svg" onload="alert(1)">')""")
    page.wait_for_function("window.__xss.length > 0")
    assert "CSP script-src-attr" in page.evaluate("window.__xss.join()")
    page.evaluate("alert('direct call')")  # what a script that slipped through would do
    assert "alert(direct call)" in page.evaluate("window.__xss.join()")
    # The page watcher saw it too (a CSP error on the console); expected here.
    watcher = WATCHERS[page]
    assert any("Content Security Policy" in problem for problem in watcher.problems)
    watcher.problems.clear()
