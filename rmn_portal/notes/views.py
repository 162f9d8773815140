"""Pages of the notes feature: published notes for readers, the author's
draft with its personal-data preview, and the reviewer's desk.

The raw narrative appears on one page only: the author's own draft. Every
opening of an unpublished note (author or reviewer) is written to the audit
log, without content.
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import exists, select

from ..content import Visibility
from ..db import db
from ..errors import ServiceError
from ..feeds import FeedEntry, atom_response
from ..forms import attach_error, render_form
from ..pagecache import cached_page
from ..pagination import paginate
from ..permissions import (
    Action,
    can,
    notes_for_review,
    public,
    published_notes_visible_to,
    require,
)
from ..security import csrf_failed, form_view
from . import combinations, dashboard, redaction, services, vocab
from .forms import (
    DashboardFilterForm,
    GeneraliseForm,
    NoteFilterForm,
    NoteForm,
    PublishForm,
    ReviewForm,
    choice,
    normalise_newlines,
)
from .models import NARRATIVE_MAX, Note, NoteCategory, NoteGroup, NoteStatus

bp = Blueprint("notes", __name__, url_prefix="/notes")
PER_PAGE = 20
FEED_SIZE = 50


@bp.app_template_filter("vocab")
def vocab_label(value) -> str:
    return vocab.label(value)


@bp.app_template_filter("month")
def month_label(value) -> str:
    """A period as month and year in the reader's language ("March 2026")."""
    return format_date(value, "LLLL y") if value else ""


def _load(note_id: int) -> Note:
    note = db.session.get(Note, note_id)
    if note is None:
        abort(404)
    return note


# --- published notes ------------------------------------------------------------------

@bp.route("")
@public
@cached_page
def index():
    form = NoteFilterForm(request.args)
    query = select(Note).where(published_notes_visible_to(current_user))
    if form.validate():
        query = _filtered(query, form)
    query = query.order_by(Note.published_at.desc(), Note.id.desc())
    page = paginate(query, per_page=PER_PAGE)
    status = 200 if not form.errors else 422
    return render_template("notes/index.html", form=form, page=page), status


def _filtered(query, form: NoteFilterForm):
    if form.category.data:
        query = query.where(exists().where(NoteCategory.note_id == Note.id,
                                           NoteCategory.category == form.category.data))
    if form.group.data:
        query = query.where(exists().where(NoteGroup.note_id == Note.id,
                                           NoteGroup.population_group == form.group.data))
    if form.region.data:
        query = query.where(Note.region == form.region.data)
    if form.start.data:
        query = query.where(Note.period >= form.start.data)
    if form.end.data:
        query = query.where(Note.period <= form.end.data)
    return query


@bp.route("/feed.atom")
@public
def feed():
    notes = db.session.scalars(
        select(Note).where(Note.status == NoteStatus.PUBLISHED,
                           Note.visibility == Visibility.PUBLIC)
        .order_by(Note.published_at.desc()).limit(FEED_SIZE)).all()
    base = current_app.config["BASE_URL"].rstrip("/")
    entries = [FeedEntry(
        id=f"{base}{url_for('notes.show', note_id=note.id)}", title=note.title(),
        url=f"{base}{url_for('notes.show', note_id=note.id)}", updated=note.published_at,
        published=note.published_at, summary=note.redacted_narrative or "",
        author=current_app.config["NETWORK_NAME"],
        categories=tuple(vocab.label(value) for value in note.category_values),
    ) for note in notes]
    return atom_response(title=_("Notes on LGBTI+ refugee needs"),
                         feed_url=f"{base}{url_for('notes.feed')}",
                         site_url=f"{base}{url_for('notes.index')}", entries=entries)


@bp.route("/<int:note_id>")
@public
@cached_page
def show(note_id: int):
    note = _load(note_id)
    if not note.is_published:
        if can(current_user, Action.NOTE_EDIT, note):
            return redirect(url_for("notes.edit", note_id=note.id))
        if can(current_user, Action.NOTE_REVIEW, note):
            return redirect(url_for("notes.review", note_id=note.id))
    require(Action.NOTE_READ, note)
    if not note.is_published:
        return render_template("notes/closed.html", note=note)
    return render_template("notes/show.html", note=note,
                           segments=redaction.placeholder_segments(note.redacted_narrative))


