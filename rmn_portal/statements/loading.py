"""Loading statements for views: existence, permission, the deadline check.

Every view that touches a statement goes through `load_statement`, which also
closes an expired sign-on, so the deadline holds even if the command that
closes sign-ons has not run yet.
"""

from flask import abort, current_app, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.routing import BuildError

from ..db import db
from ..extensions import login_manager
from ..permissions import Action, can, require
from . import signing
from .models import Comment, Statement, StatementText

# An organisation's logo is only shown where the organisations feature serves it.
LOGO_ENDPOINT = "orgs.logo"


def load_statement(statement_id: int, action: Action = Action.STATEMENT_READ) -> Statement:
    statement = db.session.get(Statement, statement_id)
    if statement is None or not can(current_user, Action.STATEMENT_READ, statement):
        if not current_user.is_authenticated:
            # Ask a visitor to sign in, the same way whether or not it exists.
            abort(login_manager.unauthorized())
        abort(404)
    if signing.close_if_expired(statement):
        db.session.commit()
    return require(action, statement)


def chosen_text(statement: Statement) -> StatementText:
    """The text in ?lang=, else in the reader's language, else the original."""
    wanted = request.args.get("lang")
    if wanted and any(text.language == wanted for text in statement.texts):
        return statement.text_in(wanted)
    reader = str(get_locale() or "en").split("_")[0]
    return statement.text_in(reader)


def load_comment(statement: Statement, comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.statement_id != statement.id:
        abort(404)
    return comment


def logo_url(org) -> str | None:
    if not (org.show_logo and org.logo_id) or LOGO_ENDPOINT not in current_app.view_functions:
        return None
    try:
        return url_for(LOGO_ENDPOINT, slug=org.slug)
    except BuildError:
        return None


def permalink(statement: Statement) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + url_for("statements.show",
                                                                statement_id=statement.id)
