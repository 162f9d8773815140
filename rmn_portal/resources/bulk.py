"""A ZIP of several resources' files: only what the reader may see."""

import re
import tempfile
import zipfile

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import storage
from ..db import db
from ..errors import ServiceError
from .models import Resource, ResourceFile
from .queries import readable

MAX_RESOURCES = 100
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def _folder(resource: Resource) -> str:
    title = _UNSAFE.sub(" ", resource.title).strip(" .")[:80].strip(" .")
    return f"{resource.id} {title}" if title else str(resource.id)


def build_zip(user, ids: list[int]):
    """(file object, resources included). Ids the user may not see are
    dropped silently: the archive is the same as if they did not exist."""
    if len(ids) > MAX_RESOURCES:
        raise ServiceError(_("Select at most %(count)d resources at a time.",
                             count=MAX_RESOURCES))
    resources = list(db.session.scalars(
        select(Resource).where(Resource.id.in_(ids), readable(user))
        .options(selectinload(Resource.files).joinedload(ResourceFile.stored))
        .order_by(Resource.id)))
    limit = int(current_app.config.get("RESOURCES_ZIP_MAX_MB", 500)) * 1024 * 1024
    if sum(f.stored.size for r in resources for f in r.files) > limit:
        raise ServiceError(_("The selection is too large to download at once. Select fewer "
                             "resources."))
    if not resources:
        raise ServiceError(_("Select the resources you want to download."))
    archive = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    links = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for resource in resources:
            folder, used = _folder(resource), set()
            for resource_file in resource.files:
                name = resource_file.stored.original_name
                stem, dot, suffix = name.rpartition(".")
                counter = 2
                while name.casefold() in used:
                    name = f"{stem} ({counter}).{suffix}" if dot else f"{suffix} ({counter})"
                    counter += 1
                used.add(name.casefold())
                if storage.exists(resource_file.stored.sha256):
                    out.write(storage.path_for(resource_file.stored.sha256), f"{folder}/{name}")
            if resource.external_url:
                links.append(f"{resource.title}\n{resource.external_url}\n")
        if links:
            out.writestr("links.txt", "\n".join(links))
    archive.seek(0)
    return archive, resources
