"""Business-time arithmetic: when the clinic's promises fall due.

The one place the admin's "overdue" mark and any report of call-back times count working time,
so they never disagree. It counts whole working days (Monday to Friday) in the site's time zone;
counting a location's own opening hours would belong here too.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

SATURDAY = 5


def one_business_day_after(moment: datetime) -> datetime:
    """Same time on the next working day (Monday to Friday); weekends count from Monday 0:00."""
    local = timezone.localtime(moment)
    if local.weekday() >= SATURDAY:
        local = (local + timedelta(days=7 - local.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
    due = local + timedelta(days=1)
    while due.weekday() >= SATURDAY:
        due += timedelta(days=1)
    return due


# Business minutes on today's rule: every minute of Monday to Friday counts, in the site's time
# zone, at every location. Opening hours and closed days replace this rule (the `location`
# argument is for them); until then the front desk's alerts and hints use it.


def _working_day_spans(start: datetime):
    """From `start` on: (begin, end) of each working day's time, in order, without end."""
    zone = timezone.get_current_timezone()
    day = timezone.localtime(start).date()
    while True:
        day_begin = datetime.combine(day, time.min, zone)
        next_begin = datetime.combine(day + timedelta(days=1), time.min, zone)
        if day.weekday() < SATURDAY:
            yield max(start, day_begin), next_begin
        day += timedelta(days=1)


def business_minutes(location, start: datetime, end: datetime) -> int:
    """Whole business minutes from `start` to `end` (0 when `end` is not after `start`)."""
    counted = timedelta()
    for begin, until in _working_day_spans(start):
        if begin >= end:
            break
        counted += min(until, end) - begin
    return int(counted.total_seconds() // 60)


def add_business_minutes(location, start: datetime, minutes: int) -> datetime:
    """The moment `minutes` business minutes after `start`."""
    left = timedelta(minutes=minutes)
    for begin, until in _working_day_spans(start):
        if begin + left <= until:
            return begin + left
        left -= until - begin
    raise AssertionError("unreachable: working days never run out")
