"""Business time (appointments/business_time.py): the minutes a location is open, and when a
call back falls due. The factory's location opens Monday to Friday 7 am – 7 pm and Saturday
8 am – 1 pm; the site's time zone is New York's."""

from datetime import datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from appointments.business_time import (
    BUSINESS_DAY,
    BUSINESS_HOUR,
    add_business_minutes,
    as_hours_and_minutes,
    business_minutes,
)
from appointments.models import Location
from tests.factories import AppointmentRequestFactory, ClosureDayFactory, LocationFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS_ONLY = [(weekday, time(7), time(19)) for weekday in range(5)]


def at(*args) -> datetime:
    return datetime(*args, tzinfo=NEW_YORK)


def test_a_weekend_counts_only_saturday_morning(location):
    friday_evening, monday_morning = at(2026, 11, 20, 18), at(2026, 11, 23, 8)

    # Friday 6–7 pm, Saturday 8 am – 1 pm, Monday 7–8 am.
    assert business_minutes(location, friday_evening, monday_morning) == 60 + 5 * 60 + 60


def test_a_weekend_counts_nothing_where_the_clinic_is_closed_saturdays():
    location = LocationFactory(opening_hours=WEEKDAYS_ONLY)

    assert business_minutes(location, at(2026, 11, 20, 18), at(2026, 11, 23, 8)) == 120


def test_a_federal_holiday_counts_nothing(location):
    # Thanksgiving, Thursday 26 November 2026.
    wednesday_evening, friday_morning = at(2026, 11, 25, 18), at(2026, 11, 27, 8)

    assert business_minutes(location, wednesday_evening, friday_morning) == 120


def test_a_holiday_is_closed_on_the_day_it_is_observed(location):
    # Independence Day 2026 is a Saturday: observed on Friday 3 July.
    assert business_minutes(location, at(2026, 7, 3, 0), at(2026, 7, 3, 23)) == 0


def test_a_closure_day_counts_nothing(location):
    ClosureDayFactory(location=location, date=at(2026, 12, 8).date(), reason="Staff training")
    monday_evening, wednesday_morning = at(2026, 12, 7, 18), at(2026, 12, 9, 8)

    assert business_minutes(location, monday_evening, wednesday_morning) == 120


def test_another_locations_closure_day_does_not_count(location):
    ClosureDayFactory(date=at(2026, 12, 8).date())

    assert business_minutes(location, at(2026, 12, 8, 9), at(2026, 12, 8, 10)) == 60


def test_a_request_that_arrives_at_night_waits_from_the_opening(location):
    tuesday_night = at(2026, 12, 1, 23, 30)

    assert business_minutes(location, tuesday_night, at(2026, 12, 2, 6, 59)) == 0
    assert business_minutes(location, tuesday_night, at(2026, 12, 2, 7, 30)) == 30
    assert add_business_minutes(location, tuesday_night, BUSINESS_HOUR) == at(2026, 12, 2, 8)


def test_a_lunch_break_is_not_counted():
    location = LocationFactory(opening_hours=[(0, time(8), time(12)), (0, time(13), time(17))])

    assert business_minutes(location, at(2026, 11, 30, 11), at(2026, 11, 30, 14)) == 120
    assert add_business_minutes(location, at(2026, 11, 30, 11), 90) == at(2026, 11, 30, 13, 30)


def test_no_time_passes_backwards(location):
    assert business_minutes(location, at(2026, 12, 2, 10), at(2026, 12, 2, 9)) == 0
    assert add_business_minutes(location, at(2026, 12, 2, 10), 0) == at(2026, 12, 2, 10)


def test_a_location_with_no_hours_entered_counts_the_default_hours():
    location = LocationFactory(opening_hours=[])

    # Monday to Friday, 9 am to 5 pm.
    assert business_minutes(location, at(2026, 11, 30, 8), at(2026, 11, 30, 18)) == 8 * 60


def test_no_location_means_the_main_location(location):
    assert business_minutes(None, at(2026, 11, 28, 8), at(2026, 11, 28, 14)) == 5 * 60


def test_no_location_anywhere_counts_the_default_hours():
    assert not Location.objects.exists()

    assert business_minutes(None, at(2026, 11, 28, 8), at(2026, 11, 30, 18)) == 8 * 60


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at(2026, 11, 23, 10), at(2026, 11, 24, 10)),  # Monday → Tuesday
        (at(2026, 11, 27, 15), at(2026, 11, 30, 15)),  # Friday → Monday
        (at(2026, 11, 28, 9), at(2026, 11, 30, 17)),  # Saturday → end of Monday
        (at(2026, 11, 25, 12), at(2026, 11, 27, 12)),  # Wednesday → Friday, over Thanksgiving
    ],
)
def test_one_business_day_of_the_default_hours_is_the_same_time_next_working_day(received, due):
    assert add_business_minutes(None, received, BUSINESS_DAY) == due


def test_counting_with_prefetched_hours_costs_no_query(django_assert_num_queries, location):
    ClosureDayFactory(location=location)
    prefetched = Location.objects.with_hours().get()

    with django_assert_num_queries(0):
        business_minutes(prefetched, at(2026, 11, 2, 8), at(2026, 12, 31, 8))


# --- Friday night before a holiday Monday: nothing is overdue until Tuesday morning ----------

FRIDAY_NIGHT = at(2026, 9, 4, 22)  # Labor Day is Monday 7 September 2026.


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (at(2026, 9, 5, 12), False),
        (at(2026, 9, 7, 18), False),
        (at(2026, 9, 8, 7, 59), False),
        (at(2026, 9, 8, 8), True),  # the minute the alert is due, as alerts.due_alerts counts
        (at(2026, 9, 8, 8, 1), True),
    ],
)
def test_an_urgent_request_on_friday_night_before_a_holiday_is_overdue_on_tuesday_morning(
    now, overdue
):
    location = LocationFactory(opening_hours=WEEKDAYS_ONLY)
    request = AppointmentRequestFactory(location=location, urgent=True, received_at=FRIDAY_NIGHT)

    with mock.patch("django.utils.timezone.now", return_value=now):
        assert request.is_overdue is overdue


def test_any_request_on_friday_night_before_a_holiday_is_due_on_tuesday():
    location = LocationFactory(opening_hours=WEEKDAYS_ONLY)
    request = AppointmentRequestFactory(location=location, received_at=FRIDAY_NIGHT)

    assert request.call_back_due == at(2026, 9, 8, 15)  # eight business hours from 7 am


@pytest.mark.parametrize(
    ("minutes", "reads"), [(0, "0 min"), (45, "45 min"), (60, "1 h"), (125, "2 h 5 min")]
)
def test_business_time_reads_in_hours_and_minutes(minutes, reads):
    assert as_hours_and_minutes(minutes) == reads
