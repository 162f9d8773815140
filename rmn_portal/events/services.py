"""Events: create, change, cancel, record outcomes — the API other features use.

Plain functions with an explicit `actor`: they check permissions, validate,
add and flush, raise `ServiceError(message, field=...)`, and never commit.
Registration (RSVP, waiting list, approval, attendance) lives in
`registrations` and is re-exported here, so that callers such as the
trainings feature need only `from rmn_portal.events import services`.

Times passed in are aware datetimes (any zone); they are stored in UTC.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..content import Visibility
from ..db import db, utcnow
from ..errors import ServiceError
from ..notify.services import notify
from ..orgs.models import Organisation
from ..permissions import Action, can, is_admin, is_coordinator
from . import localtime, recurrence
from .models import (
    INTERESTED,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    EventStatus,
    Frequency,
    Registration,
)
from .registrations import (  # noqa: F401 - the public API of the feature
    approve,
    attendance_candidates,
    free_places,
    going_count,
    lock_event,
    promote_waitlisted,
    record_attendance,
    registration_of,
    reject,
    rsvp,
    waitlist_position,
)
from .validation import as_form_values, normalise, refuse, validate

# Fields a caller may set; their names match the event form's fields, so a
# ServiceError's `field` points at the right input.
EDITABLE = ("title", "description", "kind", "format", "venue", "city", "country", "online_url",
            "starts_at", "ends_at", "timezone", "languages", "capacity",
            "registration_deadline", "requires_approval", "questions", "visibility")
TIME_FIELDS = ("starts_at", "ends_at")
PLACE_FIELDS = ("format", "venue", "city", "country", "online_url")
# Changes that calendar clients must pick up (they raise SEQUENCE).
CALENDAR_FIELDS = ("title", "description", "starts_at", "ends_at", "venue", "city", "country",
                   "format", "status")


class Scope(StrEnum):
    OCCURRENCE = "occurrence"  # only the event at hand
    SERIES = "series"  # every occurrence of its series that has not ended yet


@dataclass(frozen=True)
class Repeat:
    frequency: Frequency
    until: date | None = None  # the last day, in the event's time zone
    count: int | None = None  # occurrences, the first included


class EditConflict(ServiceError):
    """The event changed since the editor loaded it."""

    def __init__(self, event: Event):
        super().__init__(_("Someone else changed this event while you were editing it. Their "
                           "version is shown below; check your changes and save again."),
                         status=409)
        self.event = event


# --- create ------------------------------------------------------------------------------

def create_event(actor, *, org: Organisation | None = None, coorganisers=(),
                 repeat: Repeat | None = None, **fields) -> Event:
    """Create an event (or a series of them) organised by `org` (default: the
    actor's organisation). Returns the (first) event."""
    org = org or actor.org
    if not can(actor, Action.EVENTS_CREATE):
        refuse(_("Sign in to create events."), status=403)
    if org.id != actor.org_id and not (is_coordinator(actor) or is_admin(actor)):
        refuse(_("You can only organise events for your own organisation."), status=403)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    values = normalise({"kind": EventKind.MEETING, "format": EventFormat.IN_PERSON,
                         "visibility": Visibility.ORGANISATION,
                         "timezone": localtime.DEFAULT_ZONE, **fields})
    validate(as_form_values(values))
    starts = _occurrence_starts(values, repeat)
    series = None
    if repeat is not None:
        series = EventSeries(frequency=repeat.frequency, until=repeat.until, count=repeat.count)
        db.session.add(series)
    partners = [o for o in coorganisers if o.id != org.id]
    duration = values["ends_at"] - values["starts_at"]
    deadline_lead = (values["starts_at"] - values["registration_deadline"]
                     if values.get("registration_deadline") else None)
    events = []
    for start in starts:
        event = Event(org=org, author_id=actor.id, uid=new_uid(), series=series,
                      **{**values, "starts_at": start, "ends_at": start + duration,
                         "registration_deadline": start - deadline_lead
                         if deadline_lead is not None else None})
        event.coorganisers = list(partners)
        db.session.add(event)
        events.append(event)
    db.session.flush()
    audit.record(actor, "event.created", events[0], occurrences=len(events))
    return events[0]


def planned_ranges(values: dict, repeat: Repeat | None) -> list[tuple[datetime, datetime]]:
    """(start, end) of every occurrence an event with these values would have."""
    duration = values["ends_at"] - values["starts_at"]
    return [(start, start + duration) for start in _occurrence_starts(values, repeat)]


def new_uid() -> str:
    return f"{secrets.token_hex(16)}@rmn-portal"


def _occurrence_starts(values: dict, repeat: Repeat | None) -> list[datetime]:
    if repeat is None:
        return [values["starts_at"]]
    if repeat.until is None and not repeat.count:
        refuse(_("Say when the series ends: a last date or a number of occurrences."),
                "repeat_until")
    if repeat.count is not None and repeat.count < 1:
        refuse(_("A series has at least one occurrence."), "repeat_count")
    tz = localtime.zone(values["timezone"])
    if repeat.until is not None and repeat.until < localtime.to_local(values["starts_at"],
                                                                      tz).date():
        refuse(_("The series cannot end before its first occurrence."), "repeat_until")
    try:
        return recurrence.occurrence_starts(values["starts_at"], tz, repeat.frequency,
                                            until=repeat.until, count=repeat.count)
    except recurrence.TooManyOccurrences:
        refuse(_("A series can have at most %(count)d occurrences.",
                  count=recurrence.MAX_OCCURRENCES),
                "repeat_count" if repeat.count else "repeat_until")


# --- update ------------------------------------------------------------------------------

def series_targets(event: Event, scope: Scope, now: datetime | None = None) -> list[Event]:
    """The events an edit or cancellation with this scope applies to."""
    if scope is Scope.OCCURRENCE or event.series_id is None:
        return [event]
    now = now or utcnow()
    others = db.session.scalars(
        select(Event).where(Event.series_id == event.series_id, Event.id != event.id,
                            Event.ends_at >= now, Event.status == EventStatus.SCHEDULED)
        .order_by(Event.starts_at)).all()
    return [event, *others]


def update_event(actor, event: Event, *, scope: Scope = Scope.OCCURRENCE,
                 expected_version: int | None = None, coorganisers=None,
                 now: datetime | None = None, **fields) -> list[Event]:
    """Change an event, or every remaining occurrence of its series. Time
    changes move each occurrence by the same wall-clock shift. People who
    registered hear about changes of time or place. Returns the changed events."""
    if not can(actor, Action.EVENT_EDIT, event):
        refuse(_("You may not change this event."), status=403)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    lock_event(event)
    if expected_version is not None and expected_version != event.version:
        raise EditConflict(event)
    if event.is_cancelled:
        refuse(_("A cancelled event cannot be changed."), status=409)
    values = normalise(fields)
    targets = series_targets(event, scope, now)
    plans = [(target, _values_for(target, event, values)) for target in targets]
    for target, planned in plans:
        if target is not event:
            lock_event(target)
        current = {name: getattr(target, name) for name in EDITABLE}
        validate(as_form_values({**current, **planned}), confirmed=going_count(target))
    changed, told = [], set()
    for target, planned in plans:
        if _apply(actor, target, planned, coorganisers, told):
            changed.append(target)
    if changed:
        audit.record(actor, "event.updated", event, occurrences=len(changed), scope=str(scope))
    return changed


def _values_for(target: Event, edited: Event, values: dict) -> dict:
    """The edited occurrence takes the values as given; other occurrences of
    the series keep their own dates, moved by the same wall-clock shift."""
    if target is edited:
        return dict(values)
    planned = {name: value for name, value in values.items()
               if name not in ("starts_at", "ends_at", "registration_deadline")}
    tz = localtime.zone(edited.timezone)
    new_start = values.get("starts_at", edited.starts_at)
    new_end = values.get("ends_at", edited.ends_at)
    shift = (localtime.to_local(new_start, tz) - localtime.to_local(edited.starts_at, tz))
    planned["starts_at"] = localtime.shift_wall_clock(target.starts_at, shift, tz)
    planned["ends_at"] = planned["starts_at"] + (new_end - new_start)
    if "registration_deadline" in values:
        deadline = values["registration_deadline"]
        planned["registration_deadline"] = (
            None if deadline is None else planned["starts_at"] - (new_start - deadline))
    return planned


def _apply(actor, event: Event, planned: dict, coorganisers, told: set[int]) -> bool:
    differences = {name for name, value in planned.items() if getattr(event, name) != value}
    partners = None
    if coorganisers is not None:
        partners = sorted((o for o in coorganisers if o.id != event.org_id), key=lambda o: o.id)
        if [o.id for o in partners] != sorted(o.id for o in event.coorganisers):
            differences.add("coorganisers")
    if not differences:
        return False
    capacity_grew = "capacity" in differences and (
        planned["capacity"] is None or event.capacity is None
        or planned["capacity"] > event.capacity)
    for name in differences - {"coorganisers"}:
        setattr(event, name, planned[name])
    if partners is not None:
        event.coorganisers = partners
    event.version += 1
    if differences & set(CALENDAR_FIELDS):
        event.sequence += 1
    if differences & set(TIME_FIELDS):
        _forget_reminders(event)
    db.session.flush()
    if differences & set(TIME_FIELDS + PLACE_FIELDS):
        _tell_registrants(event, "events.changed", "events/email/changed", told)
    if capacity_grew:
        promote_waitlisted(event)
    return True


def _forget_reminders(event: Event) -> None:
    """A moved event deserves a fresh reminder before its new time."""
    for registration in _interested(event):
        registration.reminded_at = None


def _interested(event: Event) -> list[Registration]:
    return list(db.session.scalars(select(Registration).where(
        Registration.event_id == event.id, Registration.status.in_(INTERESTED))))


def _tell_registrants(event: Event, kind: str, template: str, told: set[int], **context):
    """Notify everyone still interested in the event, once per person even
    when a whole series changes."""
    for registration in _interested(event):
        if registration.user_id in told or not registration.user.active:
            continue
        told.add(registration.user_id)
        notify(registration.user, kind, template, url=event.path, event=event,
               registration=registration, **context)


# --- cancel and outcomes -------------------------------------------------------------------

def cancel_event(actor, event: Event, *, reason: str = "", scope: Scope = Scope.OCCURRENCE,
                 now: datetime | None = None) -> list[Event]:
    """Cancel an event (or the rest of its series). It stays visible, marked
    cancelled, and feeds publish it as CANCELLED; registrants are told."""
    if not can(actor, Action.EVENT_EDIT, event):
        refuse(_("You may not cancel this event."), status=403)
    lock_event(event)
    if event.is_cancelled:
        refuse(_("This event has already been cancelled."), status=409)
    now = now or utcnow()
    targets = series_targets(event, scope, now)
    told: set[int] = set()
    for target in targets:
        target.status = EventStatus.CANCELLED
        target.cancelled_at = now
        target.cancellation_reason = (reason or "").strip()[:500]
        target.sequence += 1
        target.version += 1
        db.session.flush()
        _tell_registrants(target, "events.cancelled", "events/email/cancelled", told)
    audit.record(actor, "event.cancelled", event, occurrences=len(targets), scope=str(scope))
    return targets


def set_outcome(actor, event: Event, notes: str, now: datetime | None = None) -> None:
    """Short notes on how the event went, kept with it."""
    if not can(actor, Action.EVENT_EDIT, event):
        refuse(_("You may not change this event."), status=403)
    if event.starts_at > (now or utcnow()):
        refuse(_("Outcome notes can be written once the event has started."), "outcome_notes",
                status=409)
    event.outcome_notes = (notes or "").strip()
    db.session.flush()


# --- clash warning -------------------------------------------------------------------------

def find_clashes(*, ranges: list[tuple[datetime, datetime]], country: str, visibility,
                 exclude_ids=()) -> list[Event]:
    """Network events in the same country overlapping any of `ranges`: the
    network wants to avoid two of its events competing for the same people."""
    if not ranges or not country or visibility not in (Visibility.NETWORK, Visibility.PUBLIC):
        return []
    first, last = min(r[0] for r in ranges), max(r[1] for r in ranges)
    candidates = db.session.scalars(
        select(Event).where(Event.visibility.in_([Visibility.NETWORK, Visibility.PUBLIC]),
                            Event.country == country, Event.status == EventStatus.SCHEDULED,
                            Event.starts_at < last, Event.ends_at > first,
                            Event.id.not_in(list(exclude_ids) or [0]))
        .order_by(Event.starts_at).limit(200)).all()
    return [event for event in candidates
            if any(event.starts_at < end and event.ends_at > start for start, end in ranges)]
