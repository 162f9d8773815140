"""axe-core finds no WCAG 2.1 A/AA violations on the main pages, signed in and
out, in English and Serbian (Latin everywhere, Cyrillic on the public pages)."""

import pytest

from ..browser_support import expect_status
from .conftest import NODE_MODULES, open_as, page_url
from .pages import LANGUAGES, PAGES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WHO = ["anonymous", "org_admin", "admin", "coordinator"]
BATCH = 15

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not AXE.exists(), reason="axe-core is not installed (npm install); accessibility skipped")]


def _violations(page) -> list[str]:
    # Evaluated through the DevTools protocol: the page's CSP (rightly) refuses
    # injected script tags, and stays as strict as it is for real visitors.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(rules) => axe.run(document, {runOnly: {type: 'tag', values: rules},"
                           " resultTypes: ['violations']})", RULES)
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in result["violations"]]


def _batches() -> list[tuple[str, str, int]]:
    """(who, language, batch): each person's pages in batches of at most
    BATCH, so that the parallel workers share the load evenly. Serbian
    Cyrillic is derived mechanically from the Latin: checked on the public
    pages only."""
    batches = []
    for who in WHO:
        count = sum(1 for _, owner in PAGES if owner == who)
        languages = LANGUAGES if who == "anonymous" else LANGUAGES[:2]
        batches += [(who, language, n) for language in languages
                    for n in range(-(-count // BATCH))]
    return batches


@pytest.mark.parametrize(("who", "language", "batch"), _batches())
def test_main_pages_have_no_accessibility_violations(new_page, live_server, quality_world,
                                                     who, language, batch):
    page = open_as(new_page, live_server, quality_world, who, language)
    problems = {}
    paths = [path for path, owner in PAGES if owner == who]
    for path in paths[batch * BATCH:(batch + 1) * BATCH]:
        url = page_url(path, quality_world, language)
        with expect_status(page, 403, 404):  # the error page is checked too
            response = page.goto(url)
        if response.status != (404 if url == "/no-such-page" else 200):
            problems[url] = [f"answered {response.status}"]
            continue
        found = _violations(page)
        if found:
            problems[url] = found
    assert not problems, "\n".join(f"{url}: {v}" for url, found in problems.items()
                                   for v in found)


def test_the_check_itself_finds_a_known_violation(new_page, live_server):
    page = new_page()
    page.goto("/privacy")
    page.evaluate("""() => {
        const input = document.createElement('input');
        document.querySelector('main').append(input);
    }""")
    assert any(v.startswith("label") for v in _violations(page))
