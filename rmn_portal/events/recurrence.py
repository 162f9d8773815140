"""Dates of a recurring event's occurrences (weekly or monthly).

Occurrences repeat the first one's wall-clock time in the event's time zone,
so a 10:00 meeting stays at 10:00 after the clocks change. A monthly event on
the 31st skips months without a 31st, as RFC 5545 (BYMONTHDAY) does.
"""

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from .models import Frequency

MAX_OCCURRENCES = 52
MAX_MONTHS_SCANNED = 12 * 10


class TooManyOccurrences(ValueError):
    pass


def occurrence_starts(first: datetime, tz: ZoneInfo, frequency: Frequency, *,
                      until: date | None = None, count: int | None = None) -> list[datetime]:
    """UTC start times of the series, the first included. Give `until` (a
    last day, inclusive, in `tz`) or `count`; more than MAX_OCCURRENCES is refused."""
    if until is None and count is None:
        raise ValueError("a series needs an end date or a number of occurrences")
    if count is not None and count > MAX_OCCURRENCES:
        raise TooManyOccurrences(count)
    local_first = first.astimezone(tz).replace(tzinfo=None)
    starts: list[datetime] = []
    for local in _wall_clock_times(local_first, frequency):
        if until is not None and local.date() > until:
            break
        if count is not None and len(starts) >= count:
            break
        if len(starts) >= MAX_OCCURRENCES:
            raise TooManyOccurrences(len(starts) + 1)
        # fold=0: a skipped wall time takes the offset from before the gap.
        starts.append(local.replace(tzinfo=tz, fold=0).astimezone(UTC))
    return starts


def _wall_clock_times(first: datetime, frequency: Frequency):
    if frequency is Frequency.WEEKLY:
        step = 0
        while True:
            yield first + timedelta(weeks=step)
            step += 1
    else:
        for months in range(MAX_MONTHS_SCANNED):
            year, month_index = divmod(first.month - 1 + months, 12)
            year += first.year
            month = month_index + 1
            if first.day <= calendar.monthrange(year, month)[1]:
                yield first.replace(year=year, month=month)
