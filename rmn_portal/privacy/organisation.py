"""An organisation's own content, for its admins: profile, people, the
statements it leads, the events it organises, its published notes, its
resources, the trainings it organises, its files.

Registrations of people from other organisations are not included (they are
those people's data); events and trainings carry their counts instead. Notes are included
only as published (redacted), for the reason given in `personal.py`.
"""

from sqlalchemy import func, select

from ..accounts.models import User
from ..db import db
from ..events.models import Event, Registration
from ..notes.models import Note, NoteStatus
from ..resources.models import Resource
from ..statements.models import Statement
from ..storage import StoredFile
from ..trainings.models import Enrolment, Programme
from .zipper import iso


def profile(org) -> dict:
    return {"slug": org.slug, "name": org.name, "short_name": org.short_name,
            "country": org.country, "city": org.city, "website": org.website,
            "contact_email": org.contact_email, "description": org.description,
            "listed_publicly": org.is_listed, "active": org.is_active}


def people(org) -> list[dict]:
    rows = db.session.scalars(select(User).where(User.org_id == org.id).order_by(User.name))
    return [{"name": u.name, "email": u.email, "role": u.role.value, "active": u.active,
             "created_at": iso(u.created_at)} for u in rows]


def statements(org) -> list[dict]:
    rows = db.session.scalars(select(Statement).where(Statement.org_id == org.id)
                              .order_by(Statement.id))
    return [{"id": s.id, "status": s.status.value, "language": s.language,
             "tags": s.tag_names, "created_at": iso(s.created_at),
             "published_at": iso(s.published_at),
             "texts": [{"language": t.language, "title": t.title, "body": t.body}
                       for t in s.texts]} for s in rows]


def events(org) -> list[dict]:
    rows = db.session.scalars(select(Event).where(Event.org_id == org.id).order_by(Event.starts_at))
    counts = dict(db.session.execute(
        select(Registration.event_id, func.count()).join(Event, Event.id == Registration.event_id)
        .where(Event.org_id == org.id).group_by(Registration.event_id)).all())
    return [{"id": e.id, "title": e.title, "description": e.description, "kind": e.kind.value,
             "format": e.format.value, "status": e.status.value, "visibility": e.visibility.value,
             "starts_at": iso(e.starts_at), "ends_at": iso(e.ends_at), "venue": e.venue,
             "city": e.city, "country": e.country, "capacity": e.capacity,
             "registrations": counts.get(e.id, 0), "outcome_notes": e.outcome_notes}
            for e in rows]


def notes(org) -> list[dict]:
    rows = db.session.scalars(select(Note).where(Note.org_id == org.id,
                                                 Note.status == NoteStatus.PUBLISHED)
                              .order_by(Note.id))
    return [{"id": n.id, "title": n.title(), "visibility": n.visibility.value,
             "period": n.period.isoformat() if n.period else None,
             "published_at": iso(n.published_at), "text": n.redacted_narrative} for n in rows]


def resources(org) -> list[dict]:
    rows = db.session.scalars(select(Resource).where(Resource.org_id == org.id)
                              .order_by(Resource.id))
    return [{"id": r.id, "title": r.title, "summary": r.summary, "kind": r.kind.value,
             "year": r.year, "languages": r.languages, "countries": r.countries,
             "tags": r.tag_list, "topics": [t.name for t in r.topics],
             "visibility": r.visibility.value, "external_url": r.external_url,
             "files": [f.stored.original_name for f in r.files],
             "created_at": iso(r.created_at), "in_trash_since": iso(r.deleted_at)}
            for r in rows]


def trainings(org) -> list[dict]:
    rows = db.session.scalars(select(Programme).where(Programme.org_id == org.id)
                              .order_by(Programme.id))
    counts = dict(db.session.execute(
        select(Enrolment.programme_id, func.count())
        .join(Programme, Programme.id == Enrolment.programme_id)
        .where(Programme.org_id == org.id).group_by(Enrolment.programme_id)).all())
    return [{"id": p.id, "title": p.title, "description": p.description,
             "target_audience": p.target_audience, "status": p.status.value,
             "visibility": p.visibility.value, "modality": p.modality.value,
             "planned_minutes": p.planned_minutes,
             "competencies": [c.name for c in p.competencies],
             "sessions": [{"starts_at": iso(s.event.starts_at), "ends_at": iso(s.event.ends_at),
                           "event_id": s.event_id} for s in p.sessions],
             "enrolments": counts.get(p.id, 0), "created_at": iso(p.created_at)}
            for p in rows]


def files(org) -> list[StoredFile]:
    return list(db.session.scalars(select(StoredFile).where(StoredFile.org_id == org.id)
                                   .order_by(StoredFile.id)))


SECTIONS = {"organisation": profile, "people": people, "statements": statements,
            "events": events, "notes": notes, "resources": resources,
            "trainings": trainings}


def collect(org) -> dict:
    return {name: build(org) for name, build in SECTIONS.items()}
