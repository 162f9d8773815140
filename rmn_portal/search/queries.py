"""Searching every registered kind at once (the global search page)."""

from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import func, select

from ..db import db
from ..i18n import in_reader_script
from . import registry
from .index import Match
from .text import highlight, snippet


@dataclass
class Hit:
    url: str
    title: Markup
    snippet: Markup
    obj: object


@dataclass
class Group:
    source: registry.SearchSource
    count: int
    hits: list[Hit] = field(default_factory=list)


def _matching(source, user, query: str, ranked: bool = True):
    match = Match(db.session, source.kind, query)
    if not match:
        return None, None
    stmt = match.apply(select(source.model).where(source.visible(user)), source.model.id,
                       ranked=ranked)
    return stmt, match


def count(source, user, query: str) -> int:
    stmt, _match = _matching(source, user, query, ranked=False)
    if stmt is None:
        return 0
    ids = stmt.with_only_columns(source.model.id).subquery()
    return db.session.scalar(select(func.count()).select_from(ids)) or 0


def hits(source, user, query: str, offset: int = 0, limit: int = 10) -> list[Hit]:
    stmt, match = _matching(source, user, query)
    if stmt is None:
        return []
    rows = db.session.scalars(stmt.order_by(match.rank, source.model.id.desc())
                              .options(*source.load_options).offset(offset).limit(limit))
    found = []
    for obj in rows:
        document = source.document(obj)
        # Serbian text in the reader's script; highlighting folds both scripts.
        title = in_reader_script(document.title, "auto")
        body = in_reader_script(document.body, "auto")
        found.append(Hit(url=source.url(obj), title=highlight(title, match.terms),
                         snippet=snippet(body, match.terms), obj=obj))
    return found


def search(user, query: str, kind: str | None = None, page: int = 1,
           per_page: int = 10) -> list[Group]:
    """One group per registered kind with its count; hits for the chosen kind
    (or the first few of every kind when none is chosen)."""
    groups = []
    for source in registry.sources():
        total = count(source, user, query)
        group = Group(source=source, count=total)
        if total and (kind is None or kind == source.kind):
            offset = (max(page, 1) - 1) * per_page if kind else 0
            group.hits = hits(source, user, query, offset, per_page if kind else 5)
        groups.append(group)
    return groups
