"""The resource library: /resources and everything under it."""

import re
from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import feeds, storage
from ..content import Visibility
from ..db import db
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..orgs.models import COUNTRIES, Organisation
from ..permissions import Action, can, public, require, signed_in
from ..search.text import highlight, snippet
from ..security import form_view
from . import bulk, queries, services
from .forms import (
    VISIBILITY_LABELS,
    NewResourceForm,
    ResourceFilterForm,
    ResourceForm,
    TopicForm,
    TranslationForm,
    UploadForm,
    VersionForm,
)
from .models import KIND_LABELS, LANGUAGES, Resource, ResourceFile, ResourceKind, Topic
from .text import plain_summary, resource_document
from .uploads import Upload

bp = Blueprint("resources", __name__, url_prefix="/resources")


# --- loading ---------------------------------------------------------------------------

def _load(resource_id: int, action: Action = Action.CONTENT_READ) -> Resource:
    resource = db.session.get(Resource, resource_id)
    if resource is None or resource.deleted_at is not None:
        abort(404)
    return require(action, resource)


def _load_trashed(resource_id: int) -> Resource:
    resource = db.session.get(Resource, resource_id)
    # Trashed resources exist only for those who may restore them.
    if resource is None or resource.deleted_at is None or not can(
            current_user, Action.CONTENT_EDIT, resource):
        abort(404)
    return resource


def _load_file(resource: Resource, file_id: int) -> ResourceFile:
    resource_file = db.session.get(ResourceFile, file_id)
    if resource_file is None or resource_file.resource_id != resource.id:
        abort(404)
    return resource_file


def _uploads(field_name: str) -> list[Upload]:
    return [Upload(item.filename or "", item.stream)
            for item in request.files.getlist(field_name) if item and item.filename]


# --- list, search, feed -------------------------------------------------------------------

@bp.route("")
@public
def index():
    form = ResourceFilterForm(request.args)
    _filter_choices(form)
    filters = _filters(form)
    result, match = queries.page(current_user, filters, request.args.get("page", 1, type=int))
    terms = match.terms if match is not None else []
    items = [_list_item(resource, terms) for resource in result.items]
    return render_template("resources/index.html", form=form, page=result, items=items,
                           searching=bool(terms), filtered=_is_filtered(filters))


def _filters(form) -> queries.Filters:
    def number(value):
        return int(value) if value and str(value).isdigit() else None

    visibility = form.visibility.data if form.visibility.data in Visibility._value2member_map_ \
        and signed_in(current_user) else ""
    return queries.Filters(
        q=(form.q.data or "")[:200],
        kind=form.kind.data if form.kind.data in ResourceKind._value2member_map_ else "",
        language=form.language.data if form.language.data in LANGUAGES else "",
        topic=number(form.topic.data), country=form.country.data
        if form.country.data in COUNTRIES else "", org=number(form.org.data),
        year=number(form.year.data), visibility=visibility,
        sort=form.sort.data if form.sort.data in queries.SORTS else "")


def _is_filtered(filters: queries.Filters) -> bool:
    return any((filters.q, filters.kind, filters.language, filters.topic, filters.country,
                filters.org, filters.year, filters.visibility))


def _filter_choices(form) -> None:
    def with_all(pairs) -> dict:
        return {"": _("All"), **{str(value): str(label) for value, label in pairs}}

    locale = str(get_locale() or "en")
    form.kind.choices = with_all((k.value, v) for k, v in KIND_LABELS.items())
    form.language.choices = with_all(LANGUAGES.items())
    form.topic.choices = with_all((t.id, t.label(locale)) for t in _topics())
    form.country.choices = with_all(COUNTRIES.items())
    orgs = db.session.execute(select(Organisation.id, Organisation.short_name)
                              .where(Organisation.is_active).order_by(Organisation.short_name))
    form.org.choices = with_all(orgs)
    this_year = date.today().year
    form.year.choices = with_all((y, y) for y in range(this_year, 1989, -1))
    form.visibility.choices = with_all(VISIBILITY_LABELS.items())
    sorts = {"relevance": _("Best match"), "newest": _("Newest"), "title": _("Title"),
             "downloads": _("Most downloaded")}
    if not form.q.data:
        del sorts["relevance"]
    form.sort.choices = sorts


def _topics(include: list[Topic] | None = None) -> list[Topic]:
    topics = list(db.session.scalars(select(Topic).where(Topic.is_active).order_by(Topic.name)))
    extra = [topic for topic in include or [] if topic not in topics]
    return topics + extra


def _list_item(resource: Resource, terms: list[str]) -> dict:
    if terms:
        document = resource_document(resource)
        return {"resource": resource, "title": highlight(resource.title, terms),
                "snippet": snippet(document.body, terms)}
    return {"resource": resource, "title": resource.title,
            "snippet": snippet(plain_summary(resource.summary), [], words=40)}


