"""Business-day arithmetic: when a call back is due."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from appointments.business_time import one_business_day_after

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime(2026, 11, 23, 10, 0), datetime(2026, 11, 24, 10, 0)),  # Monday → Tuesday
        (datetime(2026, 11, 27, 15, 0), datetime(2026, 11, 30, 15, 0)),  # Friday → Monday
        (datetime(2026, 11, 28, 9, 0), datetime(2026, 12, 1, 0, 0)),  # Saturday → end of Monday
    ],
)
def test_a_call_back_is_due_one_business_day_later(received, due):
    zone = ZoneInfo("America/New_York")

    assert one_business_day_after(received.replace(tzinfo=zone)) == due.replace(tzinfo=zone)
