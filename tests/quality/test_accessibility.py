"""axe-core finds no WCAG 2.1 A/AA violations on the main pages, signed in and
out, in English and Serbian (both scripts)."""

import pytest

from ..browser_support import expect_status
from .conftest import NODE_MODULES, open_as
from .pages import LANGUAGES, PAGES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not AXE.exists(), reason="axe-core is not installed (npm install); accessibility skipped")]


def _violations(page) -> list[str]:
    # Evaluated through the DevTools protocol: the page's CSP (rightly) refuses
    # injected script tags, and stays as strict as it is for real visitors.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(rules) => axe.run(document, {runOnly: {type: 'tag', values: rules}})",
                           RULES)
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in result["violations"]]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", ["anonymous", "org_admin", "admin"])
def test_main_pages_have_no_accessibility_violations(new_page, live_server, quality_world,
                                                     who, language):
    page = open_as(new_page, live_server, quality_world, who, language)
    problems = {}
    for path, owner in PAGES:
        if owner != who:
            continue
        url = path.format(**vars(quality_world))
        with expect_status(page, 404):  # the error page is checked too
            page.goto(url)
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
