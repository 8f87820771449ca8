"""Business-time arithmetic: when the clinic's promises fall due.

The one place the admin's "overdue" mark and any report of call-back times count working time,
so they never disagree. It counts whole working days (Monday to Friday) in the site's time zone;
counting a location's own opening hours would belong here too.
"""

from datetime import datetime, timedelta

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
