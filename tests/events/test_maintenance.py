"""Reminders 24 hours before, and forgetting private answers 30 days after."""

from datetime import timedelta

from sqlalchemy import select

from rmn_portal.db import db, utcnow
from rmn_portal.events import maintenance, services
from rmn_portal.events.models import Registration
from rmn_portal.notify.models import Notification, OutboxMessage
from tests.factories import Factory

from .helpers import make_event


def reminders(db_session):
    return db_session.scalars(select(Notification).where(
        Notification.kind == "events.reminder").order_by(Notification.id)).all()


def test_reminders_go_once_to_people_going_to_events_within_24_hours(db_session, organiser,
                                                                     members, make):
    now = utcnow()
    tomorrow = make_event(organiser, title="Tomorrow", starts_at=now + timedelta(hours=20))
    later = make_event(organiser, title="Next week", starts_at=now + timedelta(days=7))
    called_off = make_event(organiser, title="Called off", starts_at=now + timedelta(hours=5))
    going, maybe, no = members
    services.rsvp(going, tomorrow, "going")
    services.rsvp(maybe, tomorrow, "maybe")
    services.rsvp(no, tomorrow, "not_going")
    services.rsvp(going, later, "going")
    services.rsvp(going, called_off, "going")
    services.cancel_event(organiser, called_off)

    assert maintenance.send_reminders(now) == 2
    sent = reminders(db_session)
    assert {n.user_id for n in sent} == {going.id, maybe.id}
    assert all(n.title == "Reminder: Tomorrow" for n in sent)
    assert maintenance.send_reminders(now) == 0
    assert maintenance.send_reminders(now + timedelta(hours=1)) == 0
    assert len(reminders(db_session)) == 2
    # The e-mail says when in the recipient's own time zone.
    mail = db_session.scalar(select(OutboxMessage).where(OutboxMessage.to_address
                                                         == going.email,
                                                         OutboxMessage.kind
                                                         == "events.reminder"))
    assert "(UTC+" in mail.body_text and "Tomorrow" in mail.subject


def test_a_moved_event_is_reminded_again_before_its_new_time(db_session, organiser, members):
    now = utcnow()
    event = make_event(organiser, starts_at=now + timedelta(hours=10))
    services.rsvp(members[0], event, "going")
    assert maintenance.send_reminders(now) == 1
    services.update_event(organiser, event, starts_at=now + timedelta(days=3),
                          ends_at=now + timedelta(days=3, hours=2))
    assert maintenance.send_reminders(now) == 0
    assert maintenance.send_reminders(now + timedelta(days=2, hours=1)) == 1


def test_private_answers_are_deleted_30_days_after_the_event(db_session, organiser, members):
    event = make_event(organiser, starts_at=utcnow() + timedelta(hours=1))
    registration = services.rsvp(members[0], event, "going", accessibility_needs="Ramp",
                                 dietary_requirements="Halal", answers={})
    ended = event.ends_at
    assert maintenance.purge_private_data(ended + timedelta(days=29)) == (0, 0)
    assert registration.accessibility_needs == "Ramp"
    assert maintenance.purge_private_data(ended + timedelta(days=31)) == (1, 1)
    db_session.refresh(registration)
    db_session.refresh(event)
    assert (registration.accessibility_needs, registration.dietary_requirements) == ("", "")
    assert event.private_purged_at is not None
    assert registration.status.value == "going"  # the registration itself stays
    assert maintenance.purge_private_data(ended + timedelta(days=32)) == (0, 0)


def test_cli_commands(fresh_app):
    """The cron entry points, run as an operator would, on committed data."""
    with fresh_app.app_context():
        make = Factory(db.session)
        organiser = make.user(make.org())
        person = make.user(make.org())
        soon_event = make_event(organiser, starts_at=utcnow() + timedelta(hours=3))
        services.rsvp(person, soon_event, "going", dietary_requirements="Vegan")
        old = make_event(organiser, starts_at=utcnow() + timedelta(hours=1))
        services.rsvp(person, old, "going", accessibility_needs="Hearing loop")
        old.starts_at = utcnow() - timedelta(days=40)
        old.ends_at = utcnow() - timedelta(days=40) + timedelta(hours=2)
        db.session.commit()

    runner = fresh_app.test_cli_runner()
    first = runner.invoke(args=["events", "send-reminders"])
    second = runner.invoke(args=["events", "send-reminders"])
    assert first.exit_code == 0 and "Queued 1 reminder(s)." in first.output
    assert "Queued 0 reminder(s)." in second.output
    purge = runner.invoke(args=["events", "purge-private"])
    assert purge.exit_code == 0
    assert "Purged private answers of 1 registration(s) in 1 event(s)." in purge.output
    assert runner.invoke(args=["events", "purge-private", "--days", "-1"]).exit_code != 0

    with fresh_app.app_context():
        kept = {r.event_id: (r.accessibility_needs, r.dietary_requirements)
                for r in db.session.scalars(select(Registration))}
        assert sorted(kept.values()) == [("", ""), ("", "Vegan")]
        assert db.session.scalar(select(Notification.title).where(
            Notification.kind == "events.reminder")).startswith("Reminder:")
