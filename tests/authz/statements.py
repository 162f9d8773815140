"""Authorisation matrix rows for joint statements.

The world gains a draft led by the own organisation (started by a colleague,
not by any actor), a draft led by the other organisation, and a statement of
the other organisation open for signature, signed by that organisation.
"""

from datetime import timedelta

from rmn_portal.accounts.models import Role
from rmn_portal.db import utcnow
from rmn_portal.statements import comments, services, signing

from . import LOGIN, Route, everyone, table

BODY = "Pushbacks at the border must stop.\n\nEveryone has the right to ask for asylum."


def populate(world, make):
    world.own_draft = services.create_statement(world.colleague, title="Own draft", body=BODY,
                                                language="en")
    world.other_draft = services.create_statement(world.outsider, title="Other draft",
                                                  body=BODY, language="en")
    world.open_statement = services.create_statement(world.outsider, title="Open", body=BODY,
                                                     language="en")
    make.session.flush()
    world.own_revision = services.revision(world.own_draft.original, 1)
    world.other_revision = services.revision(world.other_draft.original, 1)
    world.own_comment = comments.add_comment(world.colleague, world.own_draft, "A first remark")
    world.other_comment = comments.add_comment(world.outsider, world.other_draft, "Remark")
    world.own_editor = world.own_draft.editors[0]
    world.other_editor = world.other_draft.editors[0]
    signing.open_for_signature(world.outsider, world.open_statement,
                               (utcnow() + timedelta(days=10)).date())
    other_admin = make.user(world.other, Role.ORG_ADMIN)
    world.other_signature = signing.sign(other_admin, world.open_statement)
    make.session.flush()


OWN = "/statements/{own_draft.id}"
OTHER = "/statements/{other_draft.id}"
OPEN = "/statements/{open_statement.id}"

# Columns: anonymous, member, org_admin, coordinator, admin (all of the own organisation).
# Own draft: the organisation's people read it; its admin leads it; coordinators moderate.
# Other draft: invisible (404) except to coordinators.
ROUTES = [
    Route("statements.drafting.new", "GET", "/statements/new", everyone(LOGIN, 200)),
    Route("statements.drafting.edit", "GET", OWN + "/edit", table(LOGIN, 403, 200, 200, 403)),
    Route("statements.drafting.edit", "GET", OTHER + "/edit", table(LOGIN, 404, 404, 200, 404)),
    # History and comparison belong to the drafting team (editors and leads).
    Route("statements.drafting.history", "GET", OWN + "/history", table(LOGIN, 403, 200, 200, 403)),
    Route("statements.drafting.history", "GET", OTHER + "/history",
          table(LOGIN, 404, 404, 200, 404)),
    Route("statements.drafting.compare", "GET", OWN + "/compare?from=1&to=1",
          table(LOGIN, 403, 200, 200, 403)),
    Route("statements.drafting.compare", "GET", OTHER + "/compare?from=1&to=1",
          table(LOGIN, 404, 404, 200, 404)),
    Route("statements.drafting.restore", "POST", OWN + "/revisions/{own_revision.id}/restore",
          table(LOGIN, 403, None, None, 403), data={"base_number": "1"}),
    Route("statements.drafting.restore", "POST", OTHER + "/revisions/{other_revision.id}/restore",
          table(LOGIN, 404, 404, None, 404), data={"base_number": "1"}),
    Route("statements.drafting.new_translation", "GET", OWN + "/translations/new",
          table(LOGIN, 403, 200, 200, 403)),
    Route("statements.drafting.new_translation", "GET", OTHER + "/translations/new",
          table(LOGIN, 404, 404, 200, 404)),
    Route("statements.drafting.team", "GET", OWN + "/team", table(LOGIN, 403, 200, 200, 403)),
    Route("statements.drafting.team", "GET", OTHER + "/team", table(LOGIN, 404, 404, 200, 404)),
    Route("statements.drafting.tags", "POST", OWN + "/tags", table(LOGIN, 403, None, None, 403),
          data={"tags": "changed"}),
    Route("statements.drafting.tags", "POST", OTHER + "/tags", table(LOGIN, 404, 404, None, 404),
          data={"tags": "changed"}),
    Route("statements.drafting.remove_editor", "POST", OWN + "/editors/{own_editor.id}/remove",
          table(LOGIN, 403, None, None, 403)),
    Route("statements.drafting.remove_editor", "POST", OTHER + "/editors/{other_editor.id}/remove",
          table(LOGIN, 404, 404, None, 404)),
    Route("statements.drafting.add_comment", "POST", OTHER + "/comments",
          table(LOGIN, 404, 404, None, 404), data={"body": "Hello"}),
    Route("statements.drafting.add_comment", "POST", OWN + "/comments",
          table(LOGIN, None, None, None, None), data={"body": "Hello"}),
    Route("statements.drafting.reply", "POST", OTHER + "/comments/reply",
          table(LOGIN, 404, 404, None, 404),
          data={"body": "Reply", "parent_id": "{other_comment.id}"}),
    # Someone else's comment on a draft one may read but not edit: not found.
    Route("statements.drafting.resolve", "POST", OWN + "/comments/{own_comment.id}/resolve",
          table(LOGIN, 404, None, None, 404)),
    Route("statements.drafting.resolve", "POST", OTHER + "/comments/{other_comment.id}/resolve",
          table(LOGIN, 404, 404, None, 404)),
    Route("statements.signing.open_for_signature", "GET", OWN + "/open",
          table(LOGIN, 403, 200, 200, 403)),
    Route("statements.signing.open_for_signature", "GET", OTHER + "/open",
          table(LOGIN, 404, 404, 200, 404)),
    Route("statements.signing.reopen", "GET", OPEN + "/reopen", table(LOGIN, 403, 403, 200, 403)),
    Route("statements.signing.sign", "GET", OPEN + "/sign", table(LOGIN, 403, 200, 403, 403)),
    Route("statements.signing.sign", "GET", OTHER + "/sign", table(LOGIN, 404, 404, 403, 404)),
    Route("statements.signing.withdraw_signature", "POST",
          OPEN + "/signatures/{other_signature.id}/withdraw", table(LOGIN, 403, 403, 403, 403)),
    Route("statements.signing.publish", "POST", OPEN + "/publish",
          table(LOGIN, 403, 403, None, 403)),
    Route("statements.signing.publish", "POST", OTHER + "/publish",
          table(LOGIN, 404, 404, None, 404)),
    Route("statements.signing.archive", "POST", OPEN + "/archive",
          table(LOGIN, 403, 403, None, 403)),
    Route("statements.signing.withdraw", "GET", OPEN + "/withdraw",
          table(LOGIN, 403, 403, 200, 403)),
    Route("statements.signing.withdraw", "GET", OTHER + "/withdraw",
          table(LOGIN, 404, 404, 200, 404)),
]
