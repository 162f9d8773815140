"""Organisations: directory queries and profile changes."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit, storage
from ..db import db
from ..errors import ServiceError
from ..images import NotAnImage, clean_image
from ..permissions import organisations_visible_to
from ..storage import StoredFile
from .models import Organisation

LOGO_MAX_BYTES = 2 * 1024 * 1024


def directory(user) -> list[Organisation]:
    """Organisations for the directory page: listed and active ones for
    everybody, plus whatever else the reader may see."""
    query = select(Organisation).where(organisations_visible_to(user))
    if not getattr(user, "is_authenticated", False):
        query = query.where(Organisation.is_listed)
    return list(db.session.scalars(query.order_by(Organisation.country, Organisation.name)))


def by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def create_organisation(actor, *, name: str, short_name: str, slug: str, country: str,
                        **fields) -> Organisation:
    _check_slug_free(slug)
    org = Organisation(name=name, short_name=short_name, slug=slug, country=country.upper(),
                       **fields)
    db.session.add(org)
    db.session.flush()
    audit.record(actor, "organisation.created", org, org_id=org.id)
    return org


def update_organisation(actor, org: Organisation, **fields) -> None:
    if "slug" in fields and fields["slug"] != org.slug:
        _check_slug_free(fields["slug"])
    changed = sorted(name for name, value in fields.items() if getattr(org, name) != value)
    for name in changed:
        setattr(org, name, fields[name])
    if changed:
        audit.record(actor, "organisation.updated", org, org_id=org.id, fields=changed)


def set_logo(actor, org: Organisation, stream, filename: str) -> None:
    """Store a new logo, cleaned of metadata and scaled to at most 512 px."""
    data = stream.read(LOGO_MAX_BYTES + 1)
    if len(data) > LOGO_MAX_BYTES:
        raise ServiceError(_("The logo is larger than 2 MB."), field="logo")
    try:
        cleaned, content_type = clean_image(data, max_side=512)
    except NotAnImage:
        raise ServiceError(_("The logo must be a PNG, JPEG or WebP image."),
                           field="logo") from None
    blob = storage.save_bytes(cleaned)
    stored = StoredFile(sha256=blob.sha256, size=blob.size, content_type=content_type,
                        original_name=(filename or "logo")[:255], org_id=org.id,
                        uploaded_by_id=getattr(actor, "id", None))
    db.session.add(stored)
    db.session.flush()
    org.logo_id = stored.id
    audit.record(actor, "organisation.logo_changed", org, org_id=org.id)


def change_logo(actor, org: Organisation, upload, remove: bool) -> None:
    """Apply the logo part of the profile form: a new file, or removal."""
    if upload is not None and getattr(upload, "filename", ""):
        set_logo(actor, org, upload.stream, upload.filename)
    elif remove:
        remove_logo(actor, org)


def remove_logo(actor, org: Organisation) -> None:
    if org.logo_id is not None:
        org.logo_id = None
        audit.record(actor, "organisation.logo_removed", org, org_id=org.id)


def _check_slug_free(slug: str) -> None:
    taken = db.session.scalar(select(func.count()).where(Organisation.slug == slug))
    if taken:
        raise ServiceError(_("Another organisation already uses this address name."),
                           field="slug")
