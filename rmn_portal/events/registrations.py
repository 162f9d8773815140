"""Registration: RSVPs, the waiting list, approval and attendance.

Every change that can take or free a place first locks the event's row
(`SELECT … FOR UPDATE`), so concurrent RSVPs are decided one after another
and an event is never overbooked. The waiting list is served in order:
when a place frees up, the first person waiting gets it and is told.
"""

from collections import Counter
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select

from .. import audit
from ..db import db, utcnow
from ..errors import ServiceError
from ..notify.services import notify
from ..permissions import Action, can
from .localtime import format_moment
from .models import Event, Registration, RegistrationStatus, Response

MAX_ANSWER = 1000
MAX_PRIVATE = 1000


def _refuse(message: str, field: str | None = None, status: int = 409):
    raise ServiceError(message, field=field, status=status)


def lock_event(event: Event) -> Event:
    """Hold the event's row lock until the transaction ends (a no-op on
    SQLite, which lets one writer in at a time anyway) and reload it."""
    locked = db.session.get(Event, event.id, with_for_update=True, populate_existing=True)
    return locked or event


def going_count(event: Event) -> int:
    return db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.GOING))


def free_places(event: Event) -> int | None:
    """Places left; None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - going_count(event), 0)


def waitlist_position(registration: Registration) -> int | None:
    if registration.status is not RegistrationStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == registration.event_id,
        Registration.status == RegistrationStatus.WAITLISTED,
        or_(Registration.waitlisted_at < registration.waitlisted_at,
            and_(Registration.waitlisted_at == registration.waitlisted_at,
                 Registration.id < registration.id))))
    return ahead + 1


def registration_of(event: Event, person) -> Registration | None:
    return db.session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.user_id == person.id))


# --- RSVP ---------------------------------------------------------------------------------

def rsvp(actor, event: Event, response: Response, *, person=None, answers: dict | None = None,
         accessibility_needs: str = "", dietary_requirements: str = "",
         share_with_participants: bool = False, now: datetime | None = None) -> Registration:
    """Record a person's answer (`person` defaults to the actor; organisers
    may answer for someone else). Going to a full event puts them on the
    waiting list; to an event that asks for approval, in the approval queue."""
    person = person or actor
    response = Response(response)
    if person.id != actor.id and not can(actor, Action.EVENT_MANAGE_PARTICIPANTS, event):
        _refuse(_("You may not register other people for this event."), status=403)
    if not can(person, Action.EVENT_REGISTER, event):
        _refuse(_("This person cannot see this event."), status=403)
    now = now or utcnow()
    event = lock_event(event)
    registration = registration_of(event, person)
    _check_open(event, response, registration, now)
    cleaned = _clean_answers(event, answers or {}, required=response is not Response.NOT_GOING)
    if registration is None:
        registration = Registration(event_id=event.id, user_id=person.id, user=person,
                                    status=RegistrationStatus.NOT_GOING)
        db.session.add(registration)
    was_going = registration.status is RegistrationStatus.GOING
    registration.answers = cleaned
    registration.accessibility_needs = (accessibility_needs or "").strip()[:MAX_PRIVATE]
    registration.dietary_requirements = (dietary_requirements or "").strip()[:MAX_PRIVATE]
    registration.share_with_participants = bool(share_with_participants)
    _set_status(event, registration, response, now)
    db.session.flush()
    if was_going and registration.status is not RegistrationStatus.GOING:
        promote_waitlisted(event)
    return registration


def _check_open(event: Event, response: Response, registration, now: datetime) -> None:
    if event.is_cancelled:
        _refuse(_("This event has been cancelled: responses are closed."))
    if now >= event.starts_at:
        _refuse(_("This event has already started: responses are closed."))
    wants_to_come = response is not Response.NOT_GOING
    if wants_to_come and now >= event.closes_at:
        # Saying "not going" stays possible until the start: it frees a place.
        _refuse(_("Registration closed on %(when)s.", when=format_moment(event.closes_at)))
    if (wants_to_come and registration is not None
            and registration.status is RegistrationStatus.REJECTED):
        _refuse(_("The organisers did not approve your registration. Contact them if you "
                  "think this is a mistake."))


def _clean_answers(event: Event, answers: dict, *, required: bool) -> dict:
    cleaned = {}
    for question in event.questions or []:
        value = str(answers.get(question["id"]) or "").strip()[:MAX_ANSWER]
        if question.get("choices") and value and value not in question["choices"]:
            _refuse(_("Choose one of the offered answers."), f"q_{question['id']}", status=422)
        if required and question.get("required") and not value:
            _refuse(_("Please answer this question."), f"q_{question['id']}", status=422)
        if value:
            cleaned[question["id"]] = value
    return cleaned


def _set_status(event: Event, registration: Registration, response: Response,
                now: datetime) -> None:
    current = registration.status
    if current is RegistrationStatus.REJECTED:
        return  # a refusal stands until the organisers approve after all
    if response is not Response.GOING:
        registration.status = RegistrationStatus(response.value)
        registration.waitlisted_at = None
        return
    if current in (RegistrationStatus.GOING, RegistrationStatus.WAITLISTED,
                   RegistrationStatus.PENDING):
        return  # keep the place, the position in the queue, or the request
    if event.requires_approval and registration.approved_at is None:
        registration.status = RegistrationStatus.PENDING
    else:
        _take_place_or_wait(event, registration, now)


def _take_place_or_wait(event: Event, registration: Registration, now: datetime) -> None:
    places = free_places(event)
    if places is None or places > 0:
        registration.status = RegistrationStatus.GOING
        registration.waitlisted_at = None
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlisted_at = now


def promote_waitlisted(event: Event) -> list[Registration]:
    """Give free places to the people waiting longest, and tell them.
    Call with the event locked (every caller in this module does)."""
    places = free_places(event)
    if places == 0:
        return []
    query = (select(Registration).where(Registration.event_id == event.id,
                                        Registration.status == RegistrationStatus.WAITLISTED)
             .order_by(Registration.waitlisted_at, Registration.id))
    if places is not None:
        query = query.limit(places)
    promoted = list(db.session.scalars(query))
    for registration in promoted:
        registration.status = RegistrationStatus.GOING
        registration.waitlisted_at = None
    db.session.flush()
    for registration in promoted:
        if registration.user.active:
            notify(registration.user, "events.promoted", "events/email/promoted",
                   url=event.path, event=event)
    return promoted


# --- approval ---------------------------------------------------------------------------

def approve(actor, registration: Registration, now: datetime | None = None) -> Registration:
    """Accept a request: the person gets a place, or the first free one."""
    event = _managed_event(actor, registration)
    if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.REJECTED):
        _refuse(_("This registration is not waiting for approval."))
    now = now or utcnow()
    registration.approved_at = now
    _take_place_or_wait(event, registration, now)
    db.session.flush()
    if registration.user.active:
        notify(registration.user, "events.approved", "events/email/approved", url=event.path,
               event=event, registration=registration)
    audit.record(actor, "event.registration_approved", event, registration=registration.id)
    return registration


def reject(actor, registration: Registration) -> Registration:
    event = _managed_event(actor, registration)
    if registration.status is not RegistrationStatus.PENDING:
        _refuse(_("This registration is not waiting for approval."))
    registration.status = RegistrationStatus.REJECTED
    db.session.flush()
    if registration.user.active:
        notify(registration.user, "events.rejected", "events/email/rejected", url=event.path,
               event=event)
    audit.record(actor, "event.registration_rejected", event, registration=registration.id)
    return registration


def _managed_event(actor, registration: Registration) -> Event:
    event = registration.event
    if not can(actor, Action.EVENT_MANAGE_PARTICIPANTS, event):
        _refuse(_("You may not manage the registrations of this event."), status=403)
    event = lock_event(event)
    if event.is_cancelled:
        _refuse(_("This event has been cancelled."))
    return event


# --- attendance -----------------------------------------------------------------------------

def attendance_candidates(event: Event) -> list[Registration]:
    """People whose attendance organisers record: everyone who meant to come."""
    return list(db.session.scalars(
        select(Registration).where(Registration.event_id == event.id, Registration.status.in_(
            [RegistrationStatus.GOING, RegistrationStatus.MAYBE, RegistrationStatus.WAITLISTED]))
        .order_by(Registration.status, Registration.id)))


def record_attendance(actor, event: Event, attended_user_ids, now: datetime | None = None
                      ) -> dict[int, int]:
    """Mark who came (everyone else on the list did not) and keep the number
    of participants per organisation with the event. Returns that count."""
    if not can(actor, Action.EVENT_MANAGE_PARTICIPANTS, event):
        _refuse(_("You may not record attendance for this event."), status=403)
    if event.starts_at > (now or utcnow()):
        _refuse(_("Attendance can be recorded once the event has started."))
    attended = {int(user_id) for user_id in attended_user_ids}
    per_org: Counter[int] = Counter()
    for registration in attendance_candidates(event):
        registration.attended = registration.user_id in attended
        if registration.attended:
            per_org[registration.user.org_id] += 1
    event.attendance_by_org = {str(org_id): count for org_id, count in sorted(per_org.items())}
    db.session.flush()
    audit.record(actor, "event.attendance_recorded", event, participants=sum(per_org.values()))
    return dict(per_org)
