"""Helpers for the events tests: events made through the real services."""

from datetime import UTC, datetime, timedelta

from rmn_portal.content import Visibility
from rmn_portal.db import utcnow
from rmn_portal.events import services
from rmn_portal.events.models import EventFormat


def soon(days: float = 7, hour: int | None = None) -> datetime:
    value = utcnow() + timedelta(days=days)
    if hour is not None:
        value = value.replace(hour=hour, minute=0, second=0, microsecond=0)
    return value


def make_event(actor, **fields):
    """An event through services.create_event, with sensible defaults."""
    starts = fields.pop("starts_at", soon(7, hour=9))
    values = {
        "title": "Network meeting",
        "format": EventFormat.IN_PERSON,
        "city": "Beograd",
        "country": "RS",
        "starts_at": starts,
        "ends_at": fields.pop("ends_at", starts + timedelta(hours=2)),
        "visibility": Visibility.NETWORK,
    }
    values.update(fields)
    return services.create_event(actor, **values)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)
