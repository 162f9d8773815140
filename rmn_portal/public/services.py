"""What the public site shows: public content only, whoever is reading.

Every query here reads as an anonymous visitor (`ANONYMOUS`), also when a
member is signed in, so the landing page never counts, lists or hints at
anything that is not public.
"""

from sqlalchemy import func, or_, select

from ..content import Visibility
from ..db import db, utcnow
from ..events.models import Event, EventStatus, event_coorganisers
from ..events.queries import not_over
from ..notes.models import Note, NoteStatus
from ..orgs.models import Organisation
from ..permissions import programmes_visible_to, visible_to
from ..resources.models import Resource
from ..resources.queries import public_latest, readable
from ..statements.models import PUBLIC_STATUSES, Signature, Statement
from ..trainings.models import Programme, ProgrammeStatus, TrainingSession

ANONYMOUS = None  # permissions treat None as a visitor who is not signed in
LATEST = 5


def latest_statements(limit: int = LATEST) -> list[Statement]:
    return list(db.session.scalars(
        select(Statement).where(Statement.status.in_(PUBLIC_STATUSES))
        .order_by(Statement.published_at.desc(), Statement.id.desc()).limit(limit)))


def latest_notes(limit: int = LATEST) -> list[Note]:
    return list(db.session.scalars(
        select(Note).where(Note.status == NoteStatus.PUBLISHED,
                           Note.visibility == Visibility.PUBLIC)
        .order_by(Note.published_at.desc(), Note.id.desc()).limit(limit)))


def upcoming_events(limit: int = LATEST) -> list[Event]:
    return list(db.session.scalars(
        select(Event).where(visible_to(ANONYMOUS, Event), not_over(utcnow()),
                            Event.status == EventStatus.SCHEDULED)
        .order_by(Event.starts_at, Event.id).limit(limit)))


def latest_resources(limit: int = LATEST) -> list[Resource]:
    return public_latest(limit)


def _upcoming_programme_ids():
    return select(TrainingSession.programme_id).where(TrainingSession.starts_at >= utcnow())


def network_figures() -> dict[str, int]:
    """Counts of public things only."""
    return {
        "organisations": db.session.scalar(select(func.count()).select_from(Organisation).where(
            Organisation.is_active, Organisation.is_listed)) or 0,
        "statements": db.session.scalar(select(func.count()).select_from(Statement).where(
            Statement.status.in_(PUBLIC_STATUSES))) or 0,
    }


def organisation_items(org, reader) -> dict:
    """An organisation's items for its profile page, as the reader may see them:
    statements, upcoming events, resources and upcoming trainings.
    Notes are never listed: published notes do not name their organisation
    to the public (it could help identify the people they describe)."""
    signed = select(Signature.statement_id).where(Signature.org_id == org.id,
                                                  Signature.withdrawn_at.is_(None),
                                                  Signature.set_aside_at.is_(None))
    statements = db.session.scalars(
        select(Statement).where(Statement.status.in_(PUBLIC_STATUSES),
                                or_(Statement.org_id == org.id, Statement.id.in_(signed)))
        .order_by(Statement.published_at.desc(), Statement.id.desc()).limit(10)).all()
    coorganised = select(event_coorganisers.c.event_id).where(event_coorganisers.c.org_id == org.id)
    events = db.session.scalars(
        select(Event).where(visible_to(reader, Event), not_over(utcnow()),
                            or_(Event.org_id == org.id, Event.id.in_(coorganised)))
        .order_by(Event.starts_at, Event.id).limit(10)).all()
    resources = db.session.scalars(
        select(Resource).where(readable(reader), Resource.org_id == org.id)
        .order_by(Resource.created_at.desc(), Resource.id.desc()).limit(10)).all()
    # Trainings are for members: for anonymous visitors this query finds nothing.
    trainings = db.session.scalars(
        select(Programme).where(programmes_visible_to(reader), Programme.org_id == org.id,
                                Programme.status == ProgrammeStatus.PUBLISHED,
                                Programme.id.in_(_upcoming_programme_ids()))
        .order_by(Programme.created_at.desc(), Programme.id.desc()).limit(10)).all()
    return {"statements": statements, "events": events, "resources": resources,
            "trainings": trainings}
