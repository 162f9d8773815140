"""Searching every registered kind at once (the global search page).

Work per kind is bounded by the count cap (`SEARCH_COUNT_CAP`): matches are
counted up to the cap ("more than 1,000" above it), and only the newest `cap`
matching rows are ranked and paged through, so a word found in half the
library costs no more than one found a thousand times."""

from dataclasses import dataclass, field

from flask import current_app
from markupsafe import Markup
from sqlalchemy import func, select

from ..db import db
from ..i18n import in_reader_script
from . import registry
from .index import Match
from .text import highlight, snippet

DEFAULT_COUNT_CAP = 1000


@dataclass
class Hit:
    url: str
    title: Markup
    snippet: Markup
    obj: object


@dataclass
class Group:
    source: registry.SearchSource
    count: int  # exact up to the cap; the cap itself when `capped`
    capped: bool = False  # more matches than the cap: only the first `count` are shown
    hits: list[Hit] = field(default_factory=list)


def count_cap() -> int:
    return max(int(current_app.config.get("SEARCH_COUNT_CAP", DEFAULT_COUNT_CAP)), 1)


def _candidates(source, user, query: str, limit: int, ranked: bool):
    """(subquery of object_id and rank, Match), or (None, None) for a query
    without a searchable word. Visibility is applied inside the subquery."""
    match = Match(db.session, source.kind, query)
    if not match:
        return None, None
    visible = select(source.model).where(source.visible(user))
    return match.candidates(visible, source.model.id, limit, ranked=ranked), match


def count(source, user, query: str, cap: int) -> int:
    """Visible matches, counted up to `cap + 1` (more than the cap)."""
    candidates, _match = _candidates(source, user, query, cap + 1, ranked=False)
    if candidates is None:
        return 0
    return db.session.scalar(select(func.count()).select_from(candidates)) or 0


def hits(source, user, query: str, offset: int = 0, limit: int = 10,
         cap: int = DEFAULT_COUNT_CAP) -> list[Hit]:
    """One page of the best hits among the newest `cap` matches."""
    candidates, match = _candidates(source, user, query, cap, ranked=True)
    if candidates is None:
        return []
    model = source.model
    rows = db.session.scalars(
        select(model).join(candidates, candidates.c.object_id == model.id)
        .order_by(candidates.c.rank, model.id.desc())
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
           per_page: int = 10, cap: int | None = None) -> list[Group]:
    """One group per registered kind with its (capped) count; hits for the
    chosen kind (or the first few of every kind when none is chosen)."""
    cap = cap or count_cap()
    groups = []
    for source in registry.sources():
        total = count(source, user, query, cap)
        group = Group(source=source, count=min(total, cap), capped=total > cap)
        offset = (max(page, 1) - 1) * per_page if kind else 0
        if total and (kind is None or kind == source.kind) and offset < cap:
            group.hits = hits(source, user, query, offset, per_page if kind else 5, cap)
        groups.append(group)
    return groups