@bp.route("/feed.atom")
@public
def feed():
    entries = [feeds.FeedEntry(
        id=url_for("resources.detail", resource_id=r.id, _external=True), title=r.title,
        url=url_for("resources.detail", resource_id=r.id, _external=True),
        updated=r.updated_at, published=r.created_at,
        summary=plain_summary(r.summary)[:1000], author=r.org.name,
        categories=(r.kind.label, *(t.name for t in r.topics)))
        for r in queries.public_latest()]
    return feeds.atom_response(
        title=_("%(network)s — public resources", network=current_app.config["NETWORK_NAME"]),
        feed_url=url_for("resources.feed", _external=True),
        site_url=url_for("resources.index", _external=True), entries=entries)


@bp.route("/download.zip")
@public
def download_zip():
    ids = [int(value) for value in request.args.getlist("id") if value.isdigit()]
    if not ids:
        flash(_("Select the resources you want to download."), "error")
        return redirect(url_for("resources.index"))
    try:
        archive, resources = bulk.build_zip(current_user, ids)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("resources.index"))
    for resource in resources:
        services.count_download(resource)
    db.session.commit()
    response = send_file(archive, mimetype="application/zip", as_attachment=True,
                         download_name="resources.zip", max_age=None)
    response.headers["Content-Security-Policy"] = storage.DOWNLOAD_CSP
    response.headers["Cache-Control"] = "no-store"
    return response


# --- one resource ---------------------------------------------------------------------------

@bp.route("/<int:resource_id>")
@public
def detail(resource_id: int):
    resource = _load(resource_id)
    return _render_detail(resource)


def _render_detail(resource: Resource, status: int = 200, upload_form=None,
                   version_forms=None, translation_form=None):
    files = list(db.session.scalars(
        select(ResourceFile).where(ResourceFile.resource_id == resource.id)
        .options(selectinload(ResourceFile.versions)).order_by(ResourceFile.position)))
    version_forms = version_forms or {}
    for resource_file in files:
        version_forms.setdefault(resource_file.id, VersionForm(prefix=f"v{resource_file.id}"))
    translations = services.translations(current_user, resource, queries.readable(current_user))
    return render_template(
        "resources/detail.html", resource=resource, files=files,
        translations=translations, upload_form=upload_form or UploadForm(),
        version_forms=version_forms, translation_form=translation_form or TranslationForm(),
        can_edit=can(current_user, Action.CONTENT_EDIT, resource),
        locale=str(get_locale() or "en"), languages=LANGUAGES, countries=COUNTRIES,
    ), status


@bp.route("/<int:resource_id>/files/<int:file_id>")
@public
def download(resource_id: int, file_id: int):
    resource = _load(resource_id)
    resource_file = _load_file(resource, file_id)
    return _send(resource, resource_file.stored, count=True)


@bp.route("/<int:resource_id>/files/<int:file_id>/versions/<int:number>")
@public
def download_version(resource_id: int, file_id: int, number: int):
    resource = _load(resource_id)
    resource_file = _load_file(resource, file_id)
    version = next((v for v in resource_file.versions if v.number == number), None)
    if version is None:
        abort(404)
    return _send(resource, version.stored, count=False)


def _send(resource: Resource, stored, count: bool):
    if not storage.exists(stored.sha256):
        current_app.logger.error("stored file %s has no bytes", stored.id)
        abort(404)
    if count:
        services.count_download(resource)
        db.session.commit()
    return storage.send_stored_file(stored, public=resource.visibility == Visibility.PUBLIC)


# --- creating and editing --------------------------------------------------------------------

def _form_choices(form, resource: Resource | None = None) -> None:
    locale = str(get_locale() or "en")
    form.topics.choices = {t.id: t.label(locale)
                           for t in _topics(resource.topics if resource else None)}
    form.countries.choices = {code: str(name) for code, name in COUNTRIES.items()}
    own_org = resource.org_id if resource else current_user.org_id
    orgs = db.session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.is_active, Organisation.id != own_org).order_by(Organisation.name))
    form.share_with.choices = dict(orgs.all())


def _fields(form) -> services.ResourceFields:
    return services.ResourceFields(
        title=form.title.data, summary=form.summary.data or "",
        kind=ResourceKind(form.kind.data), languages=list(form.languages.data or []),
        topic_ids=list(form.topics.data or []), tags=form.tags.data or "",
        countries=list(form.countries.data or []), year=form.year.data,
        visibility=Visibility(form.visibility.data), share_with=list(form.share_with.data or []),
        external_url=form.external_url.data or "")


