"""Counting failures (wrong passwords, wrong codes) against limits.

Flask-Limiter counts requests; here only failures count, per account and per
client address, in the limiter's storage (memory, or Redis when
RMN_REDIS_URL is set, shared by every app server).
"""

from hashlib import sha256

from flask import current_app
from limits import parse

from ..extensions import limiter
from ..net import client_address


class TooManyAttempts(Exception):
    pass


def _keys(scope: str, account: str | None) -> list[str]:
    keys = [f"{scope}:ip:{client_address()}"]
    if account:
        # Hash the account name so the limiter store holds no addresses.
        keys.append(f"{scope}:acct:{sha256(account.casefold().encode()).hexdigest()[:32]}")
    return keys


def _limit(scope: str):
    setting = {"login": "LOGIN_FAILURE_LIMIT", "2fa": "TWO_FACTOR_FAILURE_LIMIT",
               "reset": "RESET_REQUEST_LIMIT"}[scope]
    return parse(current_app.config.get(setting, "10 per 5 minutes"))


def check(scope: str, account: str | None = None) -> None:
    """Raise TooManyAttempts when the account or the address used up its failures."""
    item = _limit(scope)
    for key in _keys(scope, account):
        if not limiter.limiter.test(item, key):
            raise TooManyAttempts


def record_failure(scope: str, account: str | None = None) -> bool:
    """Count a failure; True when this failure used up a limit (a lockout starts)."""
    item = _limit(scope)
    locked = False
    for key in _keys(scope, account):
        limiter.limiter.hit(item, key)
        locked = locked or not limiter.limiter.test(item, key)
    return locked
