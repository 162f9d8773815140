"""Statements: the list, the statement page, the feed and downloads.

Drafting (texts, history, comments, team) and signing (the workflow) live in
their own blueprints, nested under this one: `statements.drafting.*` and
`statements.signing.*`.
"""

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import lazyload, selectinload

from ..db import db, utcnow
from ..feeds import FeedEntry, atom_response
from ..pagecache import cached_page
from ..pagination import paginate
from ..permissions import Action, can, public, statements_visible_to
from ..storage import content_disposition
from . import signing, views_drafting, views_signing
from .exports import ExportContext, docx_export, markdown_export
from .forms import StatementFilterForm
from .loading import chosen_text, load_statement, logo_url, permalink
from .models import (
    PUBLIC_STATUSES,
    Signature,
    Statement,
    StatementStatus,
    StatementTag,
    StatementText,
)
from .page import render_statement
from .text import paragraphs

bp = Blueprint("statements", __name__, url_prefix="/statements")
bp.register_blueprint(views_drafting.bp)
bp.register_blueprint(views_signing.bp)

PER_PAGE = 20
FEED_SIZE = 30
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.app_template_global()
def statement_logo_url(org):
    return logo_url(org)


# The list shows titles, languages and tags: not the texts' bodies, not the editors.
LIST_LOADING = (selectinload(Statement.texts).defer(StatementText.body),
                lazyload(Statement.editors))


@bp.route("")
@public
@cached_page
def index():
    form = StatementFilterForm(request.args)
    statuses = _statuses_for(current_user)
    form.status_choices(statuses)
    query = (select(Statement).where(statements_visible_to(current_user))
             .order_by(Statement.created_at.desc(), Statement.id.desc())
             .options(*LIST_LOADING))
    if form.validate():
        if form.status.data:
            query = query.where(Statement.status == StatementStatus(form.status.data))
        if form.tag.data:
            tagged = select(StatementTag.statement_id).where(
                StatementTag.name == form.tag.data.lower())
            query = query.where(Statement.id.in_(tagged))
    page = paginate(query, per_page=PER_PAGE)
    return render_template("statements/index.html", form=form, page=page,
                           signature_counts=_signature_counts(page.items), now=utcnow(),
                           can_create=can(current_user, Action.STATEMENT_CREATE))


def _statuses_for(user) -> list[StatementStatus]:
    if not user.is_authenticated:
        return list(PUBLIC_STATUSES)
    return list(StatementStatus)


def _signature_counts(statements) -> dict[int, int]:
    """Active signatures of each listed statement's current sign-on, in one query."""
    ids = [statement.id for statement in statements]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Signature.statement_id, func.count())
        .where(Signature.statement_id.in_(ids), Signature.withdrawn_at.is_(None),
               Signature.set_aside_at.is_(None))
        .group_by(Signature.statement_id))
    return dict(rows.all())


@bp.route("/feed.atom")
@public
def feed():
    statements = db.session.scalars(
        select(Statement).where(Statement.status.in_(PUBLIC_STATUSES))
        .order_by(Statement.published_at.desc()).limit(FEED_SIZE)).all()
    entries = [FeedEntry(
        id=permalink(statement), title=statement.title, url=permalink(statement),
        updated=statement.published_at, published=statement.published_at,
        summary=_summary(statement), author=statement.org.name,
        categories=tuple(statement.tag_names)) for statement in statements]
    return atom_response(title=_("Joint statements"), feed_url=_absolute("statements.feed"),
                         site_url=_absolute("statements.index"), entries=entries)


def _absolute(endpoint: str, **values) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def _summary(statement: Statement) -> str:
    blocks = paragraphs(statement.original.body)
    return blocks[0].excerpt if blocks else ""


@bp.route("/<int:statement_id>")
@public
@cached_page
def show(statement_id: int):
    statement = load_statement(statement_id)
    return render_statement(statement)


# --- downloads -----------------------------------------------------------------------------------

def _export_context(statement: Statement) -> ExportContext:
    text = chosen_text(statement)
    sign_on = None if statement.status is StatementStatus.DRAFTING else \
        signing.current_sign_on(statement)
    fingerprint = sign_on.text_sha256 if sign_on else ""
    return ExportContext(statement=statement, text=text,
                         signatures=signing.active_signatures(sign_on),
                         permalink=permalink(statement), fingerprint=fingerprint,
                         exported_at=utcnow())


def _filename(ctx: ExportContext, extension: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in ctx.text.title).split()
    stem = "-".join(words[:8]).lower() or "statement"
    return f"{stem}-{ctx.text.language}.{extension}"


def _download(body, mimetype: str, ctx: ExportContext, extension: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(_filename(ctx, extension),
                                                                  inline=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if not ctx.statement.is_public:
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:statement_id>/download.md")
@public
def download_markdown(statement_id: int):
    ctx = _export_context(load_statement(statement_id))
    return _download(markdown_export(ctx), "text/markdown; charset=utf-8", ctx, "md")


@bp.route("/<int:statement_id>/download.docx")
@public
def download_docx(statement_id: int):
    ctx = _export_context(load_statement(statement_id))
    return _download(docx_export(ctx), DOCX_TYPE, ctx, "docx")
