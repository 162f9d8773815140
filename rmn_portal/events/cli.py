"""`flask --app rmn_portal events …`: the jobs to run from cron."""

import click
from flask.cli import with_appcontext

from ..db import db
from . import maintenance


@click.group("events")
def events_group():
    """Events: reminders and privacy housekeeping."""


@events_group.command("send-reminders")
@with_appcontext
def send_reminders():
    """Remind participants of events starting within 24 hours (never twice)."""
    sent = maintenance.send_reminders()
    db.session.commit()
    click.echo(f"Queued {sent} reminder(s).")


@events_group.command("purge-private")
@click.option("--days", default=maintenance.PRIVATE_DATA_DAYS, show_default=True,
              help="Delete private answers this many days after an event ends")
@with_appcontext
def purge_private(days):
    """Delete accessibility needs and dietary requirements after events."""
    if days < 0:
        raise click.BadParameter("must be 0 or more", param_hint="--days")
    events, registrations = maintenance.purge_private_data(days=days)
    db.session.commit()
    click.echo(f"Purged private answers of {registrations} registration(s) "
               f"in {events} event(s).")
