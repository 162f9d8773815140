"""Counting failures (wrong passwords, wrong codes) against limits.

Flask-Limiter counts requests; here only failures count, per account and per
client address. The counts live in the `limits` storage Flask-Limiter is built
on: in memory by default, in Redis when RMN_REDIS_URL is set (shared by every
app server). Each app has its own storage, so nothing leaks between apps.
"""

from hashlib import sha256

from flask import Flask, current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import ServiceUnavailable

from ..net import client_address

EXTENSION = "rmn.throttle"
SETTINGS = {"login": "LOGIN_FAILURE_LIMIT", "2fa": "TWO_FACTOR_FAILURE_LIMIT",
            "reset": "RESET_REQUEST_LIMIT"}


class TooManyAttempts(Exception):
    pass


def init_app(app: Flask) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"],
                                  **app.config["RATELIMIT_STORAGE_OPTIONS"])
    app.extensions[EXTENSION] = MovingWindowRateLimiter(storage)


def _limiter() -> MovingWindowRateLimiter:
    return current_app.extensions[EXTENSION]


def reset() -> None:
    _limiter().storage.reset()


def _keys(scope: str, account: str | None) -> list[str]:
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or ""
    keys = [f"{prefix}rmn:{scope}:ip:{client_address()}"]
    if account:
        # Hash the account name so the limit store holds no addresses.
        hashed = sha256(account.casefold().encode()).hexdigest()[:32]
        keys.append(f"{prefix}rmn:{scope}:acct:{hashed}")
    return keys


def check(scope: str, account: str | None = None) -> None:
    """Raise TooManyAttempts when the account or the address used up its failures."""
    item = parse(current_app.config[SETTINGS[scope]])
    try:
        blocked = any(not _limiter().test(item, key) for key in _keys(scope, account))
    except Exception as error:  # the shared store is down: refuse rather than allow guessing
        raise ServiceUnavailable() from error
    if blocked:
        raise TooManyAttempts


def record_failure(scope: str, account: str | None = None) -> bool:
    """Count a failure; True when this failure used up a limit (a lockout starts)."""
    item = parse(current_app.config[SETTINGS[scope]])
    locked = False
    try:
        for key in _keys(scope, account):
            _limiter().hit(item, key)
            locked = locked or not _limiter().test(item, key)
    except Exception as error:
        raise ServiceUnavailable() from error
    return locked
