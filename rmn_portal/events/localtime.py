"""Wall-clock time in a person's time zone: reading form input, showing ranges.

Events are stored in UTC. People type and read times in their own zone, and
twice a year that zone skips or repeats an hour: a skipped time (late March)
is refused with a clear message, a repeated one (late October) means its
first occurrence, as calendar programs do.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_time, get_day_names
from flask import current_app
from flask_babel import get_locale, get_timezone

DEFAULT_ZONE = "Europe/Belgrade"


class NonexistentTime(ValueError):
    """The clocks skip this wall-clock time (the spring change)."""


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def reader_zone() -> ZoneInfo:
    """The reader's zone: their profile setting, else the portal default."""
    selected = get_timezone()
    name = getattr(selected, "zone", None) or (str(selected) if selected else None)
    return zone(name or current_app.config.get("DEFAULT_TIMEZONE"))


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A naive wall-clock time in `tz` as an aware UTC time."""
    aware = local.replace(tzinfo=tz, fold=0)
    in_utc = aware.astimezone(UTC)
    if in_utc.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NonexistentTime(local)
    return in_utc


def to_local(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    """An aware time as a naive wall-clock time in `tz` (to fill a form)."""
    return value.astimezone(tz).replace(tzinfo=None) if value else None


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant at which `day` begins in `tz`."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def shift_wall_clock(value: datetime, delta: timedelta, tz: ZoneInfo) -> datetime:
    """Move an aware time by `delta` of wall-clock time in `tz`: a meeting
    moved from 10:00 to 11:00 stays at 11:00 on both sides of a clock change.
    A wall time the clocks skip takes the offset from before the gap (as
    RFC 5545 prescribes)."""
    local = value.astimezone(tz).replace(tzinfo=None) + delta
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def utc_offset_label(value: datetime) -> str:
    """"UTC+2", "UTC+1", "UTC+5:30": short, unambiguous and language-neutral."""
    offset = value.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _as_zone(tz: ZoneInfo | str | None) -> ZoneInfo:
    if isinstance(tz, ZoneInfo):
        return tz
    return zone(tz) if tz else reader_zone()


# Babel rebuilds a pattern's pieces on every call (the day-period names alone
# cost 60 µs): the month grid formats 170 clocks a page. A short time depends
# only on hour, minute and language, a full date on the day and language.
@lru_cache(maxsize=4096)
def _short_time(hour: int, minute: int, locale: str) -> str:
    return format_time(time(hour, minute), "short", locale=locale)


@lru_cache(maxsize=4096)
def _full_date(day: date, locale: str) -> str:
    return format_date(day, "full", locale=locale)


def _locale() -> str:
    return str(get_locale() or "en")


def _clock(local: datetime, locale: str) -> str:
    return _short_time(local.hour, local.minute, locale)


def format_range(start: datetime, end: datetime, tz: ZoneInfo | str | None = None, *,
                 with_day: bool = True) -> str:
    """"Sunday, 29 March 2026, 10:00–12:00 (UTC+2)" in the reader's language;
    without the day ("10:00–12:00 (UTC+2)") under a heading that names it."""
    tz = _as_zone(tz)
    locale = _locale()
    start_local, end_local = start.astimezone(tz), end.astimezone(tz)
    start_day = _full_date(start_local.date(), locale)
    start_time, end_time = _clock(start_local, locale), _clock(end_local, locale)
    if start_local.date() == end_local.date() and start_local.utcoffset() == end_local.utcoffset():
        hours = f"{start_time}–{end_time} ({utc_offset_label(start_local)})"
        return f"{start_day}, {hours}" if with_day else hours
    end_day = _full_date(end_local.date(), locale)
    return (f"{start_day}, {start_time} ({utc_offset_label(start_local)}) – "
            f"{end_day}, {end_time} ({utc_offset_label(end_local)})")


def format_moment(value: datetime, tz: ZoneInfo | str | None = None) -> str:
    locale = _locale()
    local = value.astimezone(_as_zone(tz))
    return (f"{_full_date(local.date(), locale)}, "
            f"{_clock(local, locale)} ({utc_offset_label(local)})")


def format_day(day: date) -> str:
    return _full_date(day, _locale())


def format_month(day: date) -> str:
    return format_date(day, "LLLL y", locale=_locale())


def format_clock(value: datetime, tz: ZoneInfo | str | None = None) -> str:
    return _clock(value.astimezone(_as_zone(tz)), _locale())


def weekday_names() -> list[tuple[str, str]]:
    """(abbreviated, full) names, Monday first (the custom in the region)."""
    locale = get_locale() or "en"
    short = get_day_names("abbreviated", locale=locale)
    full = get_day_names("wide", locale=locale)
    return [(short[index], full[index]) for index in range(7)]
