"""The resource library (issue #3): share advocacy documents safely and find
them in any language or script."""

import click
from flask import Flask, url_for
from flask.cli import with_appcontext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..db import db
from ..search import SearchSource, register


def init_app(app: Flask) -> None:
    from .models import Resource, ResourceFile
    from .queries import readable
    from .text import resource_document

    app.config.setdefault("ORG_QUOTA_MB", 2048)
    register(SearchSource(
        kind="resource", model=Resource, label=_l("Resources"), position=10,
        document=resource_document, visible=readable,
        url=lambda resource: url_for("resources.detail", resource_id=resource.id),
        load_options=(selectinload(Resource.files).undefer(ResourceFile.extracted_text),
                      selectinload(Resource.topics)),
        related=((ResourceFile, lambda f: [f.resource] if f.resource is not None else []),),
    ))
    app.cli.add_command(resources_group)


@click.group("resources")
def resources_group():
    """The resource library."""


@resources_group.command("purge-trash")
@with_appcontext
def purge_trash_command():
    """Delete resources that have been in the trash for more than 30 days."""
    from .services import purge_trash

    count = purge_trash()
    db.session.commit()
    click.echo(f"Deleted {count} resource(s) from the trash; run `storage gc` to free the space.")
