"""Training and capacity building (issue #5): programmes whose sessions are
events, enrolment, attendance, certificates with public verification,
self-assessment, the yearly needs assessment, dashboards and the donor
report (docs/trainings.md)."""

from flask import Flask
from flask_babel import format_date

from .forms import format_hours


def init_app(app: Flask) -> None:
    from ..search import register
    from .search import SOURCE

    register(SOURCE)
    app.config.setdefault("TRAININGS_VERIFY_LIMIT", "60 per minute")
    app.jinja_env.filters["training_day"] = lambda value: (format_date(value, "long")
                                                           if value else "")
    app.jinja_env.filters["training_hours"] = lambda minutes: format_hours(minutes or 0) or "0"
