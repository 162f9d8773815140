"""Real-browser tests: Debian's Chromium driven by Playwright against the portal
served on 127.0.0.1 by a real HTTP server in a thread. The fixtures are made
available to every test directory by tests/conftest.py.

Every page fails its test on a console error, an uncaught script error, a
failed request, a JavaScript dialog, or any request to a host other than the
portal's. A screenshot is saved to test-artifacts/screenshots on failure.
"""

import contextlib
import re
import shutil
import socket
import threading
import weakref
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from rmn_portal.db import db

from .factories import Factory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _closing(app):
    """Werkzeug's development server skips closing a response when the browser
    drops the connection while the body is being drained (a favicon request cut
    short by a navigation), leaving the static file open until the garbage
    collector warns about it. A generator's finaliser always runs its finally
    block, so wrapping every response in one closes the file in any case."""

    def closing_app(environ, start_response):
        response = app(environ, start_response)
        try:
            yield from response
        finally:
            if hasattr(response, "close"):
                response.close()

    return closing_app


class LiveServer:
    def __init__(self, app, url: str):
        self.app = app
        self.url = url

    @contextlib.contextmanager
    def data(self):
        """Create test data that the server sees: committed at the end of the block."""
        with self.app.app_context():
            yield Factory(db.session)
            db.session.commit()

    @contextlib.contextmanager
    def context(self):
        """An app context for reading back what the browser did."""
        with self.app.app_context():
            yield db.session
            db.session.rollback()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, databases):
    from .conftest import make_app, migrate

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    app = make_app(tmp_path_factory.mktemp("live"), databases.new_url(), BASE_URL=url)
    migrate(app)
    server = make_server("127.0.0.1", port, _closing(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(app, url)
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


class PageWatcher:
    """Records everything that must not happen on a page."""

    def __init__(self, portal_host: str):
        self.portal_host = portal_host
        self.problems: list[str] = []
        self.requested_hosts: set[str] = set()
        self.expected_statuses: set[int] = set()

    def attach(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("request", self._on_request)
        page.on("dialog", self._on_dialog)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        status = re.search(r"status of (\d{3})", message.text)
        if status and int(status.group(1)) in self.expected_statuses:
            return  # the test deliberately sent bad input (see expect_status)
        self.problems.append(f"console error: {message.text}")

    def _on_request_failed(self, request) -> None:
        # A download or a navigation the page itself replaced is not a failure.
        if request.failure and "ERR_ABORTED" in request.failure:
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        self.requested_hosts.add(parts.netloc)
        if parts.netloc != self.portal_host:
            self.problems.append(f"third-party request: {request.url}")

    def _on_dialog(self, dialog) -> None:
        self.problems.append(f"dialog opened: {dialog.type} {dialog.message!r}")
        dialog.dismiss()


WATCHERS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def expect_status(page, *statuses: int):
    """Within the block, pages answering with these HTTP statuses (a form sent
    back with errors, a 404 the test asks for) are expected, not failures."""
    watcher = WATCHERS[page]
    watcher.expected_statuses.update(statuses)
    try:
        yield
    finally:
        watcher.expected_statuses.difference_update(statuses)


@pytest.fixture
def new_page(browser, live_server, request):
    """Open a page in a fresh browser context (a separate person); call again
    for a second person. All pages are checked when the test ends."""
    opened = []
    host = urlsplit(live_server.url).netloc

    def open_page(locale: str = "en-GB"):
        context = browser.new_context(base_url=live_server.url, locale=locale,
                                      timezone_id="Europe/Belgrade", accept_downloads=True)
        page = context.new_page()
        watcher = PageWatcher(host)
        watcher.attach(page)
        opened.append((context, page, watcher))
        WATCHERS[page] = watcher
        return page

    yield open_page

    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    problems = []
    for index, (context, page, watcher) in enumerate(opened):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}.png"),
                                full_page=True)
        problems.extend(watcher.problems)
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in(page, email: str, password: str, code: str | None = None) -> None:
    """Sign in through the login form, as a person would."""
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if code is not None:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Verify").click()
