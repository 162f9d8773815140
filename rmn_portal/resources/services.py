"""The rules of the resource library. Plain functions with an explicit actor;
they add and flush, raise ServiceError for refused actions, never commit."""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from .. import audit, storage
from ..content import Visibility
from ..db import db, utcnow
from ..errors import ServiceError
from ..orgs.models import Organisation
from ..storage import StoredFile
from .models import (
    TRASH_DAYS,
    Resource,
    ResourceCountry,
    ResourceFile,
    ResourceFileVersion,
    ResourceKind,
    ResourceLanguage,
    ResourceShare,
    Topic,
)
from .uploads import CleanFile, Upload, inspect, workdir

MAX_TAGS = 15
MAX_TAG_LENGTH = 40


@dataclass
class ResourceFields:
    title: str
    kind: ResourceKind
    summary: str = ""
    languages: list[str] = field(default_factory=list)
    topic_ids: list[int] = field(default_factory=list)
    tags: str = ""
    countries: list[str] = field(default_factory=list)
    year: int | None = None
    visibility: Visibility = Visibility.ORGANISATION
    share_with: list[int] = field(default_factory=list)
    external_url: str = ""


# --- quota --------------------------------------------------------------------------

def quota_bytes() -> int:
    return int(current_app.config.get("ORG_QUOTA_MB", 2048)) * 1024 * 1024


def storage_used(org_id: int) -> int:
    return db.session.scalar(select(func.coalesce(func.sum(StoredFile.size), 0))
                             .where(StoredFile.org_id == org_id)) or 0


