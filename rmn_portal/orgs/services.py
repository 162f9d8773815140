"""Organisations: directory queries and profile changes."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..db import db
from ..errors import ServiceError
from ..permissions import organisations_visible_to
from .models import Organisation


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


def _check_slug_free(slug: str) -> None:
    taken = db.session.scalar(select(func.count()).where(Organisation.slug == slug))
    if taken:
        raise ServiceError(_("Another organisation already uses this address name."),
                           field="slug")
