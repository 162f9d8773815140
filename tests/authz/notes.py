"""Authorisation matrix rows for the anonymised needs notes.

A note's raw text is its author's alone; reviewers (coordinators, and
organisation admins of another organisation) see notes in review; the platform
admin does not review. None of the actors wrote these notes.
"""

from rmn_portal.notes import services

from ..notes.conftest import note_fields
from . import LOGIN, Route, everyone, table


def populate(world, make):
    world.own_note = services.create_draft(world.colleague, note_fields())
    world.other_note = services.create_draft(world.outsider, note_fields())
    make.session.flush()
    services.submit(world.outsider, world.other_note)
    make.session.flush()
    world.own_draft_note = services.create_draft(world.colleague, note_fields())
    make.session.flush()


OWN = "/notes/{own_draft_note.id}"
REVIEWED = "/notes/{other_note.id}"

ROUTES = [
    Route("notes.mine", "GET", "/notes/mine", everyone(LOGIN, 200)),
    Route("notes.new", "GET", "/notes/new", everyone(LOGIN, 200)),
    # Someone else's draft: invisible to everybody but its author.
    Route("notes.edit", "GET", OWN + "/edit", table(LOGIN, 404, 404, 404, 404)),
    # Its reviewers are sent on to the review page.
    Route("notes.edit", "GET", REVIEWED + "/edit", table(LOGIN, 404, 302, 302, 404)),
    Route("notes.preview", "POST", "/notes/preview", table(LOGIN, 404, 404, 404, 404),
          data={"note_id": "{own_draft_note.id}", "narrative": "x"}),
    Route("notes.delete", "POST", OWN + "/delete", table(LOGIN, 404, 404, 404, 404)),
    Route("notes.undo_keep", "POST", OWN + "/decisions/1/undo",
          table(LOGIN, 404, 404, 404, 404)),
    Route("notes.review_queue", "GET", "/notes/review", table(LOGIN, 403, 200, 200, 403)),
    # In review from another organisation: its reviewers may open it.
    Route("notes.review", "GET", REVIEWED + "/review", table(LOGIN, 404, 200, 200, 404)),
    Route("notes.review", "GET", OWN + "/review", table(LOGIN, 404, 404, 404, 404)),
    Route("notes.generalise", "POST", REVIEWED + "/generalise",
          table(LOGIN, 404, None, None, 404)),
    # Publishing skips no step: a note still in review is refused with a message.
    Route("notes.publish", "POST", REVIEWED + "/publish", table(LOGIN, 404, 422, 422, 404)),
]