def _initial(resource: Resource) -> dict:
    return {"title": resource.title, "summary": resource.summary, "kind": resource.kind.value,
            "languages": resource.languages, "topics": [t.id for t in resource.topics],
            "tags": resource.tags, "countries": resource.countries, "year": resource.year,
            "visibility": resource.visibility.value, "share_with": resource.shared_org_ids,
            "external_url": resource.external_url, "version": str(resource.version)}


def _files_hint() -> str:
    return _("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, WebP, plain text or CSV; "
             "up to %(mb)d MB in total. Photos lose their location and camera data; PDFs "
             "lose their author and creator data.", mb=int(current_app.config["UPLOAD_MAX_MB"]))


@bp.route("/new", methods=["GET", "POST"])
@form_view
def new():
    require(Action.CONTENT_CREATE)
    original = _translation_source(request.values.get("translation_of"))
    if request.method == "GET" and original is not None:
        data = _initial(original)
        data.update(title="", languages=[], summary="", translation_of=str(original.id))
        form = NewResourceForm(data=data)
    else:
        form = NewResourceForm()
    _form_choices(form)
    form.files.description = _files_hint()
    if form.validate_on_submit():
        try:
            resource = services.create_resource(current_user, _fields(form), _uploads("files"),
                                                translation_of=original)
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
            return render_form("resources/edit.html", form, status=_status(error),
                               resource=None, original=original)
        db.session.commit()
        flash(_("The resource has been added."), "success")
        return redirect(url_for("resources.detail", resource_id=resource.id))
    return render_form("resources/edit.html", form, resource=None, original=original)


def _status(error: ServiceError) -> int:
    return error.status if error.status >= 409 else 422


def _translation_source(value) -> Resource | None:
    if not value or not str(value).isdigit():
        return None
    original = db.session.get(Resource, int(value))
    if original is None or original.deleted_at is not None or not can(
            current_user, Action.CONTENT_READ, original):
        return None
    return original


@bp.route("/<int:resource_id>/edit", methods=["GET", "POST"])
@form_view
def edit(resource_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    form = ResourceForm() if request.method == "POST" else ResourceForm(data=_initial(resource))
    _form_choices(form, resource)
    if form.validate_on_submit():
        base = int(form.version.data) if (form.version.data or "").isdigit() else -1
        try:
            services.update_resource(current_user, resource, _fields(form), base)
        except ServiceError as error:
            db.session.rollback()
            resource = _load(resource_id, Action.CONTENT_EDIT)
            attach_error(form, error)
            form.version.data = str(resource.version)  # saving again replaces theirs
            return render_form("resources/edit.html", form, status=_status(error),
                               resource=resource, conflict=error.status == 409)
        db.session.commit()
        flash(_("The resource has been saved."), "success")
        return redirect(url_for("resources.detail", resource_id=resource.id))
    return render_form("resources/edit.html", form, resource=resource)


@bp.route("/<int:resource_id>/files", methods=["POST"])
@form_view
def upload(resource_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    form = UploadForm()
    if form.validate_on_submit():
        try:
            services.add_files(current_user, resource, _uploads("files"))
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The file has been added."), "success")
            return redirect(url_for("resources.detail", resource_id=resource.id))
    resource = _load(resource_id, Action.CONTENT_EDIT)
    return _render_detail(resource, 400 if "csrf_token" in form.errors else 422,
                          upload_form=form)


@bp.route("/<int:resource_id>/files/<int:file_id>/versions", methods=["POST"])
@form_view
def new_version(resource_id: int, file_id: int):
    resource = _load(resource_id, Action.CONTENT_EDIT)
    resource_file = _load_file(resource, file_id)
    form = VersionForm(prefix=f"v{file_id}")
    if form.validate_on_submit():
        uploads = _uploads(form.file.name)
        try:
            if len(uploads) != 1:
                raise ServiceError(_("Choose one file as the new version."), field="file")
            services.add_version(current_user, resource_file, uploads[0])
        except ServiceError as error:
            db.session.rollback()
            error.field = "file"
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The new version has been uploaded."), "success")
            return redirect(url_for("resources.detail", resource_id=resource.id))
    resource = _load(resource_id, Action.CONTENT_EDIT)
    return _render_detail(resource, 400 if "csrf_token" in form.errors else 422,
                          version_forms={file_id: form})


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
    if form.validate_on_submit():
        match = re.search(r"(\d+)/?$", form.other.data)
        other = _translation_source(match.group(1) if match else None)
        try:
            if other is None:
                raise ServiceError(_("No resource you can see has this address or number."),
                                   field="other")
            services.link_translation(current_user, resource, other)
        except ServiceError as error:
            db.session.rollback()
            error.field = "other"
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The translations are now linked."), "success")
            return redirect(url_for("resources.detail", resource_id=resource.id))
    resource = _load(resource_id, Action.CONTENT_EDIT)
    return _render_detail(resource, 400 if "csrf_token" in form.errors else 422,
                          translation_form=form)


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
