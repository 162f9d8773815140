"""Rendered pages kept per reader until the data changes (`@cached_page`).

The main read pages (lists, dashboards, a statement, the API lists) cost
10–100 ms to build and are read far more often than anything changes. A view
marked `@cached_page` is rendered once per reader, address and language and
then served from the worker's memory until the data changes.

Why a cached page never shows what its reader may not see, or what is gone:

- **Per reader.** The key holds who reads (the signed-in account, the API
  token, or "anonymous"), the language and the full address. An entry is only
  ever served to the reader it was rendered for; the rules of
  `permissions.py` ran when it was rendered and nothing is shared between
  readers except the anonymous pages every visitor sees alike.
- **Per data version.** Every committed change to the database (whatever the
  table; only the "last used" stamps of `db.record_last_use` are left out)
  replaces the data version after the commit: a random token in Redis, shared
  by every server, or a file in the instance folder on one machine. A worker
  that reads a new version drops every entry it holds, so no copy outlives
  the change that made it wrong, nor the text it showed. (Pages with a
  person's drafts are not marked: they must not stay in memory at all.)
- **Short-lived.** An entry lives `PAGE_CACHE_SECONDS` at most (default 30;
  0 turns the cache off): relative times, deadlines and "upcoming" lists
  never lag the clock by more than that, and a lost version change (Redis
  unreachable at the wrong moment) by no more either.
- **Nothing of the session is kept.** The CSRF token is cut out of a stored
  page and a fresh one put in when it is served; a page with flashed messages
  waiting is neither served from the cache nor stored; only 200 responses
  that set no cookie and left the session unchanged are stored.
- **In memory only**, per worker, bounded (`MAX_BYTES`), never on disk.

The view and every `before_request` check (sign-in, two-factor, rate limits)
run as usual around the decorator; on a hit only the view's body is skipped.
"""

import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from flask import (
    Flask,
    Response,
    current_app,
    g,
    has_app_context,
    has_request_context,
    request,
    session,
)
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import event
from sqlalchemy.orm import Session

from .config import redis_options

