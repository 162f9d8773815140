"""The full-text index: one table of documents for every registered kind.

- `search_fts_docs` (both databases) maps (kind, object_id) to a document id.
- SQLite: the FTS5 table `search_fts` (rowid = document id) holds the folded
  title and body.
- PostgreSQL: `search_fts_docs.search_vector` holds a weighted `tsvector`
  (title A, body B) with a GIN index.

The tables are created by hand-written SQL in the migration and are not part
of the ORM metadata (migrations/env.py ignores `search_fts*` and
`search_vector`). Writes happen in the caller's transaction, so the index
commits and rolls back with the content it describes.
"""

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    column,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Session

from ..pagecache import note_change
from . import registry
from .text import fts5_query, index_form, query_terms, tsquery

_metadata = MetaData()
documents = Table(
    "search_fts_docs", _metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("object_id", Integer, nullable=False),
    Column("search_vector", TSVECTOR),  # PostgreSQL only
)

# Ranking: a match in the title counts ten times one in the body (bm25
# column weights on SQLite, setweight A/B on PostgreSQL).


def _writer(session: Session):
    """The connection the index is written on; the write counts as a change
    of the data for the page cache, which does not see these statements."""
    note_change(session)
    return session.connection()


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# --- writing ------------------------------------------------------------------

def upsert(session: Session, kind: str, object_id: int, title: str, body: str) -> None:
    title, body = index_form(title), index_form(body)
    connection = _writer(session)
    if _dialect(session) == "postgresql":
        connection.execute(text(
            "INSERT INTO search_fts_docs (kind, object_id, search_vector) VALUES (:kind, :id, "
            "setweight(to_tsvector('simple', :title), 'A') || "
            "setweight(to_tsvector('simple', :body), 'B')) "
            "ON CONFLICT (kind, object_id) DO UPDATE SET search_vector = EXCLUDED.search_vector"),
            {"kind": kind, "id": object_id, "title": title, "body": body})
        return
    doc_id = connection.execute(
        text("SELECT id FROM search_fts_docs WHERE kind = :kind AND object_id = :id"),
        {"kind": kind, "id": object_id}).scalar()
    if doc_id is None:
        doc_id = connection.execute(
            text("INSERT INTO search_fts_docs (kind, object_id) VALUES (:kind, :id) "
                 "RETURNING id"), {"kind": kind, "id": object_id}).scalar()
    else:
        connection.execute(text("DELETE FROM search_fts WHERE rowid = :doc"), {"doc": doc_id})
    connection.execute(text("INSERT INTO search_fts (rowid, title, body) "
                            "VALUES (:doc, :title, :body)"),
                       {"doc": doc_id, "title": title, "body": body})


def remove(session: Session, kind: str, object_id: int) -> None:
    connection = _writer(session)
    if _dialect(session) == "sqlite":
        connection.execute(text(
            "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_fts_docs "
            "WHERE kind = :kind AND object_id = :id)"), {"kind": kind, "id": object_id})
    connection.execute(text("DELETE FROM search_fts_docs WHERE kind = :kind AND object_id = :id"),
                       {"kind": kind, "id": object_id})


def index_object(session: Session, obj) -> None:
    source = registry.source_for(obj)
    if source is None or obj.id is None:
        return
    if source.indexed(obj):
        document = source.document(obj)
        upsert(session, source.kind, obj.id, document.title,
               f"{document.keywords}\n{document.body}")
    else:
        remove(session, source.kind, obj.id)


def insert_many(session: Session, kind: str, rows: list[tuple[int, str, str]]) -> None:
    """Index objects that have no document yet, in one batch: (id, title, body).
    For bulk loads (benchmarks, imports) that bypass the ORM events."""
    if not rows:
        return
    connection = _writer(session)
    values = [{"kind": kind, "id": object_id, "title": index_form(title), "body": index_form(body)}
              for object_id, title, body in rows]
    if _dialect(session) == "postgresql":
        connection.execute(text(
            "INSERT INTO search_fts_docs (kind, object_id, search_vector) VALUES (:kind, :id, "
            "setweight(to_tsvector('simple', :title), 'A') || "
            "setweight(to_tsvector('simple', :body), 'B'))"), values)
        return
    connection.execute(text("INSERT INTO search_fts_docs (kind, object_id) VALUES (:kind, :id)"),
                       values)
    ids = dict(connection.execute(
        text("SELECT object_id, id FROM search_fts_docs WHERE kind = :kind "
             "AND object_id BETWEEN :low AND :high"),
        {"kind": kind, "low": min(v["id"] for v in values),
         "high": max(v["id"] for v in values)}).all())
    connection.execute(text("INSERT INTO search_fts (rowid, title, body) "
                            "VALUES (:doc, :title, :body)"),
                       [{"doc": ids[v["id"]], "title": v["title"], "body": v["body"]}
                        for v in values])


def clear(session: Session, kind: str) -> None:
    connection = _writer(session)
    if _dialect(session) == "sqlite":
        connection.execute(text("DELETE FROM search_fts WHERE rowid IN "
                                "(SELECT id FROM search_fts_docs WHERE kind = :kind)"),
                           {"kind": kind})
    connection.execute(text("DELETE FROM search_fts_docs WHERE kind = :kind"), {"kind": kind})


# --- keeping the index in step with the ORM -------------------------------------

PENDING = "search_pending"


def before_flush(session: Session, _context, _instances) -> None:
    """Note which registered objects this flush adds, changes or deletes."""
    pending = session.info.setdefault(PENDING, {})
    for obj in list(session.new) + list(session.dirty):
        _note(pending, obj, session)
    for obj in session.deleted:
        source = registry.source_for(obj)
        if source is not None and obj.id is not None:
            pending[(source.kind, obj.id)] = None
        for _source, parents in registry.related_sources(obj):
            for parent in parents(obj):
                _note(pending, parent, session)


