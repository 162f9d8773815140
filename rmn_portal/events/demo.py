"""Fictional demo events (`flask seed-demo`): a recurring coordination call,
workshops, a public webinar, an advocacy action awaiting approvals, a
cancelled open day and a past conference with attendance and outcomes.

Dates are relative to today, so the calendar always looks alive. Seeding is
idempotent: each demo event has a fixed UID and is only created once.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..content import Visibility
from ..db import db, utcnow
from .models import Event, EventFormat, EventKind, Frequency, Registration, RegistrationStatus
from .services import Repeat, cancel_event, create_event, record_attendance, rsvp, set_outcome

TZ = ZoneInfo("Europe/Belgrade")


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Belgrade, `days` from today, as UTC."""
    day = date.today() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=TZ).astimezone(ZoneInfo("UTC"))


def _exists(uid: str) -> bool:
    return db.session.scalar(select(Event.id).where(Event.uid == uid)) is not None


def _event(uid: str, actor, *, org=None, coorganisers=(), repeat=None, **fields) -> Event | None:
    if _exists(uid):
        return None
    event = create_event(actor, org=org, coorganisers=coorganisers, repeat=repeat, **fields)
    event.uid = uid
    db.session.flush()
    return event


def seed(context) -> None:
    by_slug = {org.slug: org for org in context.orgs}
    coordinator = context.coordinators[0]
    members = [person for people in context.members.values() for person in people]
    _coordination_call(coordinator)
    _workshop(context, by_slug, members)
    _webinar(context, by_slug, members)
    _advocacy_action(coordinator, by_slug, members)
    _cancelled_open_day(context, by_slug, members)
    _past_conference(context, by_slug, members)
    _internal_meeting(context, by_slug)


def _coordination_call(coordinator) -> None:
    days_to_tuesday = (1 - date.today().weekday()) % 7 or 7
    _event("demo-coordination-call@rmn-portal", coordinator,
           title="Weekly coordination call", kind=EventKind.MEETING,
           format=EventFormat.ONLINE, online_url="https://meet.example.org/rmn-coordination",
           starts_at=_at(days_to_tuesday, 10), ends_at=_at(days_to_tuesday, 11, 30),
           visibility=Visibility.NETWORK, languages=["en", "sr"],
           description="Weekly call of the member organisations: updates from each country, "
                       "joint advocacy, and anything urgent.\n\n**Agenda** is shared a week "
                       "before in the Resources section.",
           repeat=Repeat(Frequency.WEEKLY, count=8))


def _workshop(context, by_slug, members) -> None:
    event = _event(
        "demo-referral-workshop@rmn-portal", context.org_admins["luka-collective"],
        coorganisers=[by_slug["drina-rights"]],
        title="Workshop: safe referral pathways for LGBTI+ asylum seekers",
        kind=EventKind.WORKSHOP, format=EventFormat.IN_PERSON,
        venue="Hotel Europa, Vladislava Skarića 5", city="Sarajevo", country="BA",
        starts_at=_at(12, 9, 30), ends_at=_at(12, 16), registration_deadline=_at(9, 23, 59),
        capacity=6, visibility=Visibility.NETWORK, languages=["sr", "en"],
        questions=[{"label": "Which afternoon session do you prefer?",
                    "choices": ["Case referrals", "Safe housing"], "required": True}],
        description="A one-day workshop for caseworkers: mapping referral pathways between "
                    "shelters, legal aid and health services, and keeping people safe while "
                    "they move between them.\n\nLunch is provided.")
    if event is not None:
        for person in members[:7]:
            rsvp(person, event, "going", answers={"q1": "Case referrals"},
                 dietary_requirements="Vegetarian" if person.id % 3 == 0 else "",
                 share_with_participants=person.id % 2 == 0)