def _check_quota(org_id: int, files: list[CleanFile]) -> None:
    incoming = sum(clean.size for clean in files)
    if storage_used(org_id) + incoming > quota_bytes():
        raise ServiceError(_("Your organisation's storage space (%(mb)d MB) is full. Delete "
                             "files you no longer need, empty the trash, or ask the network's "
                             "administrators for more space.",
                             mb=quota_bytes() // (1024 * 1024)), field="files", status=413)


# --- creating and changing -------------------------------------------------------------

def create_resource(actor, fields: ResourceFields, uploads: list[Upload],
                    translation_of: Resource | None = None) -> Resource:
    if not uploads and not fields.external_url:
        raise ServiceError(_("Add at least one file, or a link to the document."),
                           field="files")
    resource = Resource(org_id=actor.org_id, author_id=actor.id, version=1)
    _apply(resource, fields)
    db.session.add(resource)
    with workdir() as tmp:
        cleaned = _inspect_all(uploads, tmp)
        _check_quota(actor.org_id, cleaned)
        db.session.flush()
        for clean in cleaned:
            _add_file(actor, resource, clean)
    if translation_of is not None:
        link_translation(actor, resource, translation_of)
    db.session.flush()
    audit.record(actor, "resource.created", resource, visibility=resource.visibility.value,
                 files=len(uploads))
    return resource


def update_resource(actor, resource: Resource, fields: ResourceFields, base_version: int) -> None:
    if base_version != resource.version:
        raise ServiceError(_("Someone else saved this resource while you were editing it. "
                             "Their version is shown below; check it, then save again to "
                             "replace it with yours."), status=409)
    before = _snapshot(resource)
    _apply(resource, fields)
    changed = sorted(name for name, value in _snapshot(resource).items() if before[name] != value)
    if changed:
        resource.updated_at = utcnow()
        db.session.flush()
        audit.record(actor, "resource.updated", resource, fields=changed)


def _snapshot(resource: Resource) -> dict:
    return {"title": resource.title, "summary": resource.summary, "kind": resource.kind,
            "languages": resource.languages, "topics": sorted(t.id for t in resource.topics),
            "tags": resource.tags, "countries": resource.countries, "year": resource.year,
            "visibility": resource.visibility, "share_with": sorted(resource.shared_org_ids),
            "external_url": resource.external_url}


def _apply(resource: Resource, fields: ResourceFields) -> None:
    resource.title = fields.title
    resource.summary = fields.summary
    resource.kind = fields.kind
    resource.tags = normalise_tags(fields.tags)
    resource.year = fields.year
    resource.visibility = fields.visibility
    resource.external_url = fields.external_url
    resource.topics = list(db.session.scalars(
        select(Topic).where(Topic.id.in_(fields.topic_ids)))) if fields.topic_ids else []
    _sync_rows(resource.language_rows, ResourceLanguage, "code", fields.languages)
    _sync_rows(resource.country_rows, ResourceCountry, "code", fields.countries)
    shares = [] if fields.visibility != Visibility.ORGANISATION else [
        org_id for org_id in fields.share_with if org_id != resource.org_id]
    if shares:
        known = set(db.session.scalars(select(Organisation.id).where(
            Organisation.id.in_(shares), Organisation.is_active)))
        shares = [org_id for org_id in shares if org_id in known]
    _sync_rows(resource.share_rows, ResourceShare, "org_id", shares)


def _sync_rows(rows: list, model, attribute: str, wanted: list) -> None:
    wanted = list(dict.fromkeys(wanted))
    for row in [row for row in rows if getattr(row, attribute) not in wanted]:
        rows.remove(row)
    present = {getattr(row, attribute) for row in rows}
    rows.extend(model(**{attribute: value}) for value in wanted if value not in present)


def normalise_tags(raw: str) -> str:
    tags: list[str] = []
    for tag in (raw or "").split(","):
        tag = " ".join(tag.split())[:MAX_TAG_LENGTH]
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return ", ".join(tags[:MAX_TAGS])


# --- files and versions --------------------------------------------------------------

def _inspect_all(uploads: list[Upload], tmp) -> list[CleanFile]:
    from pathlib import Path

    return [inspect(upload, Path(tmp)) for upload in uploads]


def _store(actor, resource: Resource, clean: CleanFile) -> StoredFile:
    with clean.path.open("rb") as handle:
        blob = storage.save(handle)
    stored = StoredFile(sha256=blob.sha256, size=blob.size, content_type=clean.content_type,
                        original_name=clean.name, uploaded_by_id=actor.id,
                        org_id=resource.org_id)
    db.session.add(stored)
    return stored


def _add_file(actor, resource: Resource, clean: CleanFile) -> ResourceFile:
    stored = _store(actor, resource, clean)
    position = max((f.position for f in resource.files), default=-1) + 1
    resource_file = ResourceFile(stored=stored, position=position, extracted_text=clean.text)
    resource_file.versions.append(ResourceFileVersion(stored=stored, number=1,
                                                      uploaded_by_id=actor.id))
    resource.files.append(resource_file)
    return resource_file


def add_files(actor, resource: Resource, uploads: list[Upload]) -> list[ResourceFile]:
    if not uploads:
        raise ServiceError(_("Choose a file to upload."), field="files")
    with workdir() as tmp:
        cleaned = _inspect_all(uploads, tmp)
        _check_quota(resource.org_id, cleaned)
        added = [_add_file(actor, resource, clean) for clean in cleaned]
    resource.updated_at = utcnow()
    db.session.flush()
    for resource_file in added:
        audit.record(actor, "resource.file_added", resource, file_id=resource_file.id)
    return added


def add_version(actor, resource_file: ResourceFile, upload: Upload) -> ResourceFileVersion:
    """A new version becomes the file's current bytes; earlier ones stay listed."""
    resource = resource_file.resource
    with workdir() as tmp:
        (clean,) = _inspect_all([upload], tmp)
        _check_quota(resource.org_id, [clean])
        stored = _store(actor, resource, clean)
    version = ResourceFileVersion(stored=stored, number=resource_file.current_number + 1,
                                  uploaded_by_id=actor.id)
    resource_file.versions.insert(0, version)
    resource_file.stored = stored
    resource_file.extracted_text = clean.text
    resource_file.updated_at = resource.updated_at = utcnow()
    db.session.flush()
    audit.record(actor, "resource.version_added", resource, file_id=resource_file.id,
                 version=version.number)
    return version


def remove_file(actor, resource_file: ResourceFile) -> None:
    """Take a file (all its versions) off a resource. Its stored bytes go with
    the rows; `storage gc` removes them."""
    resource = resource_file.resource
    if len(resource.files) == 1 and not resource.external_url:
        raise ServiceError(_("A resource needs at least one file or a link. Upload another "
                             "file or add a link first."))
    stored_ids = [version.stored_file_id for version in resource_file.versions]
    resource.files.remove(resource_file)
    resource.updated_at = utcnow()
    db.session.flush()
    db.session.execute(delete(StoredFile).where(StoredFile.id.in_(stored_ids)))
    audit.record(actor, "resource.file_removed", resource, file_id=resource_file.id)


def count_download(resource: Resource, count: int = 1) -> None:
    # A plain UPDATE: atomic under concurrency, and no new edit version.
    db.session.execute(update(Resource).where(Resource.id == resource.id)
                       .values(download_count=Resource.download_count + count)
                       .execution_options(synchronize_session=False))


# --- translations ---------------------------------------------------------------------

def link_translation(actor, resource: Resource, other: Resource) -> None:
    """Put two resources in one translation group."""
    if other.id == resource.id:
        raise ServiceError(_("A resource cannot be a translation of itself."),
                           field="translation_of")
    group = other.translation_group or resource.translation_group or other.id
    for member in (resource, other):
        if member.translation_group not in (None, group):
            db.session.execute(update(Resource)
                               .where(Resource.translation_group == member.translation_group)
                               .values(translation_group=group)
                               .execution_options(synchronize_session="fetch"))
        member.translation_group = group
    audit.record(actor, "resource.translation_linked", resource, other_id=other.id)


def translations(user, resource: Resource, visible_clause) -> list[Resource]:
    if resource.translation_group is None:
        return []
    return list(db.session.scalars(
        select(Resource).where(Resource.translation_group == resource.translation_group,
                               Resource.id != resource.id, Resource.deleted_at.is_(None),
                               visible_clause).order_by(Resource.title)))


# --- trash ------------------------------------------------------------------------------

def delete_resource(actor, resource: Resource) -> None:
    resource.deleted_at = utcnow()
    resource.deleted_by_id = actor.id
    audit.record(actor, "resource.deleted", resource)


def restore_resource(actor, resource: Resource) -> None:
    if resource.deleted_at is None or resource.deleted_at < utcnow() - timedelta(days=TRASH_DAYS):
        raise ServiceError(_("This resource can no longer be restored."), status=404)
    resource.deleted_at = None
    resource.deleted_by_id = None
    audit.record(actor, "resource.restored", resource)


def purge_trash(now=None) -> int:
    """Delete resources that have been in the trash longer than TRASH_DAYS,
    with their file rows; `storage gc` then removes the bytes."""
    cutoff = (now or utcnow()) - timedelta(days=TRASH_DAYS)
    expired = list(db.session.scalars(select(Resource).where(Resource.deleted_at < cutoff)))
    for resource in expired:
        purge_resource(None, resource)
    return len(expired)


def purge_resource(actor, resource: Resource) -> None:
    """Delete a trashed resource for good, with its file rows."""
    if resource.deleted_at is None:
        raise ServiceError(_("Only resources in the trash can be deleted permanently."))
    stored_ids = [version.stored_file_id for resource_file in resource.files
                  for version in resource_file.versions]
    audit.record(actor, "resource.purged", resource)
    db.session.delete(resource)
    db.session.flush()
    if stored_ids:
        db.session.execute(delete(StoredFile).where(StoredFile.id.in_(stored_ids)))


# --- topics -----------------------------------------------------------------------------

def create_topic(actor, name: str, name_sr: str) -> Topic:
    _check_topic_name(name)
    topic = Topic(name=name, name_sr=name_sr, is_active=True)
    db.session.add(topic)
    db.session.flush()
    audit.record(actor, "resource.topic_created", topic, org_id=None)
    return topic


def update_topic(actor, topic: Topic, name: str, name_sr: str, is_active: bool) -> None:
    if name != topic.name:
        _check_topic_name(name)
    topic.name, topic.name_sr, topic.is_active = name, name_sr, is_active
    audit.record(actor, "resource.topic_updated", topic, org_id=None)


def _check_topic_name(name: str) -> None:
    if db.session.scalar(select(func.count()).where(func.lower(Topic.name) == name.lower())):
        raise ServiceError(_("A topic with this name already exists."), field="name")
