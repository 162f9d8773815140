"""Attendance per session, hours, participants without accounts, and the
completion rule that decides who gets a certificate.

Present and late count as attended: the session's hours go to the person.
Excused and absent count nothing. A programme is completed when the person
attended at least `completion_percent` of its held (not cancelled) sessions
and, if the programme asks for it, handed in the after-training
self-assessment. Completion is evaluated again after every change that can
affect it; certificates follow (issued, or revoked when no longer earned).
"""

from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..db import db, utcnow
from ..errors import ServiceError
from ..events import services as events
from ..permissions import Action, can
from . import certificates
from .models import (
    ATTENDED,
    AgeBand,
    AssessmentPhase,
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    Gender,
    GuestCount,
    Programme,
    SelfAssessment,
    TrainingSession,
)
from .services import refuse

MAX_REMARKS = 300
MAX_GUESTS = 10000


@dataclass(frozen=True)
class Mark:
    status: AttendanceStatus
    remarks: str = ""


# --- the roster and marks ------------------------------------------------------------------------

def roster(session: TrainingSession) -> list[Enrolment]:
    """People whose attendance is recorded: the approved participants, and
    anyone already marked for this session (withdrawn later, say)."""
    marked = select(Attendance.enrolment_id).where(Attendance.session_id == session.id)
    return list(db.session.scalars(
        select(Enrolment).where(Enrolment.programme_id == session.programme_id,
                                (Enrolment.status == EnrolmentStatus.APPROVED)
                                | Enrolment.id.in_(marked))
        .order_by(Enrolment.id)))


def marks_for(session: TrainingSession) -> dict[int, Attendance]:
    return {row.enrolment_id: row for row in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session.id))}


def check_can_record(actor, session: TrainingSession, now=None) -> None:
    if not can(actor, Action.TRAINING_RECORD_ATTENDANCE, session.programme):
        refuse(_("You may not record attendance for this training."), status=403)
    if session.event.is_cancelled:
        refuse(_("This session has been cancelled."), status=409)
    if session.event.starts_at > (now or utcnow()):
        refuse(_("Attendance can be recorded once the session has started."), status=409)


def record(actor, session: TrainingSession, marks: dict[int, Mark], now=None) -> int:
    """Save marks {enrolment id: Mark}. Every id must belong to a person on
    the roster; nothing is saved when one does not. Returns how many changed."""
    check_can_record(actor, session, now)
    listed = {enrolment.id: enrolment for enrolment in roster(session)}
    strangers = [enrolment_id for enrolment_id in marks if enrolment_id not in listed]
    if strangers:
        refuse(_("Attendance can only be recorded for people enrolled in this training."),
               status=422)
    for mark in marks.values():
        if len(mark.remarks or "") > MAX_REMARKS:
            refuse(_("Remarks can be at most %(count)d characters.", count=MAX_REMARKS),
                   status=422)
    existing = marks_for(session)
    changed = 0
    for enrolment_id, mark in marks.items():
        row = existing.get(enrolment_id)
        status, remarks = AttendanceStatus(mark.status), (mark.remarks or "").strip()
        if row is None:
            row = Attendance(session_id=session.id, enrolment_id=enrolment_id)
            db.session.add(row)
        elif row.status is status and row.remarks == remarks:
            continue
        row.status, row.remarks = status, remarks
        row.recorded_by_id, row.recorded_at = actor.id, now or utcnow()
        changed += 1
    db.session.flush()
    _mirror_to_event(actor, session, listed)
    refresh_completion(actor, session.programme)
    audit.record(actor, "training.attendance_recorded", session.programme,
                 org_id=session.programme.org_id, session=session.id, changed=changed)
    return changed


