"""Template filters of the statements feature."""

from datetime import date

from flask_babel import format_date


def format_day(value: date | None, format: str = "long") -> str:
    """A calendar date (a deadline) in the reader's language; no time zone
    shift, because a date is not a moment."""
    return format_date(value, format) if value else ""
