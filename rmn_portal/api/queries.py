"""The API's list queries: the same visibility rules and filters as the pages.

Each function takes the reader and the request arguments and returns a
SELECT; invalid filters raise `BadParameter`, which the views answer with a
400 error object naming the parameter.
"""

from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from ..db import db, utcnow
from ..events import queries as event_queries
from ..events.models import Event, EventFormat, EventKind
from ..notes.models import Note, NoteCategory, NoteGroup
from ..notes.vocab import NeedCategory, PopulationGroup, Region
from ..orgs.models import COUNTRIES, Organisation
from ..permissions import (
    organisations_visible_to,
    programmes_visible_to,
    published_notes_visible_to,
    signed_in,
    statements_visible_to,
)
from ..resources import queries as resource_queries
from ..resources.models import LANGUAGES, Resource, ResourceKind
from ..statements.models import PUBLIC_STATUSES, Statement, StatementStatus, StatementTag
from ..trainings.models import (
    Modality,
    Programme,
    ProgrammeStatus,
    ProgrammeVisibility,
    TrainingSession,
)


class BadParameter(ValueError):
    def __init__(self, parameter: str, detail: str):
        super().__init__(detail)
        self.parameter = parameter
        self.detail = detail


def _choice(args, name: str, allowed) -> str | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    allowed = [str(getattr(item, "value", item)) for item in allowed]
    if value not in allowed:
        raise BadParameter(name, f"'{value}' is not one of: {', '.join(allowed)}.")
    return value


def _month(args, name: str) -> date | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise BadParameter(name, "Give a month as YYYY-MM, for example 2026-03.") from None


def statement_statuses(reader) -> list[StatementStatus]:
    if signed_in(reader):
        return [*PUBLIC_STATUSES, StatementStatus.OPEN]
    return list(PUBLIC_STATUSES)


def statements(reader, args):
    query = select(Statement).where(statements_visible_to(reader))
    status = _choice(args, "status", statement_statuses(reader))
    if status:
        query = query.where(Statement.status == StatementStatus(status))
    tag = args.get("tag", "").strip().lower()
    if tag:
        if len(tag) > 40:
            raise BadParameter("tag", "A tag has at most 40 characters.")
        query = query.where(Statement.id.in_(
            select(StatementTag.statement_id).where(StatementTag.name == tag)))
    return query.order_by(Statement.created_at.desc(), Statement.id.desc())


def notes(reader, args):
    query = select(Note).where(published_notes_visible_to(reader))
    category = _choice(args, "category", NeedCategory)
    if category:
        query = query.where(exists().where(NoteCategory.note_id == Note.id,
                                           NoteCategory.category == category))
    group = _choice(args, "group", PopulationGroup)
    if group:
        query = query.where(exists().where(NoteGroup.note_id == Note.id,
                                           NoteGroup.population_group == group))
    region = _choice(args, "region", Region)
    if region:
        query = query.where(Note.region == region)
    start, end = _month(args, "start"), _month(args, "end")
    if start:
        query = query.where(Note.period >= start)
    if end:
        query = query.where(Note.period <= end)
    return query.order_by(Note.published_at.desc(), Note.id.desc())


def events(reader, args):
    filters = {
        "kind": _choice(args, "kind", EventKind),
        "format": _choice(args, "format", EventFormat),
        "country": _choice(args, "country", COUNTRIES),
        "org": args.get("org", "").strip() or None,
    }
    when = _choice(args, "when", ("upcoming", "past")) or "upcoming"
    query = event_queries.visible_events(reader, {k: v for k, v in filters.items() if v}) \
        .options(selectinload(Event.coorganisers))
    return event_queries.in_agenda_order(query, past=when == "past", now=utcnow())


def organisations(reader, args):
    query = select(Organisation).where(organisations_visible_to(reader))
    if not signed_in(reader):
        query = query.where(Organisation.is_listed)
    country = _choice(args, "country", COUNTRIES)
    if country:
        query = query.where(Organisation.country == country)
    return query.order_by(Organisation.country, Organisation.name)


def _org_id(args) -> int | None:
    """The `org` filter: an organisation's slug (as in the events filter)."""
    slug = args.get("org", "").strip()
    if not slug:
        return None
    org_id = db.session.scalar(select(Organisation.id).where(Organisation.slug == slug))
    return org_id if org_id is not None else 0  # unknown: an empty list, as on the page


def _whole_number(args, name: str) -> int | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise BadParameter(name, f"{name} must be a whole number.")
    return int(value)


RESOURCE_SORTS = ("relevance", "newest", "title", "downloads")


def resources(reader, args):
    """The library's list with its filters; `q` searches as the page does."""
    query = args.get("q", "").strip()
    if len(query) > 200:
        raise BadParameter("q", "A search has at most 200 characters.")
    filters = resource_queries.Filters(
        q=query, kind=_choice(args, "kind", ResourceKind) or "",
        language=_choice(args, "language", LANGUAGES) or "",
        topic=_whole_number(args, "topic"), country=_choice(args, "country", COUNTRIES) or "",
        org=_org_id(args), year=_whole_number(args, "year"),
        sort=_choice(args, "sort", RESOURCE_SORTS) or "")
    if filters.org == 0:
        return select(Resource).where(Resource.id.is_(None))
    stmt, _match = resource_queries.listing(reader, filters)
    return stmt.options(selectinload(Resource.topics), selectinload(Resource.files),
                        selectinload(Resource.language_rows),
                        selectinload(Resource.country_rows))


def readable_programmes(reader):
    """Programmes an API caller reads: published or cancelled network
    trainings (anonymous callers: none, as on the site; a token: never an
    organisation's internal training)."""
    return (programmes_visible_to(reader) & (Programme.status != ProgrammeStatus.DRAFT)
            & (Programme.visibility == ProgrammeVisibility.NETWORK))


def trainings(reader, args):
    query = select(Programme).where(readable_programmes(reader))
    org = args.get("org", "").strip()
    if org == "network":
        query = query.where(Programme.org_id.is_(None))
    elif org:
        query = query.where(Programme.org_id == _org_id(args))
    status = _choice(args, "status", (ProgrammeStatus.PUBLISHED, ProgrammeStatus.CANCELLED))
    if status:
        query = query.where(Programme.status == status)
    modality = _choice(args, "modality", Modality)
    if modality:
        query = query.where(Programme.modality == modality)
    when = _choice(args, "when", ("upcoming", "past"))
    if when:
        upcoming = select(TrainingSession.programme_id).where(
            TrainingSession.starts_at >= utcnow())
        query = query.where(Programme.id.in_(upcoming) if when == "upcoming"
                            else Programme.id.not_in(upcoming))
    return query.order_by(Programme.created_at.desc(), Programme.id.desc())