# --- the needs dashboard ---------------------------------------------------------------

def _dashboard_for_request():
    form = DashboardFilterForm(request.args)
    years = dashboard.available_years(current_user)
    form.year.choices = [choice(year, str(year)) for year in years]
    if not form.year.raw_data:
        form.year.data = years[0]
    elif not form.validate():
        abort(404)
    return form, dashboard.build(current_user, form.year.data)


@bp.route("/dashboard")
@public
@cached_page
def needs_dashboard():
    form, board = _dashboard_for_request()
    return render_template("notes/dashboard.html", form=form, board=board)


@bp.route("/dashboard.csv")
@public
def dashboard_csv():
    _form, board = _dashboard_for_request()
    body = "\ufeff" + dashboard.csv_text(board, _("hidden"))  # BOM: spreadsheets read UTF-8
    return current_app.response_class(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="notes-dashboard-{board.year}.csv"'})


# --- the author's notes -----------------------------------------------------------------

@bp.route("/mine")
def mine():
    query = (select(Note).where(Note.author_id == current_user.id)
             .order_by(Note.last_activity_at.desc(), Note.id.desc()))
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("notes/mine.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@form_view
def new():
    require(Action.NOTE_CREATE)
    form = NoteForm()
    if request.method == "POST":
        return _save(form, None)
    return _render_edit(form, None)


@bp.route("/<int:note_id>/edit", methods=["GET", "POST"])
@form_view
def edit(note_id: int):
    note = require(Action.NOTE_READ, _load(note_id))
    if not can(current_user, Action.NOTE_EDIT, note):
        return redirect(url_for("notes.show", note_id=note.id))
    if request.method == "POST":
        return _save(NoteForm(), note)
    return _render_edit(NoteForm(data=_form_data(note)), note)


def _form_data(note: Note) -> dict:
    return {"categories": [v.value for v in note.category_values],
            "groups": [v.value for v in note.group_values],
            "age_band": note.age_band or "", "origin_region": note.origin_region or "",
            "region": note.region or "", "period": note.period, "urgency": note.urgency or "",
            "responses": note.responses or [], "narrative": note.narrative or "",
            "extra_redactions": "\n".join(note.extra_redactions or []),
            "version": note.version}


def _save(form: NoteForm, note: Note | None):
    """Every button of the draft form saves first, then does its own part;
    a refusal undoes the whole request."""
    if not form.validate_on_submit() or (form.submit.data and form.missing_for_submission()):
        return _render_edit(form, note)
    fields = form.structured_data()
    try:
        if note is None:
            note = services.create_draft(current_user, fields)
        else:
            services.update_draft(current_user, note, fields, version=form.version.data)
        if form.keep.data:
            kind, _sep, text = (form.keep_finding.data or "").partition("|")
            services.keep_finding(current_user, note, text, kind, form.keep_reason.data or "")
        if form.submit.data and note.status in (NoteStatus.DRAFT, NoteStatus.RETURNED):
            services.submit(current_user, note)
    except ServiceError as error:
        db.session.rollback()
        attach_error(form, error)
        saved = db.session.get(Note, note.id) if note is not None and note.id else None
        if error.status == 409 and saved is not None:
            form.version.data = saved.version  # the next save is a deliberate overwrite
        return _render_edit(form, saved, status=error.status, conflict=error.status == 409)
    db.session.commit()
    flash(_save_message(form, note), "success")
    anchor = "preview" if form.check.data or form.keep.data else None
    return redirect(url_for("notes.edit", note_id=note.id, _anchor=anchor))


def _save_message(form: NoteForm, note: Note) -> str:
    if form.submit.data or note.status is NoteStatus.IN_REVIEW:
        return _("The note is with the reviewers. You will be told when they have decided.")
    if form.keep.data:
        return _("The finding is kept, with your reason, for the reviewer to see.")
    if form.check.data:
        return _("Checked. Every finding is highlighted below, next to the redacted version.")
    return _("Draft saved.")


def _render_edit(form: NoteForm, note: Note | None, status: int | None = None,
                 conflict: bool = False):
    decisions = note.decisions if note is not None else []
    preview = redaction.analyse(
        form.narrative.data or "", kept_texts=[d.text for d in decisions if d.text],
        extra=form.structured_data()["extra_redactions"],
        generalised=note.generalised if note is not None else ())
    form.keep_finding.choices = [choice("", _("Choose a finding…"))] + [
        choice(f"{redaction.kind_of(f)}|{f.text}", f"{f.text} ({kind_label(redaction.kind_of(f))})")
        for f in preview.findings if redaction.kind_of(f) != redaction.EXTRA]
    if note is not None:
        if form.version.data in (None, ""):
            form.version.data = note.version
        # Every page that shows the draft is recorded; the request changed
        # nothing else (a refused change was rolled back before this).
        services.record_draft_view(current_user, note, "edit")
        db.session.commit()
    return render_form("notes/edit.html", form, status=status, note=note, preview=preview,
                       decisions=decisions, conflict=conflict, narrative_max=NARRATIVE_MAX,
                       saved_narrative=note.narrative if conflict and note else None)


def kind_label(kind: str) -> str:
    labels = {"NAME": _("name"), "PHONE": _("phone number"), "EMAIL": _("e-mail address"),
              "ID": _("identity number"), "ADDRESS": _("address"), "DATE": _("date"),
              "URL": _("web address"), "HANDLE": _("social media handle"), "PLACE": _("place"),
              "AGE": _("age"), redaction.EXTRA: _("your redaction"),
              "PLACEHOLDER": _("removed")}
    return labels.get(kind, kind.lower())


bp.add_app_template_global(kind_label, "kind_label")


@bp.route("/preview", methods=["POST"])
def preview():
    """The preview for the text being typed (the small script's request).
    Nothing is stored; the text arrives in the body, never in a URL."""
    narrative = normalise_newlines(request.form.get("narrative", ""))
    if len(narrative) > NARRATIVE_MAX:
        return _("The narrative can have at most %(max)d characters.", max=NARRATIVE_MAX), 422
    note = None
    if request.form.get("note_id", "").isdigit():
        note = require(Action.NOTE_EDIT, _load(int(request.form["note_id"])))
    extra = [line.strip() for line in normalise_newlines(
        request.form.get("extra_redactions", "")).split("\n") if line.strip()]
    result = redaction.analyse(
        narrative, kept_texts=[d.text for d in note.decisions if d.text] if note else [],
        extra=extra, generalised=note.generalised if note else ())
    return render_template("notes/_preview.html", preview=result)


@bp.route("/<int:note_id>/decisions/<int:decision_id>/undo", methods=["POST"])
def undo_keep(note_id: int, decision_id: int):
    note = require(Action.NOTE_EDIT, _load(note_id))
    try:
        services.undo_keep(current_user, note, decision_id)
    except ServiceError as error:
        abort(error.status)
    db.session.commit()
    flash(_("The finding will be redacted again."), "success")
    return redirect(url_for("notes.edit", note_id=note.id, _anchor="preview"))


@bp.route("/<int:note_id>/delete", methods=["POST"])
def delete(note_id: int):
    note = require(Action.NOTE_DELETE, _load(note_id))
    published = note.is_published
    services.delete(current_user, note)
    db.session.commit()
    flash(_("The note has been deleted."), "success")
    return redirect(url_for("notes.index" if published else "notes.mine"))


# --- review -----------------------------------------------------------------------------

@bp.route("/review")
def review_queue():
    require(Action.NOTE_REVIEW_QUEUE)
    query = (select(Note).where(notes_for_review(current_user))
             .order_by(Note.status.desc(), Note.submitted_at))
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("notes/review_queue.html", page=page)


@bp.route("/<int:note_id>/review", methods=["GET", "POST"])
@form_view
def review(note_id: int):
    note = _load(note_id)
    if note.is_published and can(current_user, Action.NOTE_READ, note):
        return redirect(url_for("notes.show", note_id=note.id))
    require(Action.NOTE_REVIEW, note)
    form = ReviewForm()
    if request.method == "GET":
        form.version.data = note.version
        return _render_review(note, review_form=form)
    if not form.validate_on_submit():
        return _render_review(note, review_form=form)
    comment = form.comment.data or ""
    action = (services.approve if form.approve.data else
              services.reject if form.reject.data else services.return_to_author)
    try:
        action(current_user, note, version=form.version.data, comment=comment)
    except ServiceError as error:
        return _refused_review(note_id, form, error, "review_form")
    db.session.commit()
    flash(_review_message(note), "success")
    if note.status is NoteStatus.APPROVED:
        return redirect(url_for("notes.review", note_id=note.id, _anchor="publish-section"))
    return redirect(url_for("notes.review_queue"))


def _review_message(note: Note) -> str:
    return {
        NoteStatus.APPROVED: _("Approved. You can publish it now."),
        NoteStatus.RETURNED: _("The note went back to its author with your comments."),
        NoteStatus.REJECTED: _("The note is rejected and its text has been erased."),
    }[note.status]


@bp.route("/<int:note_id>/generalise", methods=["POST"])
@form_view
def generalise(note_id: int):
    note = require(Action.NOTE_REVIEW, _load(note_id))
    form = _generalise_form(note, request.form)
    if not form.validate_on_submit():
        return _render_review(note, generalise_form=form)
    values = {"age_band": form.age_band.data, "origin_region": form.origin_region.data,
              "region": form.region.data,
              "groups": combinations.WITHHELD_GROUPS if form.withhold_groups.data else None}
    try:
        changed = services.generalise(current_user, note, version=form.version.data, **values)
    except ServiceError as error:
        return _refused_review(note_id, form, error, "generalise_form")
    db.session.commit()
    flash(_("The coarser values are in place.") if changed else _("Nothing was changed."),
          "success")
    return redirect(url_for("notes.review", note_id=note.id, _anchor="combination"))


@bp.route("/<int:note_id>/publish", methods=["POST"])
@form_view
def publish(note_id: int):
    note = require(Action.NOTE_REVIEW, _load(note_id))
    form = _publish_form(note, request.form)
    if not form.validate_on_submit():
        return _render_review(note, publish_form=form)
    try:
        services.publish(current_user, note, Visibility(form.visibility.data),
                         version=form.version.data)
    except ServiceError as error:
        return _refused_review(note_id, form, error, "publish_form")
    db.session.commit()
    flash(_("Published. The raw text has been erased; only the redacted text is kept."),
          "success")
    return redirect(url_for("notes.show", note_id=note.id))


def _refused_review(note_id: int, form, error: ServiceError, form_name: str):
    """Undo the request, show why; after a conflict, the page shows the note
    as it is now, and the form acts on that version."""
    db.session.rollback()
    attach_error(form, error)
    note = db.session.get(Note, note_id)
    if error.status == 409:
        form.version.data = note.version
    return _render_review(note, status=error.status, **{form_name: form})


def _generalise_form(note: Note, formdata=None) -> GeneraliseForm:
    """Choices are the note's values and their coarser ones. Without
    `formdata` the form shows the note as it is."""
    form = GeneraliseForm(formdata=formdata)
    for name in ("age_band", "origin_region", "region"):
        field = getattr(form, name)
        field.choices = [choice(str(value), combinations.option_label(name, value))
                         for value in combinations.allowed_values(note, name)]
        if formdata is None:
            field.data = str(getattr(note, name) or "")
    if formdata is None:
        form.version.data = note.version
    return form


def _publish_form(note: Note, formdata=None) -> PublishForm:
    form = PublishForm(formdata=formdata)
    if formdata is None:
        form.version.data = note.version
    return form


def _render_review(note: Note, *, review_form=None, generalise_form=None, publish_form=None,
                   status: int | None = None):
    review_form = review_form or ReviewForm(formdata=None, version=note.version)
    generalise_form = generalise_form or _generalise_form(note)
    publish_form = publish_form or _publish_form(note)
    forms = (review_form, generalise_form, publish_form)
    if status is None:
        failed = [form for form in forms if form.errors]
        status = (400 if any(csrf_failed(form) for form in failed) else 422) if failed else 200
    services.record_draft_view(current_user, note, "review")  # see _render_edit
    db.session.commit()
    return render_template(
        "notes/review.html", note=note, review_form=review_form,
        generalise_form=generalise_form, publish_form=publish_form,
        combination=combinations.check(note),
        segments=redaction.placeholder_segments(note.redacted_narrative),
    ), status
