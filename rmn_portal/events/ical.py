"""iCalendar (RFC 5545) for events: single downloads and subscription feeds.

- Times carry the event's own time zone (TZID) with its VTIMEZONE, so that
  calendar programs move them correctly across daylight saving changes.
- UIDs are random and stored, so they stay the same through every edit.
- SEQUENCE rises with every change calendar programs should apply;
  cancelled events stay in feeds with STATUS:CANCELLED so that subscribers'
  copies are cancelled too instead of lingering.
- The online link goes only into calendars of people allowed to see it.
"""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from flask import current_app
from icalendar import Calendar
from icalendar import Event as VEvent

from ..content import Visibility
from ..db import utcnow
from ..orgs.models import COUNTRIES
from .localtime import zone
from .models import Event, RegistrationStatus

PRODID = "-//Rainbow Migration Network//RMN Portal//EN"
MEDIA_TYPE = "text/calendar"
TENTATIVE = (RegistrationStatus.MAYBE, RegistrationStatus.WAITLISTED,
             RegistrationStatus.PENDING)


def build_calendar(events: Iterable[Event], *, name: str,
                   statuses: dict[int, RegistrationStatus] | None = None,
                   may_see_link: Callable[[Event], bool] = lambda _event: False,
                   now: datetime | None = None) -> bytes:
    """The iCalendar text of `events`. `statuses` holds the subscriber's own
    registration per event id (a "maybe" becomes TENTATIVE)."""
    now = now or utcnow()
    statuses = statuses or {}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", timedelta(hours=1))
    events = list(events)
    for event in events:
        calendar.add_component(_vevent(event, statuses.get(event.id), may_see_link(event), now))
    if events:
        # Transitions for the years the events span, not since 1970.
        first = min(e.starts_at for e in events).date() - timedelta(days=366)
        last = max(e.ends_at for e in events).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def _vevent(event: Event, status: RegistrationStatus | None, show_link: bool,
            now: datetime) -> VEvent:
    tz = zone(event.timezone)
    vevent = VEvent()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", now)
    vevent.add("created", event.created_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", event.starts_at.astimezone(tz))
    vevent.add("dtend", event.ends_at.astimezone(tz))
    vevent.add("summary", event.title)
    vevent.add("status", _status(event, status))
    vevent.add("transp", "OPAQUE")
    vevent.add("class", "PUBLIC" if event.visibility == Visibility.PUBLIC else "PRIVATE")
    vevent.add("categories", [event.kind.label])
    vevent.add("url", absolute(event.path))
    location = _location(event, show_link)
    if location:
        vevent.add("location", location)
    vevent.add("description", _description(event, show_link))
    return vevent


def _status(event: Event, status: RegistrationStatus | None) -> str:
    if event.is_cancelled:
        return "CANCELLED"
    if status in TENTATIVE:
        return "TENTATIVE"
    return "CONFIRMED"


def _location(event: Event, show_link: bool) -> str:
    parts = []
    if event.has_place:
        country = str(COUNTRIES.get(event.country, "")) if event.country else ""
        parts = [p for p in (event.venue, event.city, country) if p]
    if event.is_online and show_link and event.online_url:
        parts.append(event.online_url)
    return ", ".join(parts)


def _description(event: Event, show_link: bool) -> str:
    lines = [event.description.strip()] if event.description.strip() else []
    if event.is_cancelled and event.cancellation_reason:
        lines.insert(0, event.cancellation_reason)
    lines.append(event.org.name)
    if event.is_online and show_link and event.online_url:
        lines.append(event.online_url)
    lines.append(absolute(event.path))
    return "\n\n".join(lines)


def absolute(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path
