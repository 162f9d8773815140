"""Drafting a statement: texts and their revisions, translations, editors, tags.

Plain functions with an explicit actor; they add and flush, raise
ServiceError for refused actions and never commit.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..accounts.models import User
from ..db import db, utcnow
from ..errors import ServiceError
from ..permissions import Action, can
from . import notices
from .models import (
    LANGUAGES,
    Revision,
    Statement,
    StatementEditor,
    StatementStatus,
    StatementTag,
    StatementText,
)
from .text import MAX_TAGS, parse_tags


class EditConflict(ServiceError):
    """Someone saved the text after the editor opened it: nothing was saved."""

    def __init__(self, text: StatementText, base_number: int):
        super().__init__(_("Someone else saved this text while you were editing it."),
                         status=409)
        self.text = text
        self.base_number = base_number


def _refuse(message: str, field: str | None = None, status: int = 400):
    raise ServiceError(message, field=field, status=status)


def clean_body(body: str | None) -> str:
    """Browsers send text areas with CRLF line ends: store LF only, so that
    saving an unchanged text is recognised as no change."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n").rstrip()


def require_drafting(statement: Statement) -> None:
    if statement.status is not StatementStatus.DRAFTING:
        _refuse(_("The text is frozen while the statement is not being drafted. Re-open "
                  "drafting to change it."), status=409)


# --- statements and texts -----------------------------------------------------------------

def create_statement(actor, *, title: str, body: str, language: str, tags: str = "",
                     summary: str = "") -> Statement:
    if not can(actor, Action.STATEMENT_CREATE):
        _refuse(_("You cannot start a statement."), status=403)
    if language not in LANGUAGES:
        _refuse(_("Choose a language from the list."), "language")
    statement = Statement(org_id=actor.org_id, author_id=actor.id, language=language)
    statement.set_status(StatementStatus.DRAFTING)
    # The person who starts a statement is its first editor.
    statement.editors.append(StatementEditor(user_id=actor.id, invited_by_id=actor.id))
    set_tags(statement, tags)
    db.session.add(statement)
    add_text(actor, statement, language=language, title=title, body=body, summary=summary)
    return statement


def add_text(actor, statement: Statement, *, language: str, title: str, body: str,
             summary: str = "") -> StatementText:
    """Add a language version (the original, or a linked translation)."""
    require_drafting(statement)
    body = clean_body(body)
    if language not in LANGUAGES:
        _refuse(_("Choose a language from the list."), "language")
    if any(text.language == language for text in statement.texts):
        _refuse(_("There is already a version in this language."), "language")
    text = StatementText(language=language, title=title, body=body, revision_number=0)
    statement.texts.append(text)
    db.session.flush()
    _append_revision(actor, text, title=title, body=body, summary=summary)
    return text


def save_text(actor, text: StatementText, *, base_number: int, title: str, body: str,
              summary: str = "") -> Revision | None:
    """Save an edit made from revision `base_number`.

    Returns the new revision, or None when nothing changed (no revision then).
    Raises EditConflict when the text moved on since `base_number`: a stale
    form never overwrites someone else's words.
    """
    require_drafting(text.statement)
    body = clean_body(body)
    if title == text.title and body == text.body:
        return None
    if base_number != text.revision_number:
        raise EditConflict(text, base_number)
    return _append_revision(actor, text, title=title, body=body, summary=summary)


def restore_revision(actor, revision: Revision, *, base_number: int) -> Revision | None:
    """Make an earlier revision the current text again, as a new revision."""
    text = db.session.get(StatementText, revision.text_id)
    require_drafting(text.statement)
    if revision.title == text.title and revision.body == text.body:
        return None
    if base_number != text.revision_number:
        raise EditConflict(text, base_number)
    return _append_revision(actor, text, title=revision.title, body=revision.body,
                            summary="", restored_from=revision.number)


def _append_revision(actor, text: StatementText, *, title: str, body: str, summary: str,
                     restored_from: int | None = None) -> Revision:
    base_number = text.revision_number
    try:
        # A savepoint keeps the session usable if another save got there first:
        # the version check on the text row (or the unique revision number)
        # refuses the second of two concurrent saves.
        with db.session.begin_nested():
            revision = Revision(text_id=text.id, number=base_number + 1, title=title, body=body,
                                summary=(summary or "").strip(), author_id=actor.id,
                                restored_from=restored_from)
            db.session.add(revision)
            text.title, text.body = title, body
            text.revision_number = base_number + 1
            text.updated_at = utcnow()
            db.session.flush()
    except (IntegrityError, StaleDataError):
        db.session.refresh(text)
        raise EditConflict(text, base_number) from None
    return revision


def revision(text: StatementText, number: int) -> Revision | None:
    return db.session.scalar(select(Revision).where(Revision.text_id == text.id,
                                                    Revision.number == number))


def history(text: StatementText) -> list[Revision]:
    return list(db.session.scalars(select(Revision).where(Revision.text_id == text.id)
                                   .order_by(Revision.number.desc())))


# --- tags and editors ---------------------------------------------------------------------

def set_tags(statement: Statement, raw: str) -> None:
    names = parse_tags(raw)
    if len(names) > MAX_TAGS:
        _refuse(_("Use at most %(count)d tags.", count=MAX_TAGS), "tags")
    statement.tags = [StatementTag(name=name) for name in names]


def all_tags() -> list[tuple[str, int]]:
    return list(db.session.execute(
        select(StatementTag.name, func.count()).group_by(StatementTag.name)
        .order_by(StatementTag.name)))


def invite_editor(actor, statement: Statement, email: str) -> StatementEditor:
    if not can(actor, Action.STATEMENT_LEAD, statement):
        _refuse(_("Only the lead can invite editors."), status=403)
    if statement.status not in (StatementStatus.DRAFTING, StatementStatus.OPEN):
        _refuse(_("Editors can only be invited while the statement is being prepared."))
    person = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if person is None or not person.active or not person.org.is_active:
        _refuse(_("Nobody in the network has this e-mail address."), "email")
    if statement.is_editor(person.id):
        _refuse(_("%(name)s is already an editor.", name=person.name), "email")
    editor = StatementEditor(user_id=person.id, invited_by_id=actor.id, user=person)
    statement.editors.append(editor)
    db.session.flush()
    notices.editor_invited(actor, statement, person)
    return editor


def remove_editor(actor, statement: Statement, editor: StatementEditor) -> None:
    if not can(actor, Action.STATEMENT_LEAD, statement):
        _refuse(_("Only the lead can remove editors."), status=403)
    if editor.user_id == statement.author_id:
        _refuse(_("The person who started the statement stays an editor."))
    statement.editors.remove(editor)
    db.session.flush()
