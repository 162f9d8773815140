"""Authorisation matrix rows for the resource library.

The world gains an organisation-only resource of the own organisation (by a
colleague) with one file, an organisation-only resource of the other
organisation with one file, and a curated topic.
"""

import io

from rmn_portal.content import Visibility
from rmn_portal.resources.models import ResourceKind
from rmn_portal.resources.services import ResourceFields, Upload, create_resource, create_topic

from . import LOGIN, Route, everyone, table

TEXT = b"Access to asylum procedures in the region.\n"


def _resource(author, title):
    fields = ResourceFields(title=title, kind=ResourceKind.REPORT, languages=["en"],
                            visibility=Visibility.ORGANISATION, external_url="")
    return create_resource(author, fields, [Upload("report.txt", io.BytesIO(TEXT))])


def populate(world, make):
    world.own_resource = _resource(world.colleague, "Own report")
    world.other_resource = _resource(world.outsider, "Other report")
    make.session.flush()
    world.own_file = world.own_resource.files[0]
    world.other_file = world.other_resource.files[0]
    world.topic = create_topic(world.actors["coordinator"], "Border monitoring",
                               "Praćenje granice")
    make.session.flush()


OWN = "/resources/{own_resource.id}"
OTHER = "/resources/{other_resource.id}"
# The own organisation's item: members read it; its admin and the moderators edit.
EDITORS = table(LOGIN, 403, 200, 200, 200)
HIDDEN = table(LOGIN, 404, 404, 404, 404)
COORDINATORS = table(LOGIN, 403, 403, 200, 200)

ROUTES = [
    Route("resources.new", "GET", "/resources/new", everyone(LOGIN, 200)),
    Route("resources.trash", "GET", "/resources/trash", everyone(LOGIN, 200)),
    Route("resources.edit", "GET", OWN + "/edit", EDITORS),
    Route("resources.edit", "GET", OTHER + "/edit", HIDDEN),
    Route("resources.upload", "POST", OTHER + "/files", HIDDEN),
    Route("resources.upload", "POST", OWN + "/files", table(LOGIN, 403, None, None, None)),
    Route("resources.new_version", "POST", OTHER + "/files/{other_file.id}/versions", HIDDEN),
    Route("resources.new_version", "POST", OWN + "/files/{own_file.id}/versions",
          table(LOGIN, 403, None, None, None)),
    Route("resources.remove_file", "POST", OTHER + "/files/{other_file.id}/remove", HIDDEN),
    Route("resources.remove_file", "POST", OWN + "/files/{own_file.id}/remove",
          table(LOGIN, 403, None, None, None)),
    Route("resources.link_translation", "POST", OTHER + "/translations", HIDDEN,
          data={"other": "{own_resource.id}"}),
    Route("resources.delete", "POST", OTHER + "/delete", HIDDEN),
    Route("resources.delete", "POST", OWN + "/delete", table(LOGIN, 403, 302, 302, 302)),
    Route("resources.restore", "POST", OTHER + "/restore", HIDDEN),
    Route("resources.purge", "POST", OTHER + "/purge", HIDDEN),
    Route("resources.topics", "GET", "/resources/topics", COORDINATORS),
    Route("resources.edit_topic", "POST", "/resources/topics/{topic.id}",
          table(LOGIN, 403, 403, None, None), data={"name": "Changed", "name_sr": "Izmena"}),
]
