"""Notifications: the outbox, the in-app centre, preferences and digests.

`flask --app rmn_portal send-digests` queues the daily and weekly digests that
are due (run it hourly or daily from cron; `send-mail` then delivers them).
"""

import click
from flask import Flask, g
from flask.cli import with_appcontext
from flask_login import current_user


def init_app(app: Flask) -> None:
    app.cli.add_command(send_digests_command)
    app.jinja_env.globals["unread_notifications"] = _unread_for_current_user


def _unread_for_current_user() -> int:
    """Counted once per request: the header and the dashboard both show it."""
    from .services import unread_count

    if not current_user or not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


@click.command("send-digests")
@with_appcontext
def send_digests_command():
    """Queue the daily and weekly notification digests that are due."""
    from .digests import send_digests

    report = send_digests()
    click.echo(f"Queued {report.digests} digest(s) with {report.items} notification(s); "
               f"{report.skipped} notification(s) not mailed.")
