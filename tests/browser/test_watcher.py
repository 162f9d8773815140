"""The page watcher itself: a request to any host other than the portal's,
a console error and a dialog each fail the journey that caused them."""

from urllib.parse import urlsplit

import pytest

from ..browser_support import PageWatcher

pytestmark = pytest.mark.browser


def test_watcher_reports_third_party_requests_console_errors_and_dialogs(browser,
                                                                         live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    watcher = PageWatcher(urlsplit(live_server.url).netloc)
    watcher.attach(page)
    try:
        page.goto("/privacy")
        # Outside the portal's CSP (a blank page), as a careless template might load it.
        page.goto("about:blank")
        page.set_content('<img src="http://cdn.example.com/pixel.png" alt="">'
                         "<script>console.error('boom'); alert('hi')</script>")
        page.wait_for_load_state("load")
    finally:
        context.close()
    problems = "\n".join(watcher.problems)
    assert "third-party request: http://cdn.example.com/pixel.png" in problems
    assert "console error: boom" in problems
    assert "dialog opened: alert 'hi'" in problems
    assert watcher.requested_hosts == {urlsplit(live_server.url).netloc, "cdn.example.com"}
