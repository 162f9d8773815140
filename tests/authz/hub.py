"""Authorisation matrix rows of the network hub: notifications, API tokens,
your data. The world gains a notification and a token of a colleague (in
the own organisation, not an actor): nobody else may open or revoke them.
"""

from rmn_portal.api import tokens
from rmn_portal.notify.models import Notification

from . import LOGIN, Route, everyone, only


def populate(world, make):
    world.colleague_notification = Notification(user_id=world.colleague.id, kind="test.kind",
                                                title="For the colleague", url="/dashboard")
    make.session.add(world.colleague_notification)
    world.colleague_token, _secret = tokens.create_token(world.colleague, "Colleague's", 30)
    make.session.flush()


ROUTES = [
    Route("notify.centre", "GET", "/notifications", everyone(LOGIN, 200)),
    Route("notify.open_notification", "GET", "/notifications/{colleague_notification.id}",
          everyone(LOGIN, 404)),
    Route("notify.mark_all_read", "POST", "/notifications/read", everyone(LOGIN, 302)),
    Route("notify.preferences", "GET", "/account/notifications", everyone(LOGIN, 200)),
    Route("api.tokens_page", "GET", "/account/tokens", everyone(LOGIN, 200)),
    Route("api.revoke_token", "POST", "/account/tokens/{colleague_token.id}/revoke",
          everyone(LOGIN, 404)),
    Route("privacy.overview", "GET", "/account/data", everyone(LOGIN, 200)),
    Route("privacy.export", "GET", "/account/data/export.zip", everyone(LOGIN, 200)),
    # Organisation admin and platform admin are the only ones of their role in
    # the world's organisation: the page explains why they cannot leave yet.
    Route("privacy.delete_account", "GET", "/account/delete", everyone(LOGIN, 200)),
    Route("privacy.organisation_export", "GET", "/organisations/{own.slug}/export.zip",
          only({"org_admin": 200})),
    Route("privacy.organisation_export", "GET", "/organisations/{other.slug}/export.zip",
          only({})),
    Route("privacy.organisation_export", "GET", "/organisations/no-such-org/export.zip",
          only({}, denied=404)),
]
