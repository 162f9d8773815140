"""Enrolment: requests, nominations, approval, the waiting list, withdrawal.

Statuses: requested (waits for a coordinator), approved (holds a place),
waitlisted (approved but the training is full; promoted in order when a place
frees up), withdrawn. Deciding on places locks the programme's row first, so
two approvals at once never overbook it.

Approved people are registered as "going" to the sessions still ahead (as
themselves, through the events API), so the sessions appear in their
personal calendar feeds; withdrawing frees those places again.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..accounts.models import Role, User
from ..db import db, utcnow
from ..errors import ServiceError
from ..events import services as events
from ..events.models import Response
from ..notify.services import notify
from ..permissions import Action, can, is_org_admin_of
from .models import (
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    Gender,
    Programme,
    ProgrammeStatus,
    TrainingSession,
)
from .services import lock_programme, refuse


def enrolment_of(programme: Programme, person) -> Enrolment | None:
    return db.session.scalar(select(Enrolment).where(Enrolment.programme_id == programme.id,
                                                     Enrolment.user_id == person.id))


def approved_count(programme: Programme) -> int:
    return db.session.scalar(select(func.count()).select_from(Enrolment).where(
        Enrolment.programme_id == programme.id, Enrolment.status == EnrolmentStatus.APPROVED))


def free_places(programme: Programme) -> int | None:
    if programme.capacity is None:
        return None
    return max(programme.capacity - approved_count(programme), 0)


# --- asking for a place ---------------------------------------------------------------------

def enrol(actor, programme: Programme, gender: Gender | None = None) -> Enrolment:
    """The actor enrols themselves: a place (or the waiting list) in an open
    training, a request where a coordinator approves."""
    if not can(actor, Action.TRAINING_ENROL, programme):
        refuse(_("You cannot enrol in this training yourself."), status=403)
    programme = lock_programme(programme)
    enrolment = _new_or_returning(programme, actor)
    enrolment.gender = Gender(gender) if gender else None
    if programme.enrolment_mode is EnrolmentMode.APPROVAL:
        enrolment.status = EnrolmentStatus.REQUESTED
        db.session.flush()
    else:
        _place_or_wait(programme, enrolment)
    audit.record(actor, "training.enrolled", programme, org_id=programme.org_id,
                 status=str(enrolment.status))
    return enrolment


def nominate(actor, programme: Programme, person: User) -> Enrolment:
    """Enrol someone else: organisation admins nominate their own staff;
    the training's managers (coordinators) enrol anyone, approved at once."""
    if not can(actor, Action.TRAINING_NOMINATE, programme):
        refuse(_("You may not nominate people for this training."), status=403)
    manager = can(actor, Action.TRAINING_MANAGE, programme)
    if not manager and not is_org_admin_of(actor, person.org_id):
        refuse(_("You can only nominate people of your own organisation."), "person",
               status=403)
    if not person.active:
        refuse(_("This account is deactivated."), "person")
    if not can(person, Action.TRAINING_READ, programme) and not manager:
        refuse(_("This person cannot see this training."), "person")
    programme = lock_programme(programme)
    enrolment = _new_or_returning(programme, person)
    enrolment.nominated_by_id = actor.id
    if programme.enrolment_mode is EnrolmentMode.APPROVAL and not manager:
        enrolment.status = EnrolmentStatus.REQUESTED
        db.session.flush()
    else:
        _place_or_wait(programme, enrolment)
    notify(person, "trainings.enrolled", "trainings/email/enrolled",
           url=f"/trainings/{programme.id}", programme=programme, enrolment=enrolment)
    audit.record(actor, "training.nominated", programme, org_id=programme.org_id,
                 person=person.id, status=str(enrolment.status))
    return enrolment


def _new_or_returning(programme: Programme, person: User) -> Enrolment:
    enrolment = enrolment_of(programme, person)
    if enrolment is not None and enrolment.status is not EnrolmentStatus.WITHDRAWN:
        refuse(_("%(name)s is already enrolled in this training.", name=person.name),
               "person", status=409)
    if enrolment is None:
        enrolment = Enrolment(programme_id=programme.id, user_id=person.id, user=person,
                              status=EnrolmentStatus.REQUESTED)
        db.session.add(enrolment)
    return enrolment


def _place_or_wait(programme: Programme, enrolment: Enrolment) -> None:
    places = free_places(programme)
    if places is None or places > 0:
        enrolment.status = EnrolmentStatus.APPROVED
        enrolment.waitlisted_at = None
        db.session.flush()
        sync_calendar(programme, programme.sessions, [enrolment])
    else:
        enrolment.status = EnrolmentStatus.WAITLISTED
        enrolment.waitlisted_at = utcnow()
        db.session.flush()


