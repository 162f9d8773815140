"""Append-only audit log of security-relevant actions.

Entries say who did what to which object, and when. They never hold a
password, a token, or the content of a note. The database refuses updates and
deletes (triggers in the migration) and so does the ORM (see `_append_only`).
"""

from datetime import datetime
from typing import Any

from flask import Flask, has_request_context
from sqlalchemy import JSON, Index, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from .db import db, utcnow
from .net import client_address

# Detail keys that must never be written, whatever a caller passes.
FORBIDDEN_DETAIL_KEYS = frozenset({"password", "token", "secret", "code", "text", "narrative",
                                   "body"})


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Plain ids, not foreign keys: the log outlives the accounts it mentions.
    actor_id: Mapped[int | None] = mapped_column(index=True)
    actor_org_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    org_id: Mapped[int | None] = mapped_column(index=True)
    ip: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def record(actor, action: str, target=None, *, org_id: int | None = None,
           **details: Any) -> AuditEvent:
    """Add an audit entry to the current transaction (it commits with the action)."""
    unsafe = FORBIDDEN_DETAIL_KEYS.intersection(details)
    if unsafe:
        raise ValueError(f"audit details must not contain {sorted(unsafe)}")
    actor_id = getattr(actor, "id", None)
    entry = AuditEvent(
        actor_id=actor_id,
        actor_org_id=getattr(actor, "org_id", None),
        action=action,
        object_type=_object_type(target),
        object_id=str(target.id) if target is not None and getattr(target, "id", None) else None,
        org_id=org_id if org_id is not None else getattr(target, "org_id", None),
        ip=client_address() if has_request_context() else None,
        details=details,
    )
    db.session.add(entry)
    return entry


def _object_type(target) -> str | None:
    if target is None:
        return None
    return getattr(target, "__tablename__", type(target).__name__.lower())


def _append_only(session: Session, _context, _instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise PermissionError("the audit log is append-only")


def init_app(app: Flask) -> None:
    if not event.contains(Session, "before_flush", _append_only):
        event.listen(Session, "before_flush", _append_only)