def _note(pending: dict, obj, session: Session) -> None:
    changed = obj in session.new or session.is_modified(obj)
    if changed and registry.source_for(obj) is not None:
        pending[id(obj)] = obj
    for _source, parents in registry.related_sources(obj):
        for parent in parents(obj):
            if parent is not None:
                pending[id(parent)] = parent


def after_flush_postexec(session: Session, _context) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    for key, obj in pending.items():
        if obj is None:
            remove(session, *key)
        elif obj not in session.deleted and obj.id is not None:
            index_object(session, obj)


def after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


# --- querying -----------------------------------------------------------------

class Match:
    """A full-text condition for one kind: join it onto a select of the
    feature's model, then order by `rank` (lower is better on both databases)."""

    def __init__(self, session: Session, kind: str, query: str):
        self.terms = query_terms(query)
        self.kind = kind
        self.dialect = _dialect(session)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def apply(self, stmt, id_column, ranked: bool = True):
        """Restrict `stmt` to rows whose document matches; `id_column` is the
        model's primary key. Visibility stays in `stmt`, so what the reader may
        not see is never counted. `ranked=False` (for counts) skips scoring."""
        if self.dialect == "postgresql":
            self._rank = -func.ts_rank(documents.c.search_vector, self._tsquery())
            return stmt.join(documents, and_(documents.c.kind == self.kind,
                                             documents.c.object_id == id_column)).where(
                documents.c.search_vector.op("@@")(self._tsquery()))
        # SQLite: the matching documents are collected first, driven by the
        # FTS5 index (CROSS JOIN fixes the join order; MATERIALIZED keeps the
        # planner from folding the CTE back into a scan of every document).
        score = "bm25(search_fts, 10.0, 1.0)" if ranked else "0.0"
        hits = (text(f"SELECT d.object_id AS object_id, {score} "  # noqa: S608 - constants  # nosec B608
                     "AS rank FROM search_fts CROSS JOIN search_fts_docs AS d "
                     "ON d.id = search_fts.rowid "
                     "WHERE search_fts MATCH :search_q AND d.kind = :search_kind")
                .bindparams(search_q=fts5_query(self.terms), search_kind=self.kind)
                .columns(column("object_id", Integer), column("rank", Float))
                .cte("search_hits").prefix_with("MATERIALIZED"))
        self._rank = hits.c.rank
        return stmt.join(hits, hits.c.object_id == id_column)

    def candidates(self, stmt, id_column, limit: int, ranked: bool = True):
        """A subquery (object_id, rank) of at most `limit` rows of `stmt` that
        match: the newest matches (SQLite: the highest document ids, given in
        indexing order; PostgreSQL: the highest object ids), visibility
        applied first, so a hidden row never takes a visible row's place.
        Scoring runs on these rows only (see "Search for very common words"
        in docs/performance.md): below `limit` matches the ranking is exact;
        above it, the newest `limit` matches are ranked."""
        if self.dialect == "postgresql":
            return self._pg_candidates(stmt, id_column, limit, ranked)
        # SQLite: the FTS5 index drives, newest document first, and stops after
        # `limit` visible rows; bm25() runs for those only. The reader's
        # filter is a correlated EXISTS (a primary-key lookup per match): as a
        # join, the planner may scan the whole table for every match.
        score = "bm25(search_fts, 10.0, 1.0)" if ranked else "0.0"
        hits = (text(f"SELECT d.object_id AS object_id, search_fts.rowid AS doc, "  # noqa: S608 - constants  # nosec B608
                     f"{score} AS rank FROM search_fts CROSS JOIN search_fts_docs AS d "
                     "ON d.id = search_fts.rowid "
                     "WHERE search_fts MATCH :search_q AND d.kind = :search_kind")
                .bindparams(search_q=fts5_query(self.terms), search_kind=self.kind)
                .columns(column("object_id", Integer), column("doc", Integer),
                         column("rank", Float))
                .subquery("search_hits"))
        readable = stmt.with_only_columns(id_column).where(id_column == hits.c.object_id)
        candidates = select(hits.c.object_id, hits.c.rank).where(readable.exists())
        if ranked:  # a count takes any `limit` rows: FTS5 reads forwards faster
            candidates = candidates.order_by(hits.c.doc.desc())
        return candidates.limit(limit).subquery("search_candidates")

    def _pg_candidates(self, stmt, id_column, limit: int, ranked: bool):
        matching = (stmt.join(documents, and_(documents.c.kind == self.kind,
                                              documents.c.object_id == id_column))
                    .where(documents.c.search_vector.op("@@")(self._tsquery())))
        if not ranked:
            return (matching.with_only_columns(id_column.label("object_id"))
                    .limit(limit).subquery("search_candidates"))
        # Newest objects first: the primary key and (kind, object_id) indexes
        # stream in that order, so PostgreSQL can stop after `limit` rows.
        # The vectors are read again for those rows only and ranked outside:
        # a select list inside the LIMIT may be computed for every match, and
        # wide rows make a hash of every match spill to disk.
        newest = (matching.with_only_columns(id_column.label("object_id"),
                                             documents.c.id.label("doc"))
                  .order_by(id_column.desc()).limit(limit).subquery("search_newest"))
        scored = documents.alias("search_scored")
        rank = -func.ts_rank(scored.c.search_vector, self._tsquery())
        return (select(newest.c.object_id, rank.label("rank"))
                .join_from(newest, scored, scored.c.id == newest.c.doc)
                .subquery("search_candidates"))

    def _tsquery(self):
        return func.to_tsquery("simple", tsquery(self.terms))

    @property
    def rank(self):
        """Order by this, ascending (best first); only after `apply`."""
        return self._rank
