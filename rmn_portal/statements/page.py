"""The statement page, shared by the views that show it (also again after a
comment that failed validation)."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from ..db import utcnow
from ..params import whole_number
from ..permissions import Action, can
from . import comments, signing
from .forms import CommentForm, ReplyForm
from .loading import chosen_text, permalink
from .models import Statement, StatementStatus
from .text import paragraphs


def render_statement(statement: Statement, *, comment_form=None, reply_form=None,
                     error: str = "", status: int = 200):
    """The statement page; also re-rendered with a comment form that failed."""
    text = chosen_text(statement)
    now = utcnow()
    sign_on = signing.current_sign_on(statement) if statement.status is not \
        StatementStatus.DRAFTING else None
    signatures = signing.active_signatures(sign_on)
    own_signature = None
    if current_user.is_authenticated:
        own_signature = next((s for s in signatures if s.org_id == current_user.org_id), None)
    may_comment = can(current_user, Action.STATEMENT_COMMENT, statement)
    show_comments = may_comment or can(current_user, Action.STATEMENT_EDIT, statement)
    if comment_form is None and may_comment:
        comment_form = CommentForm(formdata=None, language=text.language,
                                   paragraph=whole_number(request.args.get("paragraph")) or 0)
    if comment_form is not None:
        comment_form.paragraph.choices = paragraph_choices(text)
    return render_template(
        "statements/show.html", statement=statement, text=text, now=now,
        blocks=paragraphs(text.body), sign_on=sign_on, signatures=signatures,
        own_signature=own_signature, may_comment=may_comment,
        threads=comments.threads(statement) if show_comments else None,
        comment_form=comment_form, reply_form=reply_form or ReplyForm(formdata=None),
        permalink=permalink(statement), error=error), status


def paragraph_choices(text) -> list[tuple[int, str]]:
    choices = [(0, _("The whole statement"))]
    for block in paragraphs(text.body):
        choices.append((block.number, _("Paragraph %(number)d: %(start)s", number=block.number,
                                        start=block.excerpt[:60])))
    return choices
