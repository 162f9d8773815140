"""Events: the network's shared calendar, with RSVPs, waiting lists,
attendance and iCalendar feeds (docs/events.md)."""

from flask import Flask

from ..orgs.models import COUNTRIES
from . import localtime


def init_app(app: Flask) -> None:
    from ..search import register
    from .cli import events_group
    from .search import SOURCE

    register(SOURCE)

    app.cli.add_command(events_group)
    app.jinja_env.filters.update(
        event_range=lambda event, tz=None: localtime.format_range(event.starts_at,
                                                                  event.ends_at, tz),
        event_hours=lambda event, tz=None: localtime.format_range(event.starts_at, event.ends_at,
                                                                  tz, with_day=False),
        event_moment=lambda value, tz=None: localtime.format_moment(value, tz) if value else "",
        event_day=localtime.format_day,
        event_month=localtime.format_month,
        event_clock=localtime.format_clock,
        event_country=lambda code: str(COUNTRIES.get(code, code or "")),
    )
    app.jinja_env.globals["event_weekdays"] = localtime.weekday_names