def _webinar(context, by_slug, members) -> None:
    event = _event(
        "demo-reporting-webinar@rmn-portal", context.org_admins["ylber-shelter"],
        title="Public webinar: reporting on LGBTI+ refugees without putting them at risk",
        kind=EventKind.WEBINAR, format=EventFormat.ONLINE,
        online_url="https://meet.example.org/rmn-webinar-reporting",
        starts_at=_at(19, 14), ends_at=_at(19, 15, 30), visibility=Visibility.PUBLIC,
        languages=["en", "sq", "sr"],
        description="For journalists and communication staff: what to leave out, how to "
                    "get consent, and how small details can identify a person.")
    if event is not None:
        for person in members[8:14]:
            rsvp(person, event, "going" if person.id % 2 else "maybe")


def _advocacy_action(coordinator, by_slug, members) -> None:
    event = _event(
        "demo-upr-submission@rmn-portal", coordinator, org=by_slug["iris-collective"],
        coorganisers=[by_slug["safe-harbour"], by_slug["vardar-rights-house"]],
        title="Advocacy action: joint submission to the Universal Periodic Review",
        kind=EventKind.ADVOCACY_ACTION, format=EventFormat.HYBRID,
        venue="Iris Collective office", city="Beograd", country="RS",
        online_url="https://meet.example.org/rmn-upr", starts_at=_at(26, 11),
        ends_at=_at(26, 17), capacity=10, requires_approval=True,
        visibility=Visibility.NETWORK, languages=["en"],
        description="Drafting day for the network's joint UPR submission. The organisers "
                    "approve participants so that each country is represented.")
    if event is not None:
        for person in members[14:18]:
            rsvp(person, event, "going", accessibility_needs="Step-free access"
                 if person.id % 4 == 0 else "")


def _cancelled_open_day(context, by_slug, members) -> None:
    admin = context.org_admins["adriatic-pride-aid"]
    event = _event(
        "demo-open-day@rmn-portal", admin, title="Legal clinic open day", kind=EventKind.OTHER,
        format=EventFormat.IN_PERSON, venue="Adriatic Pride Aid", city="Podgorica",
        country="ME", starts_at=_at(8, 10), ends_at=_at(8, 14), visibility=Visibility.PUBLIC,
        languages=["sr", "en"], description="Free consultations with our lawyers.")
    if event is not None:
        rsvp(members[20], event, "going")
        cancel_event(admin, event, reason="Our lawyers are needed at the border that week; "
                                          "we will announce a new date soon.")


def _past_conference(context, by_slug, members) -> None:
    uid = "demo-annual-meeting@rmn-portal"
    if _exists(uid):
        return
    admin = context.org_admins["vardar-rights-house"]
    # Created as a future event, then moved into the past as history.
    event = create_event(
        admin, title="Annual network meeting", kind=EventKind.CONFERENCE,
        format=EventFormat.IN_PERSON, venue="Hotel Bristol", city="Skopje", country="MK",
        starts_at=_at(40, 9), ends_at=_at(41, 17), visibility=Visibility.NETWORK,
        capacity=40, languages=["en", "sr", "mk", "sq"],
        description="Two days of strategy, country reports and peer exchange.")
    event.uid = uid
    attendees = members[:12]
    for index, person in enumerate(attendees):
        db.session.add(Registration(event_id=event.id, user_id=person.id,
                                    status=RegistrationStatus.GOING,
                                    share_with_participants=index % 2 == 0))
    event.starts_at, event.ends_at = _at(-45, 9), _at(-44, 17)
    db.session.flush()
    record_attendance(admin, event, [person.id for person in attendees[:10]], now=utcnow())
    set_outcome(admin, event, "- Agreed a joint position on accelerated procedures.\n"
                              "- Three new shelters joined the referral map.\n"
                              "- Next meeting: Tirana, hosted by Ylber Shelter.")


def _internal_meeting(context, by_slug) -> None:
    _event("demo-iris-planning@rmn-portal", context.org_admins["iris-collective"],
           title="Iris team: planning the winter programme", kind=EventKind.MEETING,
           format=EventFormat.IN_PERSON, venue="Iris Collective office", city="Beograd",
           country="RS", starts_at=_at(5, 15), ends_at=_at(5, 17),
           visibility=Visibility.ORGANISATION, languages=["sr"],
           description="Internal planning; only Iris staff see this event.")
