"""Features register what they want found; the machinery stays the same.

A feature describes one searchable model with a `SearchSource`:

    search.register(SearchSource(
        kind="resource", model=Resource, label=_l("Resources"),
        document=lambda r: SearchDocument(r.title, r.summary, ...),
        visible=lambda user: and_(visible_to(user, Resource), Resource.deleted_at.is_(None)),
        url=lambda r: url_for("resources.detail", resource_id=r.id),
    ))

From then on every flush that adds, changes or deletes such an object updates
the index in the same transaction, and `search.queries` can find it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.sql import ColumnElement


@dataclass(frozen=True)
class SearchDocument:
    """The ORIGINAL text of an object: folded for the index; `title` and
    `body` are shown in results and snippets, `keywords` (tags, file names,
    category names) are only searched."""

    title: str
    body: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class SearchSource:
    kind: str  # short stable name stored in the index, e.g. "resource"
    model: type
    label: Any  # a (lazy) translated plural, e.g. "Resources"
    document: Callable[[Any], SearchDocument]
    # SQL filter on `model` for a reader: the feature's `visible_to` plus
    # anything else that hides rows (deleted, draft).
    visible: Callable[[Any], ColumnElement[bool]]
    url: Callable[[Any], str]
    # Whether an object belongs in the index at all (drafts with personal
    # data, for example, never do).
    indexed: Callable[[Any], bool] = lambda _obj: True
    # Loader options for result pages (eager loading, undeferred text).
    load_options: tuple = ()
    # Other mapped classes whose changes must reindex an object of `model`:
    # (class, function returning the objects to reindex).
    related: tuple[tuple[type, Callable[[Any], Iterable[Any]]], ...] = field(default=())
    # Where the kind's group comes on the search page (lower first).
    position: int = 50


_SOURCES: dict[str, SearchSource] = {}


def register(source: SearchSource) -> SearchSource:
    existing = _SOURCES.get(source.kind)
    if existing is not None and existing.model is not source.model:
        raise ValueError(f"search kind {source.kind!r} is already registered")
    _SOURCES[source.kind] = source
    return source


def sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda source: source.position)


def source(kind: str) -> SearchSource:
    return _SOURCES[kind]


def source_for(obj) -> SearchSource | None:
    for candidate in _SOURCES.values():
        if isinstance(obj, candidate.model):
            return candidate
    return None


def related_sources(obj) -> list[tuple[SearchSource, Callable[[Any], Iterable[Any]]]]:
    return [(candidate, parents) for candidate in _SOURCES.values()
            for cls, parents in candidate.related if isinstance(obj, cls)]
