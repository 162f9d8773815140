"""The declarative base, shared column helpers and database connection rules."""

from datetime import UTC, datetime, timedelta
from enum import StrEnum

from flask import has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Enum, MetaData, TypeDecorator, event, inspect, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry

from .pagecache import BOOKKEEPING

# Named constraints keep migrations portable between SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every database.

    SQLite keeps no offset, so values come back naive; this type gives them
    their UTC zone back and refuses naive input, which would be ambiguous.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


db = SQLAlchemy(model_class=Base)


def str_enum(enum_cls: type[StrEnum]) -> Enum:
    """Store a StrEnum as its plain string values (portable, readable in SQL)."""
    return Enum(enum_cls, native_enum=False, length=32, validate_strings=True,
                values_callable=lambda cls: [member.value for member in cls])


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def init_engine_events(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the pysqlite driver, decide when transactions begin,
    # so that SAVEPOINTs and transaction boundaries behave as documented.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Erased text (a note's raw narrative) is overwritten on disk, not just unlinked.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


# On SQLite a transaction that has read cannot start writing once another
# connection has committed: the write fails at once with "database is locked"
# (SQLITE_BUSY_SNAPSHOT), whatever the busy timeout, and the visitor sees a 503.
# Requests that change state therefore take the write lock when they begin
# (BEGIN IMMEDIATE) and wait their turn instead; page views read concurrently.
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _sqlite_on_begin(connection) -> None:
    writes = has_request_context() and request.method not in READ_ONLY_METHODS
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def record_last_use(row, column: str, now: datetime, every: timedelta) -> None:
    """Record when a session, a feed or a token was last used, at most once per
    `every`, from inside a request that otherwise only reads.

    The read transaction is ended first and the update runs in a transaction
    that begins with it, so that on SQLite it waits for the write lock instead
    of failing (see READ_ONLY_METHODS). Call it before the request has changed
    anything: what is pending is committed."""
    last = getattr(row, column)
    if last is not None and now - last <= every:
        return
    model = type(row)
    key, stamp = inspect(model).primary_key[0], getattr(model, column)
    touch = (update(model).where(key == inspect(row).identity[0],
                                 or_(stamp.is_(None), stamp < now - every))
             .values({column: now})
             # A stamp no cached page shows: not a change for the page cache.
             .execution_options(synchronize_session=False, **{BOOKKEEPING: True}))
    db.session.commit()
    db.session.execute(touch)
    db.session.commit()
