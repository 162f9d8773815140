"""Managing a resource's files and versions, its translations, the trash and
the curated topics (routes on the same blueprint as `views`)."""

import re

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..db import db
from ..errors import ServiceError
from ..forms import attach_error, error_status, render_form
from ..permissions import Action, can, require
from ..security import form_view
from . import queries, services
from .blueprint import (
    _load,
    _load_file,
    _load_trashed,
    _render_detail,
    _translation_source,
    _uploads,
    bp,
)
from .forms import (
    TopicForm,
    TranslationForm,
    UploadForm,
    VersionForm,
)
from .models import Topic


@bp.route("/<int:resource_id>/files", methods=["POST"])
@form_view
def upload(resource_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    form = UploadForm()
    return _apply(form, lambda: services.add_files(current_user, resource, _uploads("files")),
                  _("The file has been added."), resource_id, upload_form=form)


@bp.route("/<int:resource_id>/files/<int:file_id>/versions", methods=["POST"])
@form_view
def new_version(resource_id: int, file_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    resource_file = _load_file(resource, file_id)
    form = VersionForm(prefix=f"v{file_id}")

    def add_version():
        uploads = _uploads(form.file.name)
        if len(uploads) != 1:
            raise ServiceError(_("Choose one file as the new version."))
        services.add_version(current_user, resource_file, uploads[0])

    return _apply(form, add_version, _("The new version has been uploaded."), resource_id,
                  field="file", version_forms={file_id: form})


def _apply(form, change, done: str, resource_id: int, field: str | None = None, **page):
    """Make a valid form's `change`, commit and go back to the resource; or
    roll back and show the resource page with the refusal beside the form
    (beside `field` when given)."""
    if form.validate_on_submit():
        try:
            change()
        except ServiceError as error:
            db.session.rollback()
            error.field = field or error.field
            attach_error(form, error)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(url_for("resources.detail", resource_id=resource_id))
    resource = _load(resource_id, Action.CONTENT_EDIT)
    return _render_detail(resource, error_status(form), **page)


@bp.route("/<int:resource_id>/files/<int:file_id>/remove", methods=["POST"])
def remove_file(resource_id: int, file_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    resource_file = _load_file(resource, file_id)
    try:
        services.remove_file(current_user, resource_file)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The file has been removed."), "success")
    return redirect(url_for("resources.detail", resource_id=resource_id))


@bp.route("/<int:resource_id>/translations", methods=["POST"])
@form_view
def link_translation(resource_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    form = TranslationForm()

    def link():
        match = re.search(r"(\d+)/?$", form.other.data)
        other = _translation_source(match.group(1) if match else None)
        if other is None:
            raise ServiceError(_("No resource you can see has this address or number."))
        services.link_translation(current_user, resource, other)

    return _apply(form, link, _("The translations are now linked."), resource_id,
                  field="other", translation_form=form)


# --- trash ---------------------------------------------------------------------------------

@bp.route("/<int:resource_id>/delete", methods=["POST"])
def delete(resource_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    services.delete_resource(current_user, resource)
    db.session.commit()
    flash(_("“%(title)s” has been moved to the trash. It can be restored for %(days)d days.",
            title=resource.title, days=services.TRASH_DAYS), "success")
    return redirect(url_for("resources.index"))


@bp.route("/trash")
def trash():
    items = [r for r in queries.trash(current_user) if can(current_user, Action.CONTENT_EDIT, r)]
    return render_template("resources/trash.html", items=items, days=services.TRASH_DAYS)


@bp.route("/<int:resource_id>/restore", methods=["POST"])
def restore(resource_id: int):
    resource = _load_trashed(resource_id)
    try:
        services.restore_resource(current_user, resource)
    except ServiceError:
        abort(404)
    db.session.commit()
    flash(_("“%(title)s” has been restored.", title=resource.title), "success")
    return redirect(url_for("resources.detail", resource_id=resource.id))


@bp.route("/<int:resource_id>/purge", methods=["POST"])
def purge(resource_id: int):
    resource = _load_trashed(resource_id)
    title = resource.title
    services.purge_resource(current_user, resource)
    db.session.commit()
    flash(_("“%(title)s” has been deleted permanently.", title=title), "success")
    return redirect(url_for("resources.trash"))


# --- curated topics ----------------------------------------------------------------------------

@bp.route("/topics", methods=["GET", "POST"])
@form_view
def topics():
    require(Action.RESOURCE_TOPICS_MANAGE)
    form = TopicForm()
    if form.validate_on_submit():
        try:
            services.create_topic(current_user, form.name.data, form.name_sr.data or "")
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The topic has been added."), "success")
            return redirect(url_for("resources.topics"))
    rows = db.session.scalars(select(Topic).order_by(Topic.is_active.desc(), Topic.name)).all()
    return render_form("resources/topics.html", form, topics=rows)


@bp.route("/topics/<int:topic_id>", methods=["GET", "POST"])
@form_view
def edit_topic(topic_id: int):
    require(Action.RESOURCE_TOPICS_MANAGE)
    topic = db.session.get(Topic, topic_id) or abort(404)
    form = TopicForm(obj=topic)
    if form.validate_on_submit():
        try:
            services.update_topic(current_user, topic, form.name.data, form.name_sr.data or "",
                                  form.is_active.data)
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The topic has been saved."), "success")
            return redirect(url_for("resources.topics"))
    return render_form("resources/topic_edit.html", form, topic=topic)