# --- decisions -----------------------------------------------------------------------------

def approve(actor, enrolment: Enrolment) -> Enrolment:
    programme = enrolment.programme
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not decide on enrolments in this training."), status=403)
    if enrolment.status is not EnrolmentStatus.REQUESTED:
        refuse(_("This enrolment is not waiting for approval."), status=409)
    programme = lock_programme(programme)
    _place_or_wait(programme, enrolment)
    notify(enrolment.user, "trainings.approved", "trainings/email/approved",
           url=f"/trainings/{programme.id}", programme=programme, enrolment=enrolment)
    audit.record(actor, "training.enrolment_approved", programme, org_id=programme.org_id,
                 enrolment=enrolment.id, status=str(enrolment.status))
    return enrolment


def withdraw(actor, enrolment: Enrolment) -> Enrolment:
    """The person withdraws, or their organisation admin or a manager takes
    them off (a declined request is withdrawn too). The first person waiting
    gets the freed place."""
    programme = enrolment.programme
    person = enrolment.user
    allowed = (actor.id == person.id or can(actor, Action.TRAINING_MANAGE, programme)
               or (is_org_admin_of(actor, person.org_id) and actor.role is Role.ORG_ADMIN))
    if not allowed:
        refuse(_("You may not change this enrolment."), status=403)
    if enrolment.status is EnrolmentStatus.WITHDRAWN:
        refuse(_("This enrolment has already been withdrawn."), status=409)
    programme = lock_programme(programme)
    had_place = enrolment.status is EnrolmentStatus.APPROVED
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.waitlisted_at = None
    db.session.flush()
    if had_place:
        sync_calendar(programme, programme.sessions, [enrolment])
        promote_waitlisted(programme)
    audit.record(actor, "training.enrolment_withdrawn", programme, org_id=programme.org_id,
                 enrolment=enrolment.id)
    return enrolment


def promote_waitlisted(programme: Programme) -> list[Enrolment]:
    places = free_places(programme)
    if places == 0:
        return []
    query = (select(Enrolment).where(Enrolment.programme_id == programme.id,
                                     Enrolment.status == EnrolmentStatus.WAITLISTED)
             .order_by(Enrolment.waitlisted_at, Enrolment.id))
    if places is not None:
        query = query.limit(places)
    promoted = list(db.session.scalars(query))
    for enrolment in promoted:
        enrolment.status = EnrolmentStatus.APPROVED
        enrolment.waitlisted_at = None
    db.session.flush()
    if promoted:
        sync_calendar(programme, programme.sessions, promoted)
    for enrolment in promoted:
        notify(enrolment.user, "trainings.promoted", "trainings/email/approved",
               url=f"/trainings/{programme.id}", programme=programme, enrolment=enrolment)
    return promoted


def set_gender(actor, enrolment: Enrolment, gender: Gender | None) -> None:
    """Gender is self-declared: only the person sets it."""
    if actor.id != enrolment.user_id:
        refuse(_("Only the person can state their gender."), status=403)
    enrolment.gender = Gender(gender) if gender else None
    db.session.flush()


# --- the calendar ----------------------------------------------------------------------------

def sync_calendar(programme: Programme, sessions: list[TrainingSession],
                  enrolments: list[Enrolment] | None = None) -> None:
    """Register approved people as going to the sessions ahead, and the
    others as not going. Done as the person themselves (it is their place),
    so that it works whoever decided; sessions that have started or whose
    registration closed are left as they are."""
    if programme.status is ProgrammeStatus.CANCELLED:
        return
    now = utcnow()
    if enrolments is None:
        enrolments = list(db.session.scalars(select(Enrolment).where(
            Enrolment.programme_id == programme.id,
            Enrolment.status == EnrolmentStatus.APPROVED)))
    for session in sessions:
        event = session.event
        if event.is_cancelled or event.starts_at <= now:
            continue
        for enrolment in enrolments:
            going = enrolment.status is EnrolmentStatus.APPROVED
            registration = events.registration_of(event, enrolment.user)
            if registration is None and not going:
                continue
            try:
                with db.session.begin_nested():
                    events.rsvp(enrolment.user, event,
                                Response.GOING if going else Response.NOT_GOING)
            except ServiceError:
                continue  # closed for answers, or the person cannot see it
