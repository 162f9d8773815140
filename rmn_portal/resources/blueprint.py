"""The resource library's blueprint and what its view modules share:
loading objects the reader may see, and rendering the detail page."""


from flask import (
    Blueprint,
    abort,
    render_template,
    request,
)
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db import db
from ..errors import ServiceError
from ..orgs.models import COUNTRIES
from ..permissions import Action, can, require
from . import queries, services
from .forms import (
    TranslationForm,
    UploadForm,
    VersionForm,
)
from .models import LANGUAGES, Resource, ResourceFile, Topic
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


def _topics(include: list[Topic] | None = None) -> list[Topic]:
    topics = list(db.session.scalars(select(Topic).where(Topic.is_active).order_by(Topic.name)))
    extra = [topic for topic in include or [] if topic not in topics]
    return topics + extra


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
