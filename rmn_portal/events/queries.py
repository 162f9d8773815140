"""Read-side queries for the event pages: lists filtered in SQL by what the
reader may see, and the per-page extras (counts, the reader's own status)
loaded in one query each, whatever the number of events on the page."""

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import defer, lazyload, selectinload

from ..db import db, utcnow
from ..orgs.models import Organisation
from ..pagination import paginate
from ..permissions import organisations_visible_to, visible_to
from .models import (
    Event,
    Registration,
    RegistrationStatus,
    event_coorganisers,
)
from .validation import MAX_DAYS

# How organisers' lists are ordered: people with a place first, the waiting
# list in its order, then the rest.
STATUS_ORDER = [RegistrationStatus.GOING, RegistrationStatus.WAITLISTED,
                RegistrationStatus.PENDING, RegistrationStatus.MAYBE,
                RegistrationStatus.NOT_GOING, RegistrationStatus.REJECTED]


def visible_events(user, filters: dict | None = None):
    """SELECT of the events the user may read, with the list filters applied."""
    query = select(Event).where(visible_to(user, Event))
    filters = filters or {}
    if filters.get("org"):
        org_id = select(Organisation.id).where(Organisation.slug == filters["org"])
        query = query.where(or_(
            Event.org_id.in_(org_id),
            Event.id.in_(select(event_coorganisers.c.event_id)
                         .where(event_coorganisers.c.org_id.in_(org_id)))))
    for name in ("kind", "country", "format"):
        if filters.get(name):
            query = query.where(getattr(Event, name) == filters[name])
    return query


# Event cards (the agenda) name the co-organisers; the month grid shows a time
# and a title only (its hundreds of events made the co-organisers' IN list the
# most expensive part of the page). Neither shows the description or questions.
LIST_LOADING = (defer(Event.description), defer(Event.questions))
GRID_LOADING = (*LIST_LOADING, lazyload(Event.coorganisers))
CARD_LOADING = (*LIST_LOADING, selectinload(Event.coorganisers))


# No event lasts longer than this (validation.validate): an event still running
# at a moment started at most this long before it.
LONGEST_EVENT = timedelta(days=MAX_DAYS)


def not_over(moment: datetime):
    """Events still running at `moment` or starting after it. Said with the
    start as well, so that a list sorted by start reads the starts_at index
    from LONGEST_EVENT before `moment` instead of from the network's first
    event (25 → 3 ms for the upcoming agenda at 20,000 events)."""
    return and_(Event.ends_at >= moment, Event.starts_at >= moment - LONGEST_EVENT)


def over(moment: datetime):
    """Events that ended before `moment` (and so started before it)."""
    return and_(Event.ends_at < moment, Event.starts_at < moment)


def in_agenda_order(query, *, past: bool, now: datetime):
    """Past events newest first, or the others soonest first."""
    if past:
        return query.where(over(now)).order_by(Event.starts_at.desc(), Event.id.desc())
    return query.where(not_over(now)).order_by(Event.starts_at, Event.id)


def agenda(user, filters: dict, *, past: bool, page: int, per_page: int = 20,
           now: datetime | None = None):
    query = visible_events(user, filters).options(*CARD_LOADING)
    return paginate(in_agenda_order(query, past=past, now=now or utcnow()),
                    page=page, per_page=per_page)


def grid_times(user, filters: dict, start: datetime, end: datetime) -> list:
    """(id, starts_at, ends_at) of every visible event overlapping [start,
    end), for the month grid to place them all (a few thousand narrow rows at
    most in a busy month) before it loads the few it shows (`events_by_id`)."""
    query = (visible_events(user, filters)
             .with_only_columns(Event.id, Event.starts_at, Event.ends_at,
                                maintain_column_froms=True)
             .where(Event.starts_at < end, Event.starts_at > start - LONGEST_EVENT,
                    Event.ends_at > start)
             .order_by(Event.starts_at, Event.id))
    return list(db.session.execute(query))


def events_by_id(user, ids: list[int]) -> list[Event]:
    """Whole events for the grid's cells (ids from `grid_times`), still
    filtered by what the reader may see."""
    if not ids:
        return []
    return list(db.session.scalars(visible_events(user).where(Event.id.in_(ids))
                                   .options(*GRID_LOADING).order_by(Event.starts_at, Event.id)))


def going_counts(event_ids: list[int]) -> dict[int, int]:
    if not event_ids:
        return {}
    rows = db.session.execute(
        select(Registration.event_id, func.count())
        .where(Registration.event_id.in_(event_ids),
               Registration.status == RegistrationStatus.GOING)
        .group_by(Registration.event_id))
    return dict(rows.all())


def statuses_of(user, event_ids: list[int]) -> dict[int, RegistrationStatus]:
    if not event_ids or not getattr(user, "is_authenticated", False):
        return {}
    rows = db.session.execute(select(Registration.event_id, Registration.status).where(
        Registration.event_id.in_(event_ids), Registration.user_id == user.id))
    return dict(rows.all())


def filter_organisations(user) -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(organisations_visible_to(user))
                                   .order_by(Organisation.name)))


def organiser_list(event: Event) -> list[Registration]:
    """Every registration, in the order organisers read them."""
    registrations = db.session.scalars(
        select(Registration).where(Registration.event_id == event.id)
        .order_by(Registration.waitlisted_at, Registration.created_at, Registration.id)).all()
    rank = {status: index for index, status in enumerate(STATUS_ORDER)}
    return sorted(registrations, key=lambda r: rank[r.status])


def waitlist_positions(registrations: list[Registration]) -> dict[int, int]:
    """Positions on the waiting list, for a list in `organiser_list` order."""
    waiting = [r for r in registrations if r.status is RegistrationStatus.WAITLISTED]
    return {r.id: index for index, r in enumerate(waiting, start=1)}


def shared_participants(event: Event, reader) -> list[Registration]:
    """Participants other participants may see: those who agreed, and the
    reader themself."""
    reader_id = getattr(reader, "id", None)
    return list(db.session.scalars(
        select(Registration).where(
            Registration.event_id == event.id, Registration.status == RegistrationStatus.GOING,
            or_(Registration.share_with_participants, Registration.user_id == reader_id))
        .order_by(Registration.id)))


def series_occurrences(user, event: Event) -> list[Event]:
    if event.series_id is None:
        return []
    return list(db.session.scalars(
        select(Event).where(Event.series_id == event.series_id, visible_to(user, Event))
        .order_by(Event.starts_at)))


def attendance_summary(event: Event) -> list[tuple[Organisation, int]]:
    counts = {int(org_id): n for org_id, n in (event.attendance_by_org or {}).items()}
    if not counts:
        return []
    orgs = db.session.scalars(select(Organisation).where(Organisation.id.in_(counts)))
    return sorted(((org, counts[org.id]) for org in orgs), key=lambda pair: pair[0].name)
