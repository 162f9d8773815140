"""Threaded comments on a statement, optionally tied to a paragraph, with
@-mentions. A thread is a top-level comment and its replies; threads are
resolved and reopened as a whole."""

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..accounts.models import Role, User
from ..db import db, utcnow
from ..errors import ServiceError
from ..permissions import Action, can
from . import notices
from .models import Comment, Statement, StatementStatus, StatementText
from .text import excerpt, paragraphs

MAX_LENGTH = 5000


def _refuse(message: str, field: str | None = None, status: int = 400):
    raise ServiceError(message, field=field, status=status)


def threads(statement: Statement) -> list[tuple[Comment, list[Comment]]]:
    """[(thread, replies)] in the order they were started; one query."""
    comments = db.session.scalars(select(Comment).where(Comment.statement_id == statement.id)
                                  .order_by(Comment.created_at, Comment.id)).all()
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(comment, replies.get(comment.id, [])) for comment in comments
            if comment.parent_id is None]


def add_comment(actor, statement: Statement, body: str, *, parent: Comment | None = None,
                text: StatementText | None = None, paragraph: int | None = None) -> Comment:
    if not can(actor, Action.STATEMENT_COMMENT, statement):
        _refuse(_("Comments are closed on this statement."), status=403)
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        _refuse(_("Write a comment."), "body")
    if len(body) > MAX_LENGTH:
        _refuse(_("A comment can be at most %(count)d characters long.", count=MAX_LENGTH),
                "body")
    comment = Comment(statement_id=statement.id, author_id=actor.id, body=body,
                      statement=statement)
    if parent is not None:
        if parent.statement_id != statement.id:
            _refuse(_("That comment is not on this statement."), status=404)
        # Replies to replies join the same thread: two levels are easier to follow.
        comment.parent_id = parent.parent_id or parent.id
    elif paragraph:
        _attach_paragraph(comment, statement, text, paragraph)
    db.session.add(comment)
    db.session.flush()
    mentioned = mentioned_people(statement, body, exclude=actor)
    notices.comment_added(actor, statement, comment, mentioned=mentioned,
                          participants=_participants(statement, comment))
    return comment


def _attach_paragraph(comment: Comment, statement: Statement, text: StatementText | None,
                      number: int) -> None:
    text = text or statement.original
    blocks = paragraphs(text.body)
    if not 1 <= number <= len(blocks):
        _refuse(_("Choose a paragraph from the list."), "paragraph")
    comment.text_id = text.id
    comment.paragraph = number
    comment.excerpt = excerpt(blocks[number - 1].source, 190)


def set_resolved(actor, comment: Comment, resolved: bool) -> None:
    if not can(actor, Action.STATEMENT_RESOLVE_COMMENT, comment):
        _refuse(_("You cannot resolve this thread."), status=403)
    if comment.parent_id is not None:
        _refuse(_("Resolve the thread, not a single reply."))
    if resolved and comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by_id = utcnow(), actor.id
    elif not resolved:
        comment.resolved_at = comment.resolved_by_id = None
    db.session.flush()


# --- who is talking, who is mentioned --------------------------------------------------------

def mention_candidates(statement: Statement) -> list[User]:
    """People one can @-mention on a statement: its editors, the lead
    organisation's people, coordinators, everyone who has commented and,
    once signing is open, the organisation admins who decide to sign."""
    commenters = select(Comment.author_id).where(Comment.statement_id == statement.id)
    conditions = [User.id.in_([editor.user_id for editor in statement.editors]),
                  User.org_id == statement.org_id, User.role == Role.COORDINATOR,
                  User.id.in_(commenters)]
    if statement.status is not StatementStatus.DRAFTING:
        conditions.append(User.role == Role.ORG_ADMIN)
    people = db.session.scalars(select(User).where(User.active, or_(*conditions))).all()
    return [person for person in people if can(person, Action.STATEMENT_READ, statement)]


def mentioned_people(statement: Statement, body: str, exclude=None) -> list[User]:
    """People whose full name follows an @ in the text, e.g. "@Ana Demić"
    (case does not matter; the name must end at a word boundary)."""
    if "@" not in body:
        return []
    folded = body.casefold()
    found = []
    for person in mention_candidates(statement):
        if exclude is not None and person.id == exclude.id:
            continue
        if _mentions(folded, "@" + person.name.casefold()):
            found.append(person)
    return found


def _mentions(folded: str, needle: str) -> bool:
    start = folded.find(needle)
    while start != -1:
        end = start + len(needle)
        if end == len(folded) or not (folded[end].isalnum() or folded[end] == "_"):
            return True
        start = folded.find(needle, start + 1)
    return False


def _participants(statement: Statement, comment: Comment) -> list[User]:
    """Editors, plus everyone who wrote in the same thread."""
    people = [editor.user for editor in statement.editors]
    thread_id = comment.parent_id or comment.id
    writers = db.session.scalars(select(User).join(Comment, Comment.author_id == User.id).where(
        Comment.statement_id == statement.id,
        or_(Comment.id == thread_id, Comment.parent_id == thread_id))).unique().all()
    return people + list(writers)
