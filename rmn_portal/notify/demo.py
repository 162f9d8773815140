"""Demo data: e-mail preferences that show the digests at work, and a
welcome notification in every demo member's notification centre."""

from sqlalchemy import exists, select

from ..db import db
from .models import Frequency, Notification
from .services import notify, set_preferences

WELCOME = "notify/email/welcome"


def seed(context) -> None:
    first_org = context.orgs[0].slug
    # One member reads comments and changes in a daily digest, an admin weekly.
    set_preferences(context.members[first_org][0], {
        "statements.comment": Frequency.DAILY, "events.changed": Frequency.DAILY})
    set_preferences(context.org_admins[first_org], {"statements.comment": Frequency.WEEKLY})
    people = [context.admin, *context.coordinators, *context.org_admins.values(),
              *(member for members in context.members.values() for member in members)]
    for person in people:
        welcomed = db.session.scalar(select(exists().where(
            Notification.user_id == person.id, Notification.kind == "portal.welcome")))
        if not welcomed:
            notify(person, "portal.welcome", WELCOME, url="/account/notifications")
