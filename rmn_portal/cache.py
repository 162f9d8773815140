"""A shared cache for computed figures (the network dashboards).

`get_or_compute(name, key, compute, namespaces=...)` returns the figures
stored under `name` and `key`, or computes, stores and returns them. Entries
live `CACHE_SECONDS` (`RMN_CACHE_SECONDS`, default 60; 0 turns the cache off)
in Redis when `REDIS_URL` is set, shared by every app server, otherwise in a
bounded store in the process memory.

- Values are JSON, in Redis and in memory alike, and come back decoded as a
  fresh copy: never pickle (a value read from a shared store must not be able
  to run code), and a caller sees the same types on a hit as on a miss.
- The key must hold everything the computation reads that varies between
  readers or requests (visibility scope, filters); cache figures, never HTML
  and never translated text (whole pages are `pagecache.py`'s, kept per
  reader in each worker's memory, never in Redis).
- Namespaces are version counters. A committed change to a watched model
  (`invalidate_on_change`) bumps its namespace after the commit, and every
  entry computed under an older version is recomputed: a published note shows
  at once on every server sharing the Redis.
- Redis unreachable: the figures are computed without the cache (a warning
  in the log once a minute), Redis is left alone for a few seconds, and no
  request fails because of it.
"""

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from hashlib import sha256
from itertools import chain

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from .config import redis_options

EXTENSION = "rmn.cache"
MEMORY_ENTRIES = 1024  # entries kept per process without Redis (least recently used go first)
RETRY_SECONDS = 5.0  # after a Redis failure, compute without it this long before trying again
WARN_SECONDS = 60.0  # at most one warning per minute while Redis fails
PENDING = "rmn.cache.pending"  # session.info: namespaces to bump when the transaction commits

log = logging.getLogger(__name__)
_watched: dict[type, set[str]] = {}


class MemoryStore:
    """A bounded least-recently-used store in the process memory, thread-safe."""

    errors: tuple[type[BaseException], ...] = ()

    def __init__(self, capacity: int = MEMORY_ENTRIES):
        self._capacity = capacity
        self._entries: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._counters: dict[str, int] = {}  # namespace versions: a handful, never evicted
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        now = time.monotonic()
        with self._lock:
            return [str(self._counters[key]) if key in self._counters else self._get(key, now)
                    for key in keys]

    def _get(self, key: str, now: float) -> str | None:
        found = self._entries.get(key)
        if found is None:
            return None
        expires, text = found
        if expires <= now:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return text

    def set(self, key: str, text: str, seconds: int) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + seconds, text)
            self._entries.move_to_end(key)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def incr(self, key: str) -> None:
        with self._lock:
            self._counters[key] = self._counters.get(key, 0) + 1


class RedisStore:
    """The same three operations on Redis, with the rate limiter's time-outs."""

    def __init__(self, url: str, options: dict):
        import redis  # the optional `redis` extra, needed only with REDIS_URL

        self.errors = (redis.RedisError, OSError)
        self._client = redis.Redis.from_url(url, **options)

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        return [None if value is None else value.decode() for value in self._client.mget(keys)]

    def set(self, key: str, text: str, seconds: int) -> None:
        self._client.set(key, text, ex=seconds)

    def incr(self, key: str) -> None:
        self._client.incr(key)


