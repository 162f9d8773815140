"""Creating, checking and revoking personal access tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..db import db, record_last_use, utcnow
from ..errors import ServiceError
from .models import AccessToken

TOKEN_PREFIX = "rmn_pat_"  # noqa: S105 - a public marker, not a secret
EXPIRY_DAYS = (30, 90, 180, 365)
MAX_ACTIVE_TOKENS = 10
# Writing the last-use time on every call would turn reads into writes.
LAST_USED_PRECISION = timedelta(minutes=5)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(actor, name: str, days: int, now: datetime | None = None
                 ) -> tuple[AccessToken, str]:
    """A new token for the actor; returns it with the secret (shown once)."""
    now = now or utcnow()
    if days not in EXPIRY_DAYS:
        raise ServiceError(_("Choose one of the offered expiry periods."), field="days")
    if len(active_tokens(actor, now)) >= MAX_ACTIVE_TOKENS:
        raise ServiceError(_("You already have %(num)d active tokens. Revoke one you no longer "
                             "use first.", num=MAX_ACTIVE_TOKENS))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(user_id=actor.id, name=name, token_hash=_hash(secret),
                        prefix=secret[:len(TOKEN_PREFIX) + 6], created_at=now,
                        expires_at=now + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "api_token.created", token, days=days)
    return token, secret


def active_tokens(user, now: datetime | None = None) -> list[AccessToken]:
    now = now or utcnow()
    return list(db.session.scalars(
        select(AccessToken).where(AccessToken.user_id == user.id,
                                  AccessToken.revoked_at.is_(None),
                                  AccessToken.expires_at > now)
        .order_by(AccessToken.created_at.desc(), AccessToken.id.desc())))


def all_tokens(user) -> list[AccessToken]:
    return list(db.session.scalars(
        select(AccessToken).where(AccessToken.user_id == user.id)
        .order_by(AccessToken.created_at.desc(), AccessToken.id.desc()).limit(50)))


def authenticate(secret: str, now: datetime | None = None) -> AccessToken | None:
    """The usable token with this secret, or None. Records when it was last used."""
    now = now or utcnow()
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(select(AccessToken).where(AccessToken.token_hash == _hash(secret)))
    if token is None or not token.is_usable(now):
        return None
    record_last_use(token, "last_used_at", now, LAST_USED_PRECISION)
    return token


def revoke(actor, token: AccessToken, now: datetime | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = now or utcnow()
        audit.record(actor, "api_token.revoked", token)


def revoke_all(user, now: datetime | None = None) -> int:
    count = 0
    for token in active_tokens(user, now):
        revoke(user, token, now)
        count += 1
    return count


def count_active(user) -> int:
    return db.session.scalar(select(func.count()).select_from(AccessToken).where(
        AccessToken.user_id == user.id, AccessToken.revoked_at.is_(None),
        AccessToken.expires_at > utcnow())) or 0
