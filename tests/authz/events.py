"""Authorisation matrix rows for events.

The world gains an organisation-only event of the own organisation (created by
a colleague, so no actor is its author) and an organisation-only event of the
other organisation, both in the future, each with a registration.
"""

from datetime import timedelta

from rmn_portal.content import Visibility
from rmn_portal.db import utcnow
from rmn_portal.events import registrations, services
from rmn_portal.events.models import Response

from . import LOGIN, Route, everyone, table


def _event(author, title):
    start = utcnow().replace(microsecond=0) + timedelta(days=14)
    return services.create_event(author, title=title, starts_at=start,
                                 ends_at=start + timedelta(hours=2), city="Beograd",
                                 country="RS", visibility=Visibility.ORGANISATION, capacity=20)


def populate(world, make):
    world.own_event = _event(world.colleague, "Own meeting")
    world.other_event = _event(world.outsider, "Other meeting")
    world.own_registration = registrations.rsvp(world.colleague, world.own_event,
                                                Response.GOING)
    world.other_registration = registrations.rsvp(world.outsider, world.other_event,
                                                  Response.GOING)
    make.session.flush()


OWN = "/events/{own_event.id}"
OTHER = "/events/{other_event.id}"
# Own organisation's event: members read it; its organisation admin, the
# coordinators and the platform admin (moderation) organise it.
ORGANISERS = table(LOGIN, 403, 200, 200, 200)
HIDDEN = table(LOGIN, 404, 404, 404, 404)

ROUTES = [
    Route("events.create", "GET", "/events/new", everyone(LOGIN, 200)),
    Route("events.manage_subscription", "GET", "/events/subscriptions", everyone(LOGIN, 200)),
    Route("events.regenerate_subscription", "POST", "/events/subscriptions/regenerate",
          everyone(LOGIN, None)),
    Route("events.revoke_subscription", "POST", "/events/subscriptions/revoke",
          everyone(LOGIN, 302)),
    Route("events.rsvp", "POST", OTHER + "/rsvp", HIDDEN, data={"response": "going"}),
    Route("events.edit", "GET", OWN + "/edit", ORGANISERS),
    Route("events.edit", "GET", OTHER + "/edit", HIDDEN),
    Route("events.cancel", "GET", OWN + "/cancel", ORGANISERS),
    Route("events.cancel", "GET", OTHER + "/cancel", HIDDEN),
    Route("events.participants", "GET", OWN + "/participants", ORGANISERS),
    Route("events.participants", "GET", OTHER + "/participants", HIDDEN),
    Route("events.decide", "POST", OWN + "/registrations/{own_registration.id}/approve",
          table(LOGIN, 403, None, None, None)),
    Route("events.decide", "POST", OTHER + "/registrations/{other_registration.id}/approve",
          HIDDEN),
    Route("events.export", "GET", OWN + "/participants.csv", ORGANISERS),
    Route("events.export", "GET", OTHER + "/participants.xlsx", HIDDEN),
    Route("events.sign_in_sheet", "GET", OWN + "/sign-in-sheet", ORGANISERS),
    Route("events.sign_in_sheet", "GET", OTHER + "/sign-in-sheet", HIDDEN),
    Route("events.attendance", "GET", OWN + "/attendance", ORGANISERS),
    Route("events.attendance", "GET", OTHER + "/attendance", HIDDEN),
    Route("events.outcome", "POST", OWN + "/outcome", table(LOGIN, 403, None, None, None),
          data={"outcome_notes": "Went well"}),
    Route("events.outcome", "POST", OTHER + "/outcome", HIDDEN,
          data={"outcome_notes": "Went well"}),
]
