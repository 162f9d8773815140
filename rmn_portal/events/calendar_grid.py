"""The month grid: weeks of days in the reader's time zone, each with the
events that touch it (a three-day conference shows on all three days).

A day cell lists the first few events and says how many more there are; the
link leads to the agenda from that day. A busy month stays a readable grid
(and a page of bounded size) instead of hundreds of titles. The grid is
placed from the times of every event of its weeks (`queries.grid_times`), so
each day's count is exact however busy the month; only the events shown are
loaded whole.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .localtime import local_midnight
from .models import Event

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
DAY_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
EVENTS_PER_DAY = 4


@dataclass
class Day:
    day: date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)  # placed as rows, then `fill`ed
    more: int = 0  # events of this day beyond EVENTS_PER_DAY

    def add(self, event) -> None:
        if len(self.events) < EVENTS_PER_DAY:
            self.events.append(event)
        else:
            self.more += 1


def parse_month(value: str | None, today: date) -> date:
    """The first day of the month named "YYYY-MM" (else the current month)."""
    match = MONTH_PATTERN.match(value or "")
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1900 < year < 3000 and 1 <= month <= 12:
            return date(year, month, 1)
    return today.replace(day=1)


def parse_day(value: str | None) -> date | None:
    """The day named "YYYY-MM-DD", or None."""
    match = DAY_PATTERN.match(value or "")
    if not match:
        return None
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:  # 2027-02-30
        return None
    return day if 1900 < day.year < 3000 else None


def shown_ids(weeks: list[list[Day]]) -> list[int]:
    """The events the grid shows, each once."""
    return list(dict.fromkeys(event.id for week in weeks for day in week
                              for event in day.events))


def fill(weeks: list[list[Day]], events: list[Event]) -> None:
    """Put the loaded events in the cells in place of the (id, starts_at,
    ends_at) rows the grid was placed with; one deleted meanwhile drops out."""
    loaded = {event.id: event for event in events}
    for week in weeks:
        for day in week:
            day.events = [loaded[row.id] for row in day.events if row.id in loaded]


def shift_month(first: date, months: int) -> date:
    year, index = divmod(first.month - 1 + months, 12)
    return date(first.year + year, index + 1, 1)


def grid_days(first: date) -> tuple[date, date]:
    """First and last day shown: whole weeks, Monday to Sunday."""
    start = first - timedelta(days=first.weekday())
    last_of_month = shift_month(first, 1) - timedelta(days=1)
    end = last_of_month + timedelta(days=6 - last_of_month.weekday())
    return start, end


def grid_bounds(first: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants the grid covers (for the query)."""
    start, end = grid_days(first)
    return local_midnight(start, tz), local_midnight(end + timedelta(days=1), tz)


def month_grid(first: date, events: list, tz: ZoneInfo, today: date) -> list[list[Day]]:
    """The weeks of the grid with `events` (anything with id, starts_at and
    ends_at) placed on the local days they touch."""
    start, end = grid_days(first)
    days: dict[date, Day] = {}
    current = start
    while current <= end:
        days[current] = Day(current, current.month == first.month, current == today)
        current += timedelta(days=1)
    for event in events:
        for day in _local_days(event, tz):
            if day in days:
                days[day].add(event)
    ordered = list(days.values())
    return [ordered[index:index + 7] for index in range(0, len(ordered), 7)]


def _local_days(event, tz: ZoneInfo):
    day = event.starts_at.astimezone(tz).date()
    # An event ending at midnight does not spill into the next day.
    last = (event.ends_at.astimezone(tz) - timedelta(microseconds=1)).date()
    while day <= last:
        yield day
        day += timedelta(days=1)
