"""Live sessions remembered between requests, so that a page served from the
page cache (`pagecache.py`) costs no database round trip at all.

Looking a session up is one query, but with PostgreSQL's round trips
(BEGIN, SELECT, ROLLBACK) and the ORM loading a user and an organisation it
cost more than serving the cached page itself. Each worker keeps, per session
token digest, a copy of the session's times and of its user's and
organisation's columns, under the same data version as the pages:

- any committed change (signing out, a password or role change, a
  deactivation, "sign out everywhere") replaces the version, and every worker
  asks the database again on its next request;
- a copy is used only while the session is within its idle and absolute
  limits and no "last seen" stamp is due (`TOUCH_INTERVAL`): otherwise the
  request goes to the database, which decides and stamps;
- at most `PAGE_CACHE_SECONDS` old, like the pages;
- the password hash and the two-factor secret are not copied.

The user is rebuilt from the copy as if loaded by a query (attached to the
request's database session, relations loaded lazily), so the rest of the
request cannot tell the difference.
"""

import threading
import time
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app
from sqlalchemy import inspect
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from .. import pagecache
from ..db import db
from ..orgs.models import Organisation
from .models import User, UserSession

EXTENSION = "rmn.known_sessions"
MAX_SESSIONS = 10_000  # per worker; beyond it the oldest are asked for again
# Not copied: left unloaded, read from the database only by what needs them.
SECRETS = frozenset({"password_hash", "totp_secret"})


@dataclass(frozen=True)
class KnownSession:
    expires: float  # time.monotonic()
    created_at: datetime
    last_seen_at: datetime
    user: dict
    org: dict


class KnownSessions:
    """Copies of live sessions under one data version; thread-safe."""

    def __init__(self):
        self._sessions: dict[str, KnownSession] = {}
        self._version: str | None = None
        self._lock = threading.Lock()

    def get(self, version: str, digest: str) -> KnownSession | None:
        with self._lock:
            if version != self._version:
                self._sessions.clear()
                self._version = version
            known = self._sessions.get(digest)
        return known if known is not None and known.expires > time.monotonic() else None

    def put(self, version: str, digest: str, known: KnownSession) -> None:
        with self._lock:
            if version != self._version:
                return
            if len(self._sessions) >= MAX_SESSIONS:
                self._sessions.pop(next(iter(self._sessions)))
            self._sessions[digest] = known


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = KnownSessions()


def _sessions() -> tuple[pagecache.PageCache, KnownSessions] | None:
    cache = current_app.extensions[pagecache.EXTENSION]
    if not cache.enabled:
        return None
    return cache, current_app.extensions[EXTENSION]


def recall(digest: str) -> KnownSession | None:
    found = _sessions()
    if found is None:
        return None
    cache, sessions = found
    version = cache.version()
    return sessions.get(version, digest) if version is not None else None


def copy_of(row: UserSession, last_seen_at: datetime) -> KnownSession | None:
    """A copy of a live session just read from the database (call it before
    anything commits: a commit expires the row)."""
    found = _sessions()
    if found is None:
        return None
    return KnownSession(expires=time.monotonic() + found[0].seconds, created_at=row.created_at,
                        last_seen_at=last_seen_at, user=_columns(row.user, SECRETS),
                        org=_columns(row.user.org))


def keep(digest: str, known: KnownSession | None) -> None:
    found = _sessions()
    if found is None or known is None:
        return
    cache, sessions = found
    version = cache.version()  # read before the session was: a change since wins
    if version is not None:
        sessions.put(version, digest, known)


def user_of(known: KnownSession) -> User:
    """The session's user, attached to this request's database session without
    a query, as a query would have loaded it (with its organisation)."""
    org = db.session.merge(_detached(Organisation, known.org), load=False)
    user = db.session.merge(_detached(User, known.user), load=False)
    set_committed_value(user, "org", org)
    return user


def _columns(obj, leave_out: frozenset[str] = frozenset()) -> dict:
    return {attr.key: getattr(obj, attr.key) for attr in inspect(type(obj)).column_attrs
            if attr.key not in leave_out}


def _detached(model: type, columns: dict):
    obj = inspect(model).class_manager.new_instance()
    for key, value in columns.items():
        set_committed_value(obj, key, value)
    make_transient_to_detached(obj)
    return obj
