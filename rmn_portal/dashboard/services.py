"""What the personal dashboard shows: what needs me, my upcoming events and
the network's recent activity I may see.

A constant number of queries whatever the data: each panel is one query
(with a LIMIT) that also counts every matching row (a window count, taken
before the LIMIT), plus its eager loads when it has items. The panels show a
title and a date, so they load only the relations the titles need
(`lazyload("*")` turns off the models' default eager loads: tags, editors,
co-organisers, trainers and sessions cost more than the whole page).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import lazyload, selectinload

from ..accounts.models import Role
from ..db import db, utcnow
from ..events.models import INTERESTED, Event, Registration, RegistrationStatus
from ..notes.models import Note, NoteStatus
from ..permissions import (
    notes_for_review,
    published_notes_visible_to,
    statements_visible_to,
    visible_to,
)
from ..resources.models import Resource
from ..resources.queries import readable as readable_resources
from ..statements.models import Signature, Statement, StatementStatus
from ..trainings.models import Enrolment, EnrolmentStatus, Programme, ProgrammeStatus

PANEL_SIZE = 5
ACTIVITY_SIZE = 10
TITLES_ONLY = lazyload("*")
NOTE_TITLES = (TITLES_ONLY, selectinload(Note.categories))
STATEMENT_TITLES = (TITLES_ONLY, selectinload(Statement.texts))


@dataclass(frozen=True)
class Panel:
    items: list
    total: int


@dataclass(frozen=True)
class Activity:
    kind: str  # "statement", "note", "event", "resource"
    at: datetime
    obj: object


def _first_rows(query, order) -> tuple[list, int]:
    """The first PANEL_SIZE rows of `query` and how many rows it has in all,
    in one query: `count(*) OVER ()` is computed before the LIMIT."""
    rows = db.session.execute(query.add_columns(func.count().over())
                              .order_by(*order).limit(PANEL_SIZE)).all()
    return [row[:-1] for row in rows], (rows[0][-1] if rows else 0)


def _panel(query, order) -> Panel:
    rows, total = _first_rows(query, order)
    return Panel([row[0] for row in rows], total)


def notes_to_review(user) -> Panel:
    return _panel(select(Note).where(notes_for_review(user)).options(TITLES_ONLY),
                  (Note.submitted_at, Note.id))


def my_returned_notes(user) -> Panel:
    return _panel(select(Note).where(Note.author_id == user.id,
                                     Note.status == NoteStatus.RETURNED)
                  .options(TITLES_ONLY), (Note.last_activity_at.desc(), Note.id))


def statements_to_sign(user, now: datetime | None = None) -> Panel:
    """Open statements my organisation has not signed (organisation admins sign)."""
    if user.role is not Role.ORG_ADMIN:
        return Panel([], 0)
    now = now or utcnow()
    signed = exists().where(Signature.statement_id == Statement.id,
                            Signature.org_id == user.org_id, Signature.withdrawn_at.is_(None),
                            Signature.set_aside_at.is_(None))
    query = select(Statement).where(statements_visible_to(user),
                                    Statement.status == StatementStatus.OPEN,
                                    Statement.closes_at > now, ~signed
                                    ).options(*STATEMENT_TITLES)
    return _panel(query, (Statement.closes_at, Statement.id))


def _organised_events(user):
    """Events whose participants the user manages (permissions._organise_event, in SQL)."""
    if user.role in (Role.COORDINATOR, Role.ADMIN):
        return visible_to(user, Event)
    own = Event.author_id == user.id
    if user.role is Role.ORG_ADMIN:
        return or_(own, Event.org_id == user.org_id, Event.shared_with_clause(user.org_id))
    return own


def registrations_to_approve(user, now: datetime | None = None) -> Panel:
    """Upcoming events with registrations waiting for the user's approval."""
    now = now or utcnow()
    waiting = (select(Registration.event_id, func.count().label("waiting"))
               .where(Registration.status == RegistrationStatus.PENDING)
               .group_by(Registration.event_id).subquery())
    query = (select(Event, waiting.c.waiting).join(waiting, waiting.c.event_id == Event.id)
             .where(_organised_events(user), Event.ends_at >= now).options(TITLES_ONLY))
    rows, total = _first_rows(query, (Event.starts_at, Event.id))
    return Panel([(event, count) for event, count in rows], total)


def my_upcoming_events(user, now: datetime | None = None) -> Panel:
    now = now or utcnow()
    query = (select(Registration).join(Registration.event)
             .where(Registration.user_id == user.id, Registration.status.in_(INTERESTED),
                    Event.ends_at >= now)
             .options(TITLES_ONLY, selectinload(Registration.event).options(TITLES_ONLY)))
    return _panel(query, (Event.starts_at, Event.id))


def my_trainings(user) -> Panel:
    """Trainings I am enrolled in (or waiting for), not yet completed."""
    query = (select(Enrolment).join(Enrolment.programme)
             .where(Enrolment.user_id == user.id, Enrolment.completed_at.is_(None),
                    Enrolment.status.in_([EnrolmentStatus.APPROVED, EnrolmentStatus.REQUESTED,
                                          EnrolmentStatus.WAITLISTED]),
                    Programme.status == ProgrammeStatus.PUBLISHED)
             .options(TITLES_ONLY, selectinload(Enrolment.programme).options(TITLES_ONLY)))
    return _panel(query, (Enrolment.created_at.desc(), Enrolment.id))


def recent_activity(user) -> list[Activity]:
    """The newest statements, notes, events and resources the user may see, merged."""
    statements = db.session.scalars(
        select(Statement).where(statements_visible_to(user)).options(*STATEMENT_TITLES)
        .order_by(Statement.updated_at.desc()).limit(ACTIVITY_SIZE))
    notes = db.session.scalars(
        select(Note).where(published_notes_visible_to(user)).options(*NOTE_TITLES)
        .order_by(Note.published_at.desc()).limit(ACTIVITY_SIZE))
    events = db.session.scalars(
        select(Event).where(visible_to(user, Event)).options(TITLES_ONLY)
        .order_by(Event.created_at.desc()).limit(ACTIVITY_SIZE))
    resources = db.session.scalars(
        select(Resource).where(readable_resources(user)).options(TITLES_ONLY)
        .order_by(Resource.created_at.desc(), Resource.id.desc()).limit(ACTIVITY_SIZE))
    items = ([Activity("statement", s.updated_at, s) for s in statements]
             + [Activity("resource", r.created_at, r) for r in resources]
             + [Activity("note", n.published_at, n) for n in notes]
             + [Activity("event", e.created_at, e) for e in events])
    return sorted(items, key=lambda item: item.at, reverse=True)[:ACTIVITY_SIZE]
