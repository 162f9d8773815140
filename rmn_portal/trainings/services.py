"""Programmes, their sessions and the competency list.

Plain functions with an explicit `actor`: they check permissions, validate,
add and flush, raise `ServiceError(message, field=...)`, and never commit.
Sessions are events of kind "training session", created, changed and
cancelled only through the events feature's service API, so that they show
in calendars and iCalendar feeds like every other event.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..content import Visibility
from ..db import db, utcnow
from ..errors import ServiceError
from ..events import services as events
from ..events.models import EventFormat, EventKind
from ..orgs.models import Organisation
from ..permissions import Action, can, is_coordinator
from .models import (
    Competency,
    EnrolmentMode,
    Modality,
    Programme,
    ProgrammeStatus,
    ProgrammeVisibility,
    TrainingSession,
)

MAX_MINUTES = 1000 * 60
PROGRAMME_FIELDS = ("title", "description", "target_audience", "visibility", "modality",
                    "planned_minutes", "capacity", "enrolment_mode", "external_trainers",
                    "completion_percent", "requires_post_assessment")
SESSION_EVENT_FIELDS = ("title", "starts_at", "ends_at", "format", "venue", "city", "country",
                        "online_url", "timezone")


def refuse(message: str, field: str | None = None, status: int = 400):
    raise ServiceError(message, field=field, status=status)


class EditConflict(ServiceError):
    def __init__(self, programme: Programme):
        super().__init__(_("Someone else changed this training while you were editing it. "
                           "Reload the page, check their changes and save yours again."),
                         status=409)
        self.programme = programme


# --- competencies --------------------------------------------------------------------------

def save_competency(actor, competency: Competency | None, *, name: str, description: str,
                    active: bool = True) -> Competency:
    if not can(actor, Action.TRAININGS_MANAGE_COMPETENCIES):
        refuse(_("Only coordinators maintain the list of competencies."), status=403)
    name = (name or "").strip()
    if not name:
        refuse(_("Give the competency a name."), "name")
    clash = db.session.scalar(select(Competency.id).where(
        func.lower(Competency.name) == name.lower(),
        Competency.id != (competency.id if competency else 0)))
    if clash is not None:
        refuse(_("There is already a competency with this name."), "name")
    if competency is None:
        competency = Competency(name=name)
        db.session.add(competency)
    competency.name, competency.description = name, (description or "").strip()
    competency.active = bool(active)
    db.session.flush()
    audit.record(actor, "training.competency_saved", competency)
    return competency


def active_competencies() -> list[Competency]:
    return list(db.session.scalars(select(Competency).where(Competency.active)
                                   .order_by(Competency.name)))


# --- programmes ------------------------------------------------------------------------------

def _validate_programme(values: dict, org: Organisation | None) -> None:
    if not (values.get("title") or "").strip():
        refuse(_("Give the training a title."), "title")
    if values.get("planned_minutes") is not None and values["planned_minutes"] < 0:
        refuse(_("Hours cannot be below zero."), "planned_hours")
    if values.get("planned_minutes", 0) > MAX_MINUTES:
        refuse(_("That is more hours than a training can plan."), "planned_hours")
    capacity = values.get("capacity")
    if capacity is not None and capacity < 0:
        refuse(_("The capacity cannot be below zero."), "capacity")
    percent = values.get("completion_percent")
    if percent is not None and not 1 <= percent <= 100:
        refuse(_("Enter a share from 1 to 100 per cent."), "completion_percent")
    if org is None and values.get("visibility") is ProgrammeVisibility.ORGANISATION:
        refuse(_("A network training is open to the whole network."), "visibility")


def create_programme(actor, *, org: Organisation | None, competencies=(), trainers=(),
                     **fields) -> Programme:
    """A new programme, as a draft. `org` None: organised by the network."""
    if not can(actor, Action.TRAININGS_CREATE):
        refuse(_("You may not create trainings."), status=403)
    if org is None and not is_coordinator(actor):
        refuse(_("Only coordinators organise network trainings."), "organiser", status=403)
    if org is not None and org.id != actor.org_id and not is_coordinator(actor):
        refuse(_("You can only organise trainings for your own organisation."), "organiser",
               status=403)
    values = _normalise(fields)
    _validate_programme(values, org)
    programme = Programme(org=org, author_id=actor.id, status=ProgrammeStatus.DRAFT, **values)
    programme.competencies = list(competencies)
    programme.trainers = list(trainers)
    db.session.add(programme)
    db.session.flush()
    audit.record(actor, "training.created", programme, org_id=programme.org_id)
    return programme


def update_programme(actor, programme: Programme, *, expected_version: int | None = None,
                     competencies=None, trainers=None, **fields) -> Programme:
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not change this training."), status=403)
    lock_programme(programme)
    if expected_version is not None and expected_version != programme.version:
        raise EditConflict(programme)
    values = _normalise(fields)
    _validate_programme({**{name: getattr(programme, name) for name in PROGRAMME_FIELDS},
                         **values}, programme.org)
    for name, value in values.items():
        setattr(programme, name, value)
    if competencies is not None:
        programme.competencies = list(competencies)
    if trainers is not None:
        programme.trainers = list(trainers)
    programme.version += 1
    db.session.flush()
    if programme.status is ProgrammeStatus.PUBLISHED:
        _set_event_visibility(actor, programme)
    audit.record(actor, "training.updated", programme, org_id=programme.org_id)
    return programme


def _normalise(fields: dict) -> dict:
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    values = dict(fields)
    for name in ("title", "description", "target_audience", "external_trainers"):
        if name in values:
            values[name] = (values[name] or "").strip()
    for name, enum in (("visibility", ProgrammeVisibility), ("modality", Modality),
                       ("enrolment_mode", EnrolmentMode)):
        if values.get(name) is not None:
            values[name] = enum(values[name])
    return values


def lock_programme(programme: Programme) -> Programme:
    """Hold the programme's row lock (enrolment decisions count places).
    Only the id is selected: PostgreSQL cannot lock the joined organisation
    row of a network training (an outer join)."""
    db.session.execute(select(Programme.id).where(Programme.id == programme.id)
                       .with_for_update())
    return programme


def publish(actor, programme: Programme) -> None:
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not change this training."), status=403)
    if programme.status is not ProgrammeStatus.DRAFT:
        refuse(_("Only a draft can be published."), status=409)
    if not programme.sessions:
        refuse(_("Add at least one session before publishing the training."), status=409)
    programme.status = ProgrammeStatus.PUBLISHED
    programme.version += 1
    db.session.flush()
    _set_event_visibility(actor, programme)
    audit.record(actor, "training.published", programme, org_id=programme.org_id)


def cancel_programme(actor, programme: Programme, reason: str = "") -> None:
    """Cancel the training and every session that has not started yet."""
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not change this training."), status=403)
    if programme.status is ProgrammeStatus.CANCELLED:
        refuse(_("This training has already been cancelled."), status=409)
    now = utcnow()
    for session in programme.sessions:
        if not session.event.is_cancelled and session.event.starts_at > now:
            events.cancel_event(actor, session.event, reason=reason)
    programme.status = ProgrammeStatus.CANCELLED
    programme.version += 1
    db.session.flush()
    audit.record(actor, "training.cancelled", programme, org_id=programme.org_id)


def event_visibility(programme: Programme) -> Visibility:
    """Drafts stay off the network calendar until they are published."""
    if (programme.status is ProgrammeStatus.DRAFT
            or programme.visibility is ProgrammeVisibility.ORGANISATION):
        return Visibility.ORGANISATION
    return Visibility.NETWORK


def _set_event_visibility(actor, programme: Programme) -> None:
    wanted = event_visibility(programme)
    for session in programme.sessions:
        event = session.event
        if event.visibility != wanted and not event.is_cancelled:
            events.update_event(actor, event, visibility=wanted)


# --- sessions ----------------------------------------------------------------------------------

def _check_minutes(minutes: int | None, starts_at: datetime, ends_at: datetime) -> int:
    duration = int((ends_at - starts_at).total_seconds() // 60)
    if minutes is None:
        return max(duration, 0)
    if minutes < 0:
        refuse(_("Hours cannot be below zero."), "hours")
    if minutes > duration:
        refuse(_("A session cannot count more hours than it lasts."), "hours")
    return minutes


def add_session(actor, programme: Programme, *, minutes: int | None = None, **fields
                ) -> TrainingSession:
    """A new session: an event of kind "training session" organised by the
    programme's organisation (network trainings: the actor's)."""
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not change this training."), status=403)
    if programme.status is ProgrammeStatus.CANCELLED:
        refuse(_("This training has been cancelled."), status=409)
    _check_event_fields(fields)
    minutes = _check_minutes(minutes, fields["starts_at"], fields["ends_at"])
    event = events.create_event(
        actor, org=programme.org or actor.org, kind=EventKind.TRAINING_SESSION,
        visibility=event_visibility(programme), capacity=None, requires_approval=False,
        description=session_description(programme), **fields)
    session = TrainingSession(programme=programme, event=event, starts_at=event.starts_at,
                              minutes=minutes)
    db.session.add(session)
    db.session.flush()
    from .enrolment import sync_calendar  # enrolment imports this module

    sync_calendar(programme, [session])
    audit.record(actor, "training.session_added", programme, org_id=programme.org_id,
                 session=session.id)
    return session


def update_session(actor, session: TrainingSession, *, expected_version: int | None = None,
                   minutes: int | None = None, **fields) -> TrainingSession:
    programme = session.programme
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not change this training."), status=403)
    _check_event_fields(fields)
    event = session.event
    minutes = _check_minutes(minutes, fields.get("starts_at", event.starts_at),
                             fields.get("ends_at", event.ends_at))
    try:
        events.update_event(actor, event, expected_version=expected_version, **fields)
    except events.EditConflict as conflict:
        raise ServiceError(_("Someone else changed this session while you were editing it. "
                             "Reload the page and save again."), status=409) from conflict
    session.starts_at = event.starts_at
    session.minutes = minutes
    db.session.flush()
    from .attendance import refresh_completion

    refresh_completion(actor, programme)
    audit.record(actor, "training.session_updated", programme, org_id=programme.org_id,
                 session=session.id)
    return session


def cancel_session(actor, session: TrainingSession, reason: str = "") -> None:
    programme = session.programme
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not change this training."), status=403)
    events.cancel_event(actor, session.event, reason=reason)
    from .attendance import refresh_completion

    refresh_completion(actor, programme)  # a cancelled session no longer counts


def _check_event_fields(fields: dict) -> None:
    unknown = set(fields) - set(SESSION_EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    if "format" in fields:
        fields["format"] = EventFormat(fields["format"])


def session_description(programme: Programme) -> str:
    path = f"/trainings/{programme.id}"
    return _("A session of the training “%(title)s”. Enrolment, attendance and certificates: "
             "%(path)s", title=programme.title, path=path)
