"""The raw text leaves no trace: after publication and after rejection no
column of any table holds a name from it, and it is in no log line."""

import logging

import pytest
from sqlalchemy import JSON, String, Text, inspect, select, text

from rmn_portal.content import Visibility
from rmn_portal.db import db
from rmn_portal.notes import services
from rmn_portal.notes.models import Note, NoteStatus

from ..factories import login
from .conftest import RAW_NAME, RAW_PHONE, form_data

TEXT_TYPES = (String, Text, JSON)


def database_holds(needle: str) -> list[str]:
    """Every table.column of the whole database whose value contains `needle`
    (reflected from the database, so tables of every feature are included)."""
    connection = db.session.connection()
    inspector = inspect(connection)
    hits = []
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            if not isinstance(column["type"], TEXT_TYPES) and "CHAR" not in str(column["type"]) \
                    and "TEXT" not in str(column["type"]) and "JSON" not in str(column["type"]):
                continue
            name = column["name"]
            rows = connection.execute(text(f'SELECT "{name}" FROM "{table}"')).scalars()
            if any(value is not None and needle.casefold() in str(value).casefold()
                   for value in rows):
                hits.append(f"{table}.{name}")
    return hits


def _write_and_submit(client, people, db_session, **extra) -> Note:
    """The author writes through the pages: decisions, extra redactions, the lot."""
    login(client, people.author)
    data = form_data(extra_redactions=["Krnjača"], **extra)
    response = client.post("/notes/new", data={**data, "check": "1"})
    note_id = int(response.headers["Location"].split("/")[2])
    note = db_session.get(Note, note_id)
    response = client.post(f"/notes/{note_id}/edit", data={
        **data, "version": note.version, "submit": "1"})
    assert response.status_code == 302
    client.post("/logout")
    db_session.expire_all()
    return db_session.get(Note, note_id)


def test_the_search_finds_what_it_looks_for(people, notes):
    """The scan itself works: while the note is a draft, it finds the name."""
    notes.draft()
    assert "notes.narrative" in database_holds(RAW_NAME)


def test_nothing_of_the_raw_text_remains_after_publication(client, people, db_session):
    note = _write_and_submit(client, people, db_session)
    login(client, people.coordinator)
    # The reviewer quotes the name in a comment, as a careless person might.
    client.post(f"/notes/{note.id}/review", data={
        "version": note.version, "approve": "1", "comment": f"Fine, {RAW_NAME} is gone."})
    db_session.expire_all()
    note = db_session.get(Note, note.id)
    response = client.post(f"/notes/{note.id}/publish",
                           data={"version": note.version, "visibility": "public"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Note, note.id).status is NoteStatus.PUBLISHED
    for needle in (RAW_NAME, "Farshad", "Rahimi", RAW_PHONE, "123 4567", "Krnjača"):
        assert database_holds(needle) == [], needle


def test_nothing_of_the_raw_text_remains_after_rejection(client, people, db_session):
    note = _write_and_submit(client, people, db_session)
    login(client, people.other_org_admin)
    response = client.post(f"/notes/{note.id}/review", data={
        "version": note.version, "reject": "1",
        "comment": f"Too close to one person ({RAW_NAME})."})
    assert response.status_code == 302
    db_session.expire_all()
    note = db_session.get(Note, note.id)
    assert note.status is NoteStatus.REJECTED
    assert note.narrative is None and note.redacted_narrative is None
    for needle in (RAW_NAME, "Farshad", "Rahimi", RAW_PHONE, "Krnjača"):
        assert database_holds(needle) == [], needle


def test_kept_findings_keep_their_reason_but_lose_their_text(client, people, db_session, notes):
    note = notes.draft(narrative="The project Nada gave food packages. Phone 064 123 4567.")
    finding = next(f for f in services.analysis(note).findings if f.text == "Nada")
    services.keep_finding(people.author, note, finding.text, finding.kind,
                          "Nada is the name of a food project, not of a person")
    services.submit(people.author, note)
    assert "The project Nada gave" in note.redacted_narrative  # kept, as the author asked
    services.approve(people.coordinator, note)
    services.publish(people.coordinator, note, Visibility.PUBLIC)
    db_session.flush()
    decision = note.decisions[0]
    assert decision.text is None and decision.kind == "NAME"
    assert decision.reason == "[REDACTED] is the name of a food project, not of a person"


LOGGERS = ("sqlalchemy.engine", "werkzeug", "rmn_portal", "flask", "alembic")


@pytest.fixture
def verbose_logging():
    """Application loggers at DEBUG and SQL statements at INFO (what someone
    debugging would switch on), set before the test's database connection
    opens, so that its statements are logged."""
    levels = {name: logging.DEBUG for name in LOGGERS}
    levels["sqlalchemy.engine"] = logging.INFO
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    yield
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_raw_text_is_in_no_log_line(verbose_logging, caplog, client, people, db_session):
    caplog.set_level(logging.DEBUG)
    note = _write_and_submit(client, people, db_session)
    login(client, people.author)
    client.get(f"/notes/{note.id}/edit")
    client.post("/notes/preview", data={"narrative": form_data()["narrative"],
                                        "note_id": note.id})
    client.post("/logout")
    login(client, people.coordinator)
    client.post(f"/notes/{note.id}/review", data={"version": note.version, "approve": "1"})
    db_session.expire_all()
    note = db_session.get(Note, note.id)
    client.post(f"/notes/{note.id}/publish", data={"version": note.version,
                                                   "visibility": "public"})
    _log_a_failed_insert(people)
    assert any(r.name.startswith("sqlalchemy") for r in caplog.records), "SQL was logged"
    assert any("IntegrityError" in (r.exc_text or "") for r in caplog.records)
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    for needle in ("Farshad", "Rahimi", "123 4567", "Krnjača"):
        assert needle not in logged


def _log_a_failed_insert(people):
    """A database error while saving a draft, logged the way the error
    handler logs it: the statement's values must not be in the message."""
    from sqlalchemy.exc import IntegrityError

    savepoint = db.session.begin_nested()
    try:
        db.session.add(Note(org_id=10**9, author_id=people.author.id, narrative=RAW_NAME,
                            status=NoteStatus.DRAFT, responses=[], generalised=[],
                            finding_counts={}))
        db.session.flush()
    except IntegrityError:
        logging.getLogger("rmn_portal.errors").exception("unhandled error on POST /notes/new")
    finally:
        savepoint.rollback()


def test_notifications_and_mail_carry_no_text(people, notes, outbox, db_session):
    note = notes.in_review()
    services.return_to_author(people.coordinator, note, comment="Please remove the town.")
    db_session.flush()
    messages = outbox.messages()
    assert messages, "submission and return send mail"
    for message in messages:
        body = message.subject + message.body_text + (message.body_html or "")
        assert "Farshad" not in body and "Krnjača" not in body
        assert "Please remove the town." not in body  # comments stay on the page


@pytest.mark.parametrize("status", ["draft", "in_review", "approved"])
def test_purge_erases_untouched_unpublished_notes(people, notes, db_session, status):
    from datetime import timedelta

    from rmn_portal.db import utcnow

    note = {"draft": notes.draft, "in_review": notes.in_review,
            "approved": notes.approved}[status]()
    fresh = notes.draft()
    published = notes.published()
    note.last_activity_at = published.last_activity_at = utcnow() - timedelta(days=31)
    db_session.flush()
    assert services.purge_stale_drafts(30) == 1
    db_session.flush()
    remaining = set(db_session.scalars(select(Note.id)))
    assert note.id not in remaining
    assert {fresh.id, published.id} <= remaining
