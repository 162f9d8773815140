"""The resource library: /resources — the list and search, feeds, the ZIP of a
selection, a resource's page, downloads, adding and editing.

Files, translations, the trash and curated topics are in `manage_views`."""

from datetime import date

from flask import (
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

from .. import feeds, storage
from ..content import Visibility
from ..db import db
from ..errors import ServiceError
from ..extensions import limiter
from ..forms import attach_error, render_form
from ..orgs.models import COUNTRIES, Organisation
from ..pagecache import cached_page
from ..params import page_number, whole_number
from ..permissions import Action, public, require, signed_in
from ..search.text import highlight, snippet
from ..security import form_view
from . import (
    bulk,
    manage_views,  # noqa: F401 - registers its routes on bp
    queries,
    services,
)
from .blueprint import (
    _load,
    _load_file,
    _render_detail,
    _status,
    _topics,
    _translation_source,
    _uploads,
    bp,
)
from .forms import (
    VISIBILITY_LABELS,
    NewResourceForm,
    ResourceFilterForm,
    ResourceForm,
)
from .models import KIND_LABELS, LANGUAGES, Resource, ResourceKind
from .text import plain_summary, resource_document

# --- list, search, feed -------------------------------------------------------------------

@bp.route("")
@public
@cached_page
def index():
    form = ResourceFilterForm(request.args)
    _filter_choices(form)
    filters = _filters(form)
    result, match = queries.page(current_user, filters, page_number())
    terms = match.terms if match is not None else []
    items = [_list_item(resource, terms) for resource in result.items]
    return render_template("resources/index.html", form=form, page=result, items=items,
                           searching=bool(terms), filtered=_is_filtered(filters))


def _filters(form) -> queries.Filters:
    number = whole_number

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
@limiter.limit("20 per minute")  # each archive reads and compresses many files
def download_zip():
    ids = [number for value in request.args.getlist("id")
           if (number := whole_number(value)) is not None]
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
@cached_page
def detail(resource_id: int):
    resource = _load(resource_id)
    return _render_detail(resource)


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