EXTENSION = "rmn.pagecache"
MAX_BYTES = 64 * 1024 * 1024  # per worker; the least recently used pages go first
CSRF_SLOT = b"\x00rmn-csrf\x00"  # no HTML or JSON page contains a NUL byte
CHANGED = "rmn.pagecache.changed"  # session.info: this transaction changed data
# Execution option of the statements that record when a session, a token or a
# feed was last used: written while reading, shown on no cached page.
BOOKKEEPING = "rmn_bookkeeping"
RETRY_SECONDS = 5.0
VERSION_OF_REQUEST = "rmn_data_version"  # flask.g
RENDER_WAIT_SECONDS = 5.0  # longest wait for another thread's rendering of a page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    expires: float
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class PageStore:
    """The pages of one data version, least recently used first; thread-safe."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self._max_bytes = max_bytes
        self._pages: OrderedDict[tuple, Page] = OrderedDict()
        self._bytes = 0
        self._version: str | None = None
        self._rendering: dict[tuple, threading.Event] = {}
        self._lock = threading.Lock()

    def claim(self, key: tuple) -> threading.Event | None:
        """None when the caller is to render the page (and then call
        `rendered`); else the event another thread will set when it has."""
        with self._lock:
            if key in self._rendering:
                return self._rendering[key]
            self._rendering[key] = threading.Event()
            return None

    def rendered(self, key: tuple) -> None:
        with self._lock:
            done = self._rendering.pop(key, None)
        if done is not None:
            done.set()

    def get(self, version: str, key: tuple) -> Page | None:
        with self._lock:
            self._follow(version)
            page = self._pages.get(key)
            if page is None:
                return None
            if page.expires <= time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, version: str, key: tuple, page: Page) -> None:
        with self._lock:
            if version != self._version:  # rendered before a change: already out of date
                return
            if key in self._pages:
                self._drop(key)
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._bytes > self._max_bytes and self._pages:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0
            self._version = None

    def _follow(self, version: str) -> None:
        if version != self._version:
            self._pages.clear()
            self._bytes = 0
            self._version = version

    def _drop(self, key: tuple) -> None:
        self._bytes -= len(self._pages.pop(key).body)


class FileVersion:
    """The data version of one machine: a file in the instance folder,
    replaced atomically, read by every worker."""

    errors: tuple[type[BaseException], ...] = (OSError,)

    def __init__(self, path: Path):
        self._path = path

    def read(self) -> str:
        try:
            return self._path.read_text()
        except FileNotFoundError:
            self.change()
            return self._path.read_text()

    def change(self) -> None:
        fresh = self._path.with_name(f"{self._path.name}.{os.getpid()}.{uuid.uuid4().hex}")
        fresh.write_text(uuid.uuid4().hex)
        os.replace(fresh, self._path)


class RedisVersion:
    """The data version shared by every server: a random token in Redis (a
    counter could come back to an old value after Redis lost its data)."""

    def __init__(self, url: str, options: dict, key: str):
        import redis  # the optional `redis` extra, needed only with REDIS_URL

        self.errors = (redis.RedisError, OSError)
        self._client = redis.Redis.from_url(url, **options)
        self._key = key

    def read(self) -> str:
        value = self._client.get(self._key)
        if value is None:
            self._client.set(self._key, uuid.uuid4().hex, nx=True)
            value = self._client.get(self._key)
        return value.decode()

    def change(self) -> None:
        self._client.set(self._key, uuid.uuid4().hex)


class PageCache:
    """The store of this worker and the version every worker shares."""

    def __init__(self, versions, seconds: int):
        self.versions = versions
        self.seconds = seconds
        self.store = PageStore()
        self._retry_at = 0.0

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def version(self) -> str | None:
        """The current data version, read once per request; None while it
        cannot be read (no cache then)."""
        in_request = has_request_context()
        if in_request and VERSION_OF_REQUEST in g:
            return g.get(VERSION_OF_REQUEST)
        version = None
        if time.monotonic() >= self._retry_at:
            try:
                version = self.versions.read()
            except self.versions.errors as error:
                self._failed("read", error)
        if in_request:
            setattr(g, VERSION_OF_REQUEST, version)
        return version

    def data_changed(self) -> None:
        self.store.clear()
        if has_app_context():
            g.pop(VERSION_OF_REQUEST, None)
        try:
            self.versions.change()
        except self.versions.errors as error:
            # The other workers keep their pages until they expire (seconds).
            self._failed("change", error)

    def _failed(self, what: str, error: BaseException) -> None:
        self._retry_at = time.monotonic() + RETRY_SECONDS
        log.warning("page cache: could not %s the data version (%s); pages are rendered "
                    "without the cache for %d s", what, type(error).__name__, RETRY_SECONDS)


def init_app(app: Flask) -> None:
    seconds = max(0, int(app.config["PAGE_CACHE_SECONDS"]))
    if app.config["REDIS_URL"]:
        prefix = app.config.get("RATELIMIT_KEY_PREFIX") or ""
        versions = RedisVersion(app.config["REDIS_URL"], redis_options(app.config),
                                f"{prefix}rmn:pages:version")
    else:
        versions = FileVersion(Path(app.instance_path) / "data-version")
    app.extensions[EXTENSION] = PageCache(versions, seconds)
    if not event.contains(Session, "after_flush", _note_flush):
        event.listen(Session, "after_flush", _note_flush)
        event.listen(Session, "do_orm_execute", _note_statement)
        event.listen(Session, "after_commit", _announce_change)
        event.listen(Session, "after_rollback", _forget_change)


def forget_everything(app: Flask) -> None:
    """Drop every page of every worker (after a restore, or a test's rollback)."""
    app.extensions[EXTENSION].data_changed()


# --- serving --------------------------------------------------------------------------

def cached_page(view: Callable) -> Callable:
    """Serve this GET view from the cache when the reader has a current copy."""

    @wraps(view)
    def serve(*args, **kwargs):
        cache: PageCache = current_app.extensions[EXTENSION]
        if not cache.enabled or request.method != "GET" or "_flashes" in session:
            return view(*args, **kwargs)
        version = cache.version()  # read before rendering: a change during it wins
        if version is None:
            return view(*args, **kwargs)
        key = (_reader(), str(get_locale()), request.url)
        page = cache.store.get(version, key)
        if page is None:
            # A burst of readers right after a change: one thread of this
            # worker renders the page, the others wait for its copy.
            rendering = cache.store.claim(key)
            if rendering is None:
                return _render(cache, version, key, view, args, kwargs)
            rendering.wait(RENDER_WAIT_SECONDS)
            page = cache.store.get(version, key)
        if page is None:  # the other thread's page could not be kept (an error, a cookie)
            return view(*args, **kwargs)
        return _replay(page)

    return serve


def _render(cache: PageCache, version: str, key: tuple, view, args, kwargs) -> Response:
    """Render, keep a copy if it may be kept, and let the waiting readers go."""
    try:
        response = current_app.make_response(view(*args, **kwargs))
        _keep(cache, version, key, response)
        return response
    finally:
        cache.store.rendered(key)


def _reader() -> str:
    """Whom the page was rendered for: the API's token, or the signed-in account."""
    # Imported here: the API imports the models, and db.py imports this module.
    from .api.access import current_reader
    from .api.blueprint import API

    if request.path.startswith(f"{API}/"):
        reader = current_reader()  # checks the token before anything is served
        token = getattr(reader, "token", None)
        return f"token:{token.id}" if token is not None else "anonymous"
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return "anonymous"


def _keep(cache: PageCache, version: str, key: tuple, response: Response) -> None:
    # A view that set a cookie or changed the session did more than render.
    if (response.status_code != 200 or response.direct_passthrough or response.is_streamed
            or "Set-Cookie" in response.headers or session.modified):
        return
    body = response.get_data()
    token = g.get("csrf_token")  # Flask-WTF's signed token of this request, if a form used it
    if token:
        body = body.replace(token.encode(), CSRF_SLOT)
    headers = [(name, value) for name, value in response.headers.items()
               if name not in {"Content-Length", "Set-Cookie"}]
    cache.store.put(version, key, Page(time.monotonic() + cache.seconds,
                                      response.status_code, headers, body))


def _replay(page: Page) -> Response:
    body = page.body
    if CSRF_SLOT in body:
        body = body.replace(CSRF_SLOT, generate_csrf().encode())
    return Response(body, page.status, page.headers)


# --- noticing changes -------------------------------------------------------------------

def _note_flush(db_session: Session, _flush_context) -> None:
    if db_session.new or db_session.dirty or db_session.deleted:
        note_change(db_session)


def _note_statement(state) -> None:
    """UPDATE, DELETE and INSERT statements run outside the unit of work."""
    if state.is_select or _plain_select(state.statement):
        return
    if not state.execution_options.get(BOOKKEEPING):
        note_change(state.session)


def _plain_select(statement) -> bool:
    text = getattr(statement, "text", None)  # a text() statement
    return isinstance(text, str) and text.lstrip()[:6].upper() == "SELECT"


def _announce_change(db_session: Session) -> None:
    # After the commit, not before: a reader rendering between a change of
    # version and the commit would keep the old data under the new version.
    if db_session.info.pop(CHANGED, False) and has_app_context() \
            and EXTENSION in current_app.extensions:
        current_app.extensions[EXTENSION].data_changed()


def note_change(db_session: Session) -> None:
    """Count this transaction as a change to the data (for writes made on
    the session's connection directly, such as the search index)."""
    db_session.info[CHANGED] = True


def _forget_change(db_session: Session) -> None:
    db_session.info.pop(CHANGED, None)
