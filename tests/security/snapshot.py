"""A fingerprint of every row of every table, to prove a refused request
changed nothing: not the target object, nor anything else."""

import hashlib

from sqlalchemy import select

from rmn_portal.db import db

# Written by any request of a signed-in person, allowed or not: the session's
# "last seen" time, and the audit trail (refusals may be recorded there).
VOLATILE = {("user_sessions", "last_seen_at")}
# Pages that show personal data record who looked (also when a form on them
# was refused): callers that replay such pages leave this table out.
AUDIT_LOG = "audit_events"


def database_fingerprint(*, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Table name -> digest of all its rows, in primary-key order."""
    fingerprint = {}
    for table in db.metadata.sorted_tables:
        if table.name in skip:
            continue
        columns = [column for column in table.columns
                   if (table.name, column.name) not in VOLATILE]
        rows = db.session.execute(
            select(*columns).order_by(*table.primary_key.columns)).all()
        fingerprint[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return fingerprint


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))
