"""Reading the library: the list with filters, sorting and search; the trash."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from ..db import db, utcnow
from ..pagination import capped_count
from ..permissions import visible_to
from ..search.index import Match
from .models import (
    TRASH_DAYS,
    Resource,
    ResourceCountry,
    ResourceFile,
    ResourceLanguage,
    resource_topic_links,
)

PER_PAGE = 20
SORTS = ("relevance", "newest", "title", "downloads")


def readable(user):
    """Resources the user may see, trash excluded: the SQL filter for every list."""
    return visible_to(user, Resource) & Resource.deleted_at.is_(None)


@dataclass
class Filters:
    q: str = ""
    kind: str = ""
    language: str = ""
    topic: int | None = None
    country: str = ""
    org: int | None = None
    year: int | None = None
    visibility: str = ""
    sort: str = ""


def listing(user, filters: Filters, ranked: bool = True):
    """(select statement, Match or None) for one page of the list."""
    stmt = select(Resource).where(readable(user))
    if filters.kind:
        stmt = stmt.where(Resource.kind == filters.kind)
    if filters.language:
        stmt = stmt.where(exists().where(ResourceLanguage.resource_id == Resource.id,
                                         ResourceLanguage.code == filters.language))
    if filters.country:
        stmt = stmt.where(exists().where(ResourceCountry.resource_id == Resource.id,
                                         ResourceCountry.code == filters.country))
    if filters.topic:
        stmt = stmt.where(exists().where(resource_topic_links.c.resource_id == Resource.id,
                                         resource_topic_links.c.topic_id == filters.topic))
    if filters.org:
        stmt = stmt.where(Resource.org_id == filters.org)
    if filters.year:
        stmt = stmt.where(Resource.year == filters.year)
    if filters.visibility:
        stmt = stmt.where(Resource.visibility == filters.visibility)
    match = Match(db.session, "resource", filters.q) if filters.q else None
    if match:
        stmt = match.apply(stmt, Resource.id, ranked=ranked)
    else:
        match = None
    return stmt.order_by(*_order(filters.sort, match)), match


def _order(sort: str, match):
    if sort == "title":
        return (Resource.title, Resource.id)
    if sort == "downloads":
        return (Resource.download_count.desc(), Resource.id.desc())
    if match is not None and sort in ("", "relevance"):
        return (match.rank, Resource.id.desc())
    return (Resource.created_at.desc(), Resource.id.desc())


@dataclass
class Page:
    """One page of results, with what the pager macro needs."""

    items: list
    total: int
    page: int
    per_page: int = PER_PAGE
    capped: bool = False  # more than `total` (see pagination.capped_count)

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def page(user, filters: Filters, number: int):
    # Count ids only: an index covers the visibility filter, and the page's
    # eager loading, scoring and sorting stay out of the count.
    counted, _match = listing(user, filters, ranked=False)
    total, capped = capped_count(counted.with_only_columns(Resource.id))
    stmt, match = listing(user, filters)
    number = min(max(number, 1), max((total + PER_PAGE - 1) // PER_PAGE, 1))
    options = [selectinload(Resource.language_rows), selectinload(Resource.topics),
               selectinload(Resource.files)]
    if match is not None:
        options[-1] = selectinload(Resource.files).undefer(ResourceFile.extracted_text)
    items = list(db.session.scalars(stmt.options(*options).limit(PER_PAGE)
                                    .offset((number - 1) * PER_PAGE)))
    return Page(items=items, total=total, page=number, capped=capped), match


def trash(user):
    """Deleted resources of the user's organisation that can still be restored."""
    cutoff = utcnow() - timedelta(days=TRASH_DAYS)
    return list(db.session.scalars(
        select(Resource).where(Resource.org_id == user.org_id, Resource.deleted_at.is_not(None),
                               Resource.deleted_at >= cutoff)
        .order_by(Resource.deleted_at.desc())))


def public_latest(limit: int = 50) -> list[Resource]:
    return list(db.session.scalars(
        select(Resource).where(readable(None)).options(selectinload(Resource.topics))
        .order_by(Resource.created_at.desc(), Resource.id.desc()).limit(limit)))
