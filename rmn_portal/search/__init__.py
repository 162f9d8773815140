"""One search for everything: an index machinery that features register with.

- `registry.register(SearchSource(...))` describes a searchable model.
- `index.Match` restricts a feature's own list query to matching rows.
- `queries.search()` searches every registered kind for the global page.
- `text.snippet()` / `text.highlight()` build escaped, highlighted snippets
  from the original text.

The index is kept in step by session events (see `index.before_flush`), and
`flask --app rmn_portal search reindex` rebuilds it from the tables.
"""

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..db import db
from . import index
from .registry import SearchDocument, SearchSource, register, sources

__all__ = ["SearchDocument", "SearchSource", "init_app", "register", "reindex", "sources"]


def init_app(app: Flask) -> None:
    if not event.contains(Session, "before_flush", index.before_flush):
        event.listen(Session, "before_flush", index.before_flush)
        event.listen(Session, "after_flush_postexec", index.after_flush_postexec)
        event.listen(Session, "after_rollback", index.after_rollback)
    app.cli.add_command(search_group)


def reindex(kind: str | None = None, batch: int = 500) -> int:
    """Rebuild the index of one kind (or all) from the feature tables."""
    count = 0
    for source in sources():
        if kind and source.kind != kind:
            continue
        index.clear(db.session, source.kind)
        last_id = 0
        while True:
            rows = db.session.scalars(
                select(source.model).where(source.model.id > last_id)
                .order_by(source.model.id).limit(batch).options(*source.load_options)).all()
            if not rows:
                break
            for obj in rows:
                index.index_object(db.session, obj)
            count += len(rows)
            last_id = rows[-1].id
            db.session.expunge_all()  # keep memory flat on large tables
    return count


@click.group("search")
def search_group():
    """The full-text search index."""


@search_group.command("reindex")
@click.option("--kind", default=None, help="Only this kind (e.g. resource)")
@with_appcontext
def reindex_command(kind):
    """Rebuild the search index from the content tables."""
    count = reindex(kind)
    db.session.commit()
    click.echo(f"Indexed {count} object(s).")
