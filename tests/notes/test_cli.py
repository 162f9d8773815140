"""`flask notes redact` and `flask notes purge`."""

import json
from datetime import timedelta

from sqlalchemy import select

from rmn_portal.audit import AuditEvent
from rmn_portal.db import utcnow
from rmn_portal.notes.models import Note

from .conftest import RAW_NAME, RAW_NARRATIVE, RAW_PHONE


def test_redact_reads_stdin_and_prints_the_redacted_text(app):
    result = app.test_cli_runner().invoke(args=["notes", "redact"], input=RAW_NARRATIVE)
    assert result.exit_code == 0, result.output
    assert RAW_NAME not in result.output and RAW_PHONE not in result.output
    assert "[NAME]" in result.output and "[PHONE]" in result.output
    assert "[PLACE: Belgrade region]" in result.output


def test_redact_jsonl_streams_one_line_per_note(app):
    lines = [
        {"id": 1, "lang": "en", "text": f"Call {RAW_PHONE} please."},
        {"id": "b", "lang": "sr-Cyrl", "text": "Зове се Фаршад, има 24 године."},
        {"id": 3, "lang": "sr", "text": "Nema ličnih podataka."},
    ]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n"
    result = app.test_cli_runner().invoke(args=["notes", "redact", "--jsonl"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [item["id"] for item in out] == [1, "b", 3]
    assert out[0]["findings"] == [{"start": 5, "end": 21, "kind": "PHONE"}]
    assert "Фаршад" not in out[1]["redacted"]
    assert out[2] == {"id": 3, "redacted": "Nema ličnih podataka.", "findings": []}


def test_redact_jsonl_reports_a_bad_line_without_echoing_it(app):
    stdin = '{"id": 7, "text": 12}\nnot json at all\n'
    result = app.test_cli_runner().invoke(args=["notes", "redact", "--jsonl"], input=stdin)
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["id"] == 7 and "error" in out[0]
    assert "not json" not in result.output


def test_purge_erases_drafts_untouched_for_the_configured_days(app, notes, people,
                                                              db_session, outbox):
    old, recent = notes.draft(), notes.draft()
    old.last_activity_at = utcnow() - timedelta(days=8)
    recent.last_activity_at = utcnow() - timedelta(days=6)
    db_session.flush()
    app.config["NOTE_DRAFT_DAYS"] = 7
    try:
        result = app.test_cli_runner().invoke(args=["notes", "purge"])
    finally:
        app.config["NOTE_DRAFT_DAYS"] = 30
    assert result.exit_code == 0, result.output
    assert "Erased 1 unpublished note(s) untouched for 7 days." in result.output
    remaining = set(db_session.scalars(select(Note.id)))
    assert old.id not in remaining and recent.id in remaining
    purged = db_session.scalars(select(AuditEvent).where(
        AuditEvent.action == "notes.purged")).all()
    assert [entry.object_id for entry in purged] == [str(old.id)]
    mail = outbox.messages(to=people.author.email)
    assert any("has been erased" in message.subject for message in mail)


def test_purge_days_option_and_default(app, notes, db_session):
    note = notes.draft()
    note.last_activity_at = utcnow() - timedelta(days=31)
    db_session.flush()
    assert app.config["NOTE_DRAFT_DAYS"] == 30
    result = app.test_cli_runner().invoke(args=["notes", "purge", "--days", "40"])
    assert "Erased 0" in result.output
    result = app.test_cli_runner().invoke(args=["notes", "purge"])
    assert "Erased 1" in result.output