class FigureCache:
    """Get-or-compute over a store (memory or Redis); one per app."""

    def __init__(self, store, seconds: int, prefix: str = ""):
        self.store = store
        self.seconds = seconds
        self.prefix = f"{prefix}rmn:figures:"
        self._retry_at = 0.0
        self._warned_at = -WARN_SECONDS

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def get_or_compute(self, name: str, key: Sequence, compute: Callable[[], object],
                       namespaces: Iterable[str] = ()):
        if not self.enabled:
            return _as_json(compute())
        entry_key = f"{self.prefix}{name}:{_digest(key)}"
        version_keys = [self._version_key(namespace) for namespace in namespaces]
        found = self._call(self.store.get_many, [entry_key, *version_keys])
        if found is None:  # the store failed: compute without it
            return _as_json(compute())
        text, *versions = found
        versions = [version or "0" for version in versions]
        cached = _decode(text)
        # An entry made under older namespace versions predates a change: recompute.
        if cached is not None and cached.get("versions") == versions:
            return cached["value"]
        text = _encode({"versions": versions, "value": compute()})
        self._call(self.store.set, entry_key, text, self.seconds)
        return json.loads(text)["value"]

    def bump(self, namespaces: Iterable[str]) -> None:
        if self.enabled:
            for namespace in sorted(set(namespaces)):
                self._call(self.store.incr, self._version_key(namespace))

    def _version_key(self, namespace: str) -> str:
        return f"{self.prefix}version:{namespace}"

    def _call(self, operation, *args):
        """Run a store operation; None when the store fails (fail open)."""
        if time.monotonic() < self._retry_at:
            return None
        try:
            return operation(*args)
        except self.store.errors as error:
            self._retry_at = time.monotonic() + RETRY_SECONDS
            self._warn(error)
            return None

    def _warn(self, error: BaseException) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_SECONDS:
            self._warned_at = now
            log.warning("figure cache: Redis failed (%s); computing without the cache", error)


def _encode(value) -> str:
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def _as_json(value):
    """`value` as a hit would return it (tuples become lists, keys strings)."""
    return json.loads(_encode(value))


def _decode(text: str | None) -> dict | None:
    if text is None:
        return None
    try:
        entry = json.loads(text)
    except ValueError:  # not ours, or cut short: recompute and overwrite it
        return None
    return entry if isinstance(entry, dict) and "value" in entry else None


def _digest(key: Sequence) -> str:
    return sha256(_encode(list(key)).encode()).hexdigest()[:32]


# --- the app and its database session -------------------------------------------------------

def init_app(app: Flask) -> None:
    seconds = max(0, int(app.config["CACHE_SECONDS"]))
    if app.config["REDIS_URL"]:
        store = RedisStore(app.config["REDIS_URL"], redis_options(app.config))
    else:
        store = MemoryStore()
    app.extensions[EXTENSION] = FigureCache(store, seconds,
                                            app.config.get("RATELIMIT_KEY_PREFIX") or "")
    if not event.contains(Session, "after_flush", _note_changes):
        event.listen(Session, "after_flush", _note_changes)
        event.listen(Session, "after_commit", _bump_pending)
        event.listen(Session, "after_rollback", _forget_pending)


def get_or_compute(name: str, key: Sequence, compute: Callable[[], object],
                   namespaces: Iterable[str] = ()):
    """The JSON value of `compute()`, from the cache when it holds a current one."""
    return current_app.extensions[EXTENSION].get_or_compute(name, key, compute, namespaces)


def bump(*namespaces: str) -> None:
    """Make every entry of these namespaces out of date (call after a commit)."""
    current_app.extensions[EXTENSION].bump(namespaces)


def invalidate_on_change(namespace: str, *models: type) -> None:
    """Bump `namespace` whenever a transaction that changed one of `models` commits."""
    for model in models:
        _watched.setdefault(model, set()).add(namespace)


def _note_changes(session: Session, _flush_context) -> None:
    changed = {type(obj) for obj in chain(session.new, session.dirty, session.deleted)}
    namespaces = set().union(*(_watched.get(model, ()) for model in changed))
    if namespaces:
        session.info.setdefault(PENDING, set()).update(namespaces)


def _bump_pending(session: Session) -> None:
    # After the commit, not before: a reader that recomputed between a bump and
    # the commit would store the old figures under the new version.
    pending = session.info.pop(PENDING, None)
    if pending and has_app_context() and EXTENSION in current_app.extensions:
        bump(*pending)


def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING, None)
