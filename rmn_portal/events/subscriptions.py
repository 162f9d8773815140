"""Personal calendar subscriptions: a secret URL a calendar program polls.

The token is shown once, when it is made; the database keeps only its
SHA-256 hash. Regenerating replaces it (the old URL stops working at once),
revoking deletes it.
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from .. import audit
from ..db import db, record_last_use, utcnow
from .models import CalendarSubscription

TOKEN_BYTES = 32
# Calendar programs poll often; record use at most this often.
TOUCH_INTERVAL = timedelta(hours=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def subscription_of(user) -> CalendarSubscription | None:
    return db.session.scalar(select(CalendarSubscription).where(
        CalendarSubscription.user_id == user.id))


def issue_token(user, *, include_network: bool | None = None) -> str:
    """Create the person's subscription, or give it a new token. Returns the
    token (to build the URL), which is never stored in clear."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    subscription = subscription_of(user)
    if subscription is None:
        subscription = CalendarSubscription(user_id=user.id,
                                            include_network=bool(include_network))
        db.session.add(subscription)
        action = "calendar_feed.created"
    else:
        action = "calendar_feed.regenerated"
        if include_network is not None:
            subscription.include_network = include_network
    subscription.token_hash = _digest(token)
    subscription.created_at = utcnow()
    subscription.last_used_at = None
    db.session.flush()
    audit.record(user, action, subscription, org_id=user.org_id)
    return token


def set_include_network(user, include_network: bool) -> CalendarSubscription | None:
    subscription = subscription_of(user)
    if subscription is not None:
        subscription.include_network = include_network
        db.session.flush()
    return subscription


def revoke(user) -> bool:
    subscription = subscription_of(user)
    if subscription is None:
        return False
    db.session.delete(subscription)
    db.session.flush()
    audit.record(user, "calendar_feed.revoked", None, org_id=user.org_id)
    return True


def by_token(token: str) -> CalendarSubscription | None:
    """The live subscription for this token; None for unknown tokens and
    for people whose account has been deactivated."""
    if not token or len(token) > 100:
        return None
    subscription = db.session.scalar(select(CalendarSubscription).where(
        CalendarSubscription.token_hash == _digest(token)))
    if subscription is None or not subscription.user.active:
        return None
    record_last_use(subscription, "last_used_at", utcnow(), TOUCH_INTERVAL)
    return subscription
