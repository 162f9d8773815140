"""Scheduled work: reminders before events, and forgetting private answers.

Both are safe to run as often as you like (cron every 15 minutes is plenty):
a reminder is marked as sent in the same transaction that queues it, and the
purge only touches events it has not purged yet.
"""

from datetime import datetime, timedelta

from sqlalchemy import select, update

from .. import audit
from ..db import db, utcnow
from ..notify.services import notify
from .models import Event, EventStatus, Registration, RegistrationStatus

REMINDER_BEFORE = timedelta(hours=24)
PRIVATE_DATA_DAYS = 30
REMINDED = (RegistrationStatus.GOING, RegistrationStatus.MAYBE)


def send_reminders(now: datetime | None = None) -> int:
    """Remind people who are going (or might) of events starting within 24
    hours. Returns the number of reminders queued; never reminds twice."""
    now = now or utcnow()
    due = (
        select(Registration)
        .join(Event, Event.id == Registration.event_id)
        .where(Event.status == EventStatus.SCHEDULED, Event.starts_at > now,
               Event.starts_at <= now + REMINDER_BEFORE, Registration.status.in_(REMINDED),
               Registration.reminded_at.is_(None))
        .order_by(Event.starts_at, Registration.id)
        # A second run at the same moment skips the rows this one is handling.
        .with_for_update(of=Registration, skip_locked=True)
    )
    sent = 0
    for registration in db.session.scalars(due):
        registration.reminded_at = now
        if registration.user.active:
            notify(registration.user, "events.reminder", "events/email/reminder",
                   url=registration.event.path, event=registration.event,
                   registration=registration)
            sent += 1
    db.session.flush()
    return sent


def purge_private_data(now: datetime | None = None,
                       days: int = PRIVATE_DATA_DAYS) -> tuple[int, int]:
    """Delete accessibility needs and dietary requirements of events that
    ended more than `days` ago. Returns (events, registrations) purged."""
    now = now or utcnow()
    event_ids = list(db.session.scalars(select(Event.id).where(
        Event.ends_at < now - timedelta(days=days), Event.private_purged_at.is_(None))))
    if not event_ids:
        return 0, 0
    result = db.session.execute(
        update(Registration)
        .where(Registration.event_id.in_(event_ids),
               (Registration.accessibility_needs != "") | (Registration.dietary_requirements
                                                           != ""))
        .values(accessibility_needs="", dietary_requirements="")
        .execution_options(synchronize_session="fetch"))
    db.session.execute(update(Event).where(Event.id.in_(event_ids))
                       .values(private_purged_at=now)
                       .execution_options(synchronize_session="fetch"))
    audit.record(None, "events.private_data_purged", None, events=len(event_ids),
                 registrations=result.rowcount)
    return len(event_ids), result.rowcount
