"""Business time: the minutes a location is open, the clock the front desk's promises run on.

The admin's "waiting" and "overdue" marks, the alerts and the managers' report all count here,
so they never disagree. A location is open in its opening hours (`OpeningHours`) except on US
federal holidays and on its own closure days (`ClosureDay`). The holidays are the `holidays`
package's federal list for the United States (no state's own days), on the day each is
observed: Independence Day on a Saturday closes the Friday before as well. A location with no
hours entered counts the default ones, Monday to Friday 9 am to 5 pm, so that a request never
waits unflagged for ever. Every location is in the site's time zone (settings.TIME_ZONE).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

import holidays
from django.utils import timezone

from .opening_hours import spans_by_weekday

BUSINESS_HOUR = 60
# Eight business hours: from one moment to the same moment of the next day of default hours.
BUSINESS_DAY = 8 * 60

Span = tuple[time, time]
DEFAULT_WEEK: tuple[tuple[Span, ...], ...] = (((time(9), time(17)),),) * 5 + ((), ())
# However far ahead add_business_minutes looks for an open minute before it gives up.
LONGEST_LOOK_AHEAD = timedelta(days=3 * 366)


@cache
def federal_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.US(years=year, observed=True))


@dataclass(frozen=True)
class Schedule:
    """When one location is open: its spans by weekday (0 is Monday) and its closure days."""

    week: tuple[tuple[Span, ...], ...] = DEFAULT_WEEK
    closed_on: frozenset[date] = frozenset()

    @classmethod
    def of(cls, location) -> "Schedule":
        """The location's schedule; reads its prefetched hours and closures when it has them."""
        if location is None:
            return cls()
        week = spans_by_weekday(location.opening_spans)
        closed_on = frozenset(closure.date for closure in location.closure_days.all())
        return cls(week if any(week) else DEFAULT_WEEK, closed_on)

    def is_closed(self, day: date) -> bool:
        return day in self.closed_on or day in federal_holidays(day.year)

    def open_spans(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The day's open spans as moments in UTC (so that a change of clocks counts right)."""
        if self.is_closed(day):
            return
        zone = timezone.get_default_timezone()
        for opens, closes in self.week[day.weekday()]:
            yield (
                datetime.combine(day, opens, tzinfo=zone).astimezone(UTC),
                datetime.combine(day, closes, tzinfo=zone).astimezone(UTC),
            )

    def minutes_between(self, start: datetime, end: datetime) -> int:
        """Whole business minutes from `start` to `end` (0 when `end` is not after `start`)."""
        if end <= start:
            return 0
        open_time = timedelta()
        day, last_day = timezone.localdate(start), timezone.localdate(end)
        while day <= last_day:
            for opens, closes in self.open_spans(day):
                overlap = min(closes, end) - max(opens, start)
                if overlap > timedelta():
                    open_time += overlap
            day += timedelta(days=1)
        return int(open_time.total_seconds() // 60)

    def add_minutes(self, start: datetime, minutes: int) -> datetime:
        """The first moment at which `minutes` business minutes have passed since `start`."""
        remaining = timedelta(minutes=minutes)
        if remaining <= timedelta():
            return start
        day = timezone.localdate(start)
        give_up = day + LONGEST_LOOK_AHEAD
        while day <= give_up:
            for opens, closes in self.open_spans(day):
                begin = max(opens, start)
                if begin >= closes:
                    continue
                if begin + remaining <= closes:
                    return timezone.localtime(begin + remaining)
                remaining -= closes - begin
            day += timedelta(days=1)
        raise ValueError("The location is closed on every day of the next three years.")


def schedule_of(location) -> Schedule:
    """A location's schedule; None means the main location (the default hours if none)."""
    if location is None:
        # Imported here: site.py imports this module (and models.py, which imports it too).
        from .site import kept_main_schedule

        return kept_main_schedule()
    return Schedule.of(location)


def business_minutes(location, start: datetime, end: datetime) -> int:
    """Business minutes between two aware moments at a location (None: the main location).

    Give it locations from `Location.objects.with_hours()` when counting for many requests,
    so that their hours are not read once per call.
    """
    return schedule_of(location).minutes_between(start, end)


def add_business_minutes(location, start: datetime, minutes: int) -> datetime:
    """The moment `minutes` business minutes after `start` at a location: when something is due."""
    return schedule_of(location).add_minutes(start, minutes)


def as_hours_and_minutes(minutes: int) -> str:
    """E.g. “45 min”, “2 h 5 min”: business time as staff read it."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
