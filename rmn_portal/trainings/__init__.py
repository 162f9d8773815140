"""Training and capacity building (issue #5): programmes whose sessions are
events, enrolment, attendance, certificates with public verification,
self-assessment, the yearly needs assessment, dashboards and the donor
report (docs/trainings.md)."""

from flask import Flask
from flask_babel import format_date

from .forms import format_hours


def init_app(app: Flask) -> None:
    from .. import cache
    from ..events.models import Event
    from ..search import register
    from . import models
    from .network import NAMESPACE
    from .search import SOURCE

    register(SOURCE)
    # What the network dashboard counts: attendance, enrolments, certificates,
    # sessions (and their events' status), programmes' competencies, needs
    # ratings and self-assessments. (A person moving to another organisation
    # shows when the cached figures expire.)
    cache.invalidate_on_change(NAMESPACE, models.Attendance, models.Enrolment,
                               models.Certificate, models.TrainingSession, Event,
                               models.Programme, models.NeedsRating, models.SelfAssessment)
    app.config.setdefault("TRAININGS_VERIFY_LIMIT", "60 per minute")
    app.jinja_env.filters["training_day"] = lambda value: (format_date(value, "long")
                                                           if value else "")
    app.jinja_env.filters["training_hours"] = lambda minutes: format_hours(minutes or 0) or "0"
