"""Drafting: new statements, editing texts (with conflict handling), history,
diffs, restoring, translations, the team and tags, and comments."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..db import db
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..params import whole_number
from ..permissions import Action, require
from ..security import form_view
from . import comments, services
from .diff import word_diff
from .forms import (
    CommentForm,
    EditTextForm,
    InviteEditorForm,
    NewStatementForm,
    ReplyForm,
    TagsForm,
    TranslationForm,
)
from .loading import chosen_text, load_comment, load_statement
from .merge import merge_texts
from .models import LANGUAGES, Revision, StatementEditor, StatementStatus
from .page import paragraph_choices, render_statement

bp = Blueprint("drafting", __name__)


def _to_statement(statement, text=None, anchor=None):
    args = {"lang": text.language} if text is not None and text is not statement.original else {}
    return redirect(url_for("statements.show", statement_id=statement.id, _anchor=anchor, **args))


@bp.route("/new", methods=["GET", "POST"])
@form_view
def new():
    require(Action.STATEMENT_CREATE)
    form = NewStatementForm()
    if form.validate_on_submit():
        try:
            statement = services.create_statement(
                current_user, title=form.title.data, body=form.body.data,
                language=form.language.data, tags=form.tags.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The draft has been saved. Invite editors from “Team and tags”."), "success")
            return _to_statement(statement)
    return render_form("statements/new.html", form)


# --- editing a text ------------------------------------------------------------------------

@bp.route("/<int:statement_id>/edit", methods=["GET", "POST"])
@form_view
def edit(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_EDIT)
    text = chosen_text(statement)
    if request.method == "GET" and statement.status is not StatementStatus.DRAFTING:
        flash(_("The text is frozen while the statement is not being drafted. Re-open "
                "drafting to change it."), "error")
        return _to_statement(statement, text)
    # A text frozen while someone was typing: the service refuses the save and
    # the form comes back with their words in it.
    form = EditTextForm(obj=text if request.method == "GET" else None,
                        base_revision=text.revision_number)
    if form.validate_on_submit():
        try:
            revision = services.save_text(current_user, text, base_number=form.base_number(),
                                          title=form.title.data, body=form.body.data,
                                          summary=form.summary.data)
        except services.EditConflict as conflict:
            return _conflict(statement, text, form, conflict)
        except ServiceError as error:
            attach_error(form, error)
            return render_form("statements/edit.html", form, status=error.status,
                               statement=statement, text=text)
        db.session.commit()
        if revision is None:
            flash(_("Nothing changed, so no new revision was made."), "success")
        else:
            flash(_("Saved as revision %(number)d.", number=revision.number), "success")
        return _to_statement(statement, text)
    return render_form("statements/edit.html", form, statement=statement, text=text)


def _conflict(statement, text, form, conflict):
    """409: keep the editor's words, show what the other person changed, and
    let them merge and save on top of the current revision."""
    base = services.revision(text, conflict.base_number)
    base_title, base_body = (base.title, base.body) if base else ("", "")
    current = services.revision(text, text.revision_number)
    theirs_title, _stats = word_diff(base_title, text.title)
    theirs_body, their_stats = word_diff(base_body, text.body)
    mine = (form.title.data, services.clean_body(form.body.data))
    mine_body, my_stats = word_diff(text.body, mine[1])
    combined = merge_texts((base_title, base_body), (text.title, text.body), mine)
    if combined in ((text.title, text.body), mine):
        combined = None  # nothing to offer beyond either version
    form.base_revision.data = str(text.revision_number)
    return render_form("statements/conflict.html", form, status=409, statement=statement,
                       text=text, base=base, current=current, theirs_title=theirs_title,
                       theirs_body=theirs_body, their_stats=their_stats, mine_body=mine_body,
                       my_stats=my_stats, combined=combined,
                       combined_diff=word_diff(text.body, combined[1])[0] if combined else None)


# --- history -------------------------------------------------------------------------------

@bp.route("/<int:statement_id>/history")
def history(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_EDIT)
    return _history_page(statement, chosen_text(statement))


def _history_page(statement, text, error: str = "", status: int = 200):
    return render_template("statements/history.html", statement=statement, text=text,
                           revisions=services.history(text), error=error,
                           may_restore=statement.status is StatementStatus.DRAFTING), status


@bp.route("/<int:statement_id>/compare")
def compare(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_EDIT)
    text = chosen_text(statement)
    older = services.revision(text, whole_number(request.args.get("from")) or 0)
    newer = services.revision(text, whole_number(request.args.get("to")) or 0)
    if older is None or newer is None:
        abort(404)
    title_diff, _title_stats = word_diff(older.title, newer.title)
    body_diff, stats = word_diff(older.body, newer.body)
    return render_template("statements/compare.html", statement=statement, text=text,
                           older=older, newer=newer, title_diff=title_diff,
                           body_diff=body_diff, stats=stats,
                           revisions=services.history(text))


@bp.route("/<int:statement_id>/revisions/<int:revision_id>/restore", methods=["POST"])
def restore(statement_id: int, revision_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_EDIT)
    revision = db.session.get(Revision, revision_id)
    text = next((t for t in statement.texts if revision and t.id == revision.text_id), None)
    if text is None:
        abort(404)
    back = url_for("statements.drafting.history", statement_id=statement.id, lang=text.language)
    try:
        restored = services.restore_revision(current_user, revision,
                                             base_number=request.form.get("base", -1, type=int))
    except services.EditConflict as conflict:
        message = _("The text changed while you were looking at its history. Check the newest "
                    "revision before restoring.")
        return _history_page(statement, text, error=message, status=conflict.status)
    except ServiceError as error:
        return _history_page(statement, text, error=error.message, status=error.status)
    db.session.commit()
    if restored is None:
        flash(_("That revision is already the current text."), "success")
    else:
        flash(_("Revision %(old)d restored as revision %(new)d.", old=revision.number,
                new=restored.number), "success")
    return redirect(back)


# --- translations ----------------------------------------------------------------------------

@bp.route("/<int:statement_id>/translations/new", methods=["GET", "POST"])
@form_view
def new_translation(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_EDIT)
    form = TranslationForm()
    taken = {text.language for text in statement.texts}
    form.language.choices = [(code, name) for code, name in LANGUAGES.items() if code not in taken]
    if form.validate_on_submit():
        try:
            text = services.add_text(current_user, statement, language=form.language.data,
                                     title=form.title.data, body=form.body.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The translation has been added. It will be signed together with the "
                    "other versions."), "success")
            return _to_statement(statement, text)
    return render_form("statements/translation.html", form, statement=statement)


# --- team and tags ---------------------------------------------------------------------------

@bp.route("/<int:statement_id>/team", methods=["GET", "POST"])
@form_view
def team(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_EDIT)
    invite_form = InviteEditorForm(prefix="invite")
    tags_form = _tags_form(statement)
    if request.method == "POST":
        require(Action.STATEMENT_LEAD, statement)
        if invite_form.validate_on_submit():
            try:
                editor = services.invite_editor(current_user, statement, invite_form.email.data)
            except ServiceError as error:
                attach_error(invite_form, error)
            else:
                db.session.commit()
                flash(_("%(name)s can now edit this statement and has been told.",
                        name=editor.user.name), "success")
                return redirect(url_for(".team", statement_id=statement.id))
    return render_form("statements/team.html", invite_form, statement=statement,
                       invite_form=invite_form, tags_form=tags_form)


def _tags_form(statement):
    return TagsForm(prefix="tags", formdata=None, tags=", ".join(statement.tag_names))


@bp.route("/<int:statement_id>/tags", methods=["POST"])
@form_view
def tags(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_EDIT)
    form = TagsForm(prefix="tags")
    if form.validate_on_submit():
        try:
            services.set_tags(statement, form.tags.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Tags saved."), "success")
            return redirect(url_for(".team", statement_id=statement.id))
    return render_form("statements/team.html", form, statement=statement,
                       invite_form=InviteEditorForm(prefix="invite", formdata=None),
                       tags_form=form)


@bp.route("/<int:statement_id>/editors/<int:editor_id>/remove", methods=["POST"])
def remove_editor(statement_id: int, editor_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_LEAD)
    editor = db.session.get(StatementEditor, editor_id)
    if editor is None or editor.statement_id != statement.id:
        abort(404)
    try:
        services.remove_editor(current_user, statement, editor)
    except ServiceError as error:
        return render_template("statements/team.html", statement=statement, error=error.message,
                               invite_form=InviteEditorForm(prefix="invite", formdata=None),
                               tags_form=_tags_form(statement)), error.status
    db.session.commit()
    flash(_("%(name)s is no longer an editor.", name=editor.user.name), "success")
    return redirect(url_for(".team", statement_id=statement.id))


# --- comments --------------------------------------------------------------------------------

@bp.route("/<int:statement_id>/comments", methods=["POST"])
@form_view
def add_comment(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_COMMENT)
    form = CommentForm()
    text = statement.text_in(form.language.data)
    form.paragraph.choices = paragraph_choices(text)
    if form.validate_on_submit():
        try:
            comment = comments.add_comment(current_user, statement, form.body.data, text=text,
                                           paragraph=form.paragraph.data or None)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Your comment has been added."), "success")
            return _to_statement(statement, text, anchor=f"comment-{comment.id}")
    return render_statement(statement, comment_form=form, status=400 if form.errors.get(
        "csrf_token") else 422)


@bp.route("/<int:statement_id>/comments/reply", methods=["POST"])
@form_view
def reply(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_COMMENT)
    form = ReplyForm()
    if form.validate_on_submit():
        parent = load_comment(statement, form.parent.data)
        try:
            comment = comments.add_comment(current_user, statement, form.body.data, parent=parent)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Your reply has been added."), "success")
            return _to_statement(statement, anchor=f"comment-{comment.id}")
    return render_statement(statement, reply_form=form, status=400 if form.errors.get(
        "csrf_token") else 422)


@bp.route("/<int:statement_id>/comments/<int:comment_id>/<any(resolve,reopen):change>",
          methods=["POST"])
def resolve(statement_id: int, comment_id: int, change: str):
    statement = load_statement(statement_id)
    comment = load_comment(statement, comment_id)
    require(Action.STATEMENT_RESOLVE_COMMENT, comment)
    try:
        comments.set_resolved(current_user, comment, change == "resolve")
    except ServiceError as error:
        return render_statement(statement, error=error.message, status=error.status)
    db.session.commit()
    flash(_("The thread has been resolved.") if change == "resolve"
          else _("The thread has been reopened."), "success")
    return _to_statement(statement, anchor=f"comment-{comment.id}")
