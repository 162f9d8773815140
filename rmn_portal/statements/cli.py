"""`flask --app rmn_portal statements …`: run from cron (e.g. every 15 minutes)."""

import click
from flask.cli import with_appcontext

from ..db import db


@click.group("statements")
def statements_group():
    """Joint statements."""


@statements_group.command("close-expired")
@with_appcontext
def close_expired():
    """Close sign-ons whose deadline has passed and send the reminders due
    48 hours before a deadline (each reminder only once)."""
    from . import signing

    closed = signing.close_expired()
    db.session.commit()
    reminded = signing.send_deadline_reminders()
    db.session.commit()
    click.echo(f"Closed {closed} sign-on(s); sent deadline reminders for {reminded} "
               "statement(s).")