def _mirror_to_event(actor, session: TrainingSession, listed: dict[int, Enrolment]) -> None:
    """Keep the event's own attendance figures in step, where the actor
    organises the event (trainers who do not, leave it as it was)."""
    if not can(actor, Action.EVENT_MANAGE_PARTICIPANTS, session.event):
        return
    present = {enrolment_id for enrolment_id, row in marks_for(session).items()
               if row.status in ATTENDED}
    try:
        with db.session.begin_nested():
            events.record_attendance(actor, session.event,
                                     [listed[i].user_id for i in present if i in listed])
    except ServiceError:
        pass


# --- participants without accounts ---------------------------------------------------------------

def add_guests(actor, session: TrainingSession, count: int, gender: Gender | None = None,
               age_band: AgeBand | None = None) -> GuestCount:
    check_can_record(actor, session)
    if count is None or count < 1:
        refuse(_("Enter a number of participants from 1 upwards."), "count", status=422)
    if count > MAX_GUESTS:
        refuse(_("That is more participants than a session can have."), "count", status=422)
    row = GuestCount(session_id=session.id, count=count, gender=Gender(gender) if gender else None,
                     age_band=AgeBand(age_band) if age_band else None, recorded_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "training.guests_recorded", session.programme,
                 org_id=session.programme.org_id, session=session.id, count=count)
    return row


def remove_guests(actor, row: GuestCount) -> None:
    check_can_record(actor, row.session)
    db.session.delete(row)
    db.session.flush()


def guest_counts(session: TrainingSession) -> list[GuestCount]:
    return list(db.session.scalars(select(GuestCount).where(GuestCount.session_id == session.id)
                                   .order_by(GuestCount.id)))


# --- hours and completion ------------------------------------------------------------------------

def attended_minutes(programme: Programme) -> dict[int, int]:
    """{enrolment id: minutes attended} over the held sessions, one query."""
    held = {session.id: session.minutes for session in programme.held_sessions}
    totals: dict[int, int] = defaultdict(int)
    if not held:
        return totals
    for enrolment_id, session_id in db.session.execute(
            select(Attendance.enrolment_id, Attendance.session_id)
            .where(Attendance.session_id.in_(held), Attendance.status.in_(ATTENDED))):
        totals[enrolment_id] += held[session_id]
    return totals


def attended_sessions(programme: Programme) -> dict[int, set[int]]:
    held = [session.id for session in programme.held_sessions]
    attended: dict[int, set[int]] = defaultdict(set)
    if held:
        for enrolment_id, session_id in db.session.execute(
                select(Attendance.enrolment_id, Attendance.session_id)
                .where(Attendance.session_id.in_(held), Attendance.status.in_(ATTENDED))):
            attended[enrolment_id].add(session_id)
    return attended


def is_complete(programme: Programme, attended_count: int, has_post_assessment: bool) -> bool:
    """The completion rule, on plain numbers."""
    held = len(programme.held_sessions)
    if held == 0 or attended_count == 0:
        return False
    if attended_count * 100 < programme.completion_percent * held:
        return False
    return has_post_assessment or not programme.requires_post_assessment


def refresh_completion(actor, programme: Programme, now=None) -> None:
    """Evaluate every approved participant; issue or revoke certificates."""
    now = now or utcnow()
    attended = attended_sessions(programme)
    minutes = attended_minutes(programme)
    post = set(db.session.scalars(
        select(SelfAssessment.enrolment_id).join(Enrolment)
        .where(Enrolment.programme_id == programme.id,
               SelfAssessment.phase == AssessmentPhase.AFTER)))
    candidates = db.session.scalars(select(Enrolment).where(
        Enrolment.programme_id == programme.id,
        Enrolment.status.in_([EnrolmentStatus.APPROVED, EnrolmentStatus.WITHDRAWN])))
    for enrolment in candidates:
        done = (enrolment.status is EnrolmentStatus.APPROVED
                and is_complete(programme, len(attended[enrolment.id]), enrolment.id in post))
        if done and enrolment.completed_at is None:
            enrolment.completed_at = now
        elif not done and enrolment.completed_at is not None:
            enrolment.completed_at = None
        certificates.follow_completion(actor, enrolment, minutes.get(enrolment.id, 0), now)
    db.session.flush()
