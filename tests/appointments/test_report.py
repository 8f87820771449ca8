"""The managers' report's numbers (appointments/report.py). The factory's location opens Monday
to Friday 7 am – 7 pm and Saturday 8 am – 1 pm, in New York's time zone."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.models import AppointmentRequest, CloseReason, RequestStatus
from appointments.report import ALL_LOCATIONS, NO_LOCATION, Spread, build_report, csv_rows
from appointments.services import change_status
from tests.factories import AppointmentRequestFactory, LocationFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 12, tzinfo=NEW_YORK)  # a Wednesday
THIS_WEEK, LAST_WEEK = date(2026, 11, 23), date(2026, 11, 16)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=NEW_YORK)


def row_of(report, name, week):
    (section,) = [section for section in report.sections if section.name == name]
    (row,) = [row for row in section.rows if row.week == week]
    return row


def test_the_report_covers_twelve_weeks_to_this_one():
    report = build_report(NOW)

    assert len(report.weeks) == 12
    assert report.weeks[-1] == THIS_WEEK
    assert report.first_day == THIS_WEEK - timedelta(weeks=11)


def test_a_week_s_numbers_at_a_location(location, front_desk_user):
    booked = AppointmentRequestFactory(
        location=location,
        received_at=at(2026, 11, 23, 9),
        first_attempt_at=at(2026, 11, 23, 9, 30),
        first_reached_at=at(2026, 11, 23, 10, 30),
    )
    change_status(booked, RequestStatus.SCHEDULED, front_desk_user)
    AppointmentRequestFactory(location=location, received_at=at(2026, 11, 23, 10))  # not tried
    spam = AppointmentRequestFactory(
        location=location,
        received_at=at(2026, 11, 24, 8),
        first_attempt_at=at(2026, 11, 24, 17),  # nine business hours: not within the day
    )
    change_status(spam, RequestStatus.CLOSED, front_desk_user, CloseReason.SPAM)

    row = row_of(build_report(NOW), location.name, THIS_WEEK)

    assert row.received == 3
    assert (row.within_hour, row.within_day) == (1 / 3, 1 / 3)
    assert row.to_attempt == Spread.of([30, 9 * 60])
    assert row.to_reach == Spread(90, 90)
    assert row.scheduled == 1 / 3
    assert row.closed_because[CloseReason.SPAM] == 1
    assert row.closing_reasons == [("Spam or a test", 1)]


def test_business_time_to_first_attempt_skips_the_weekend_at_the_location(location):
    # Friday 6:30 pm; tried on Monday at 7:30 am: half an hour Friday, Saturday's five hours.
    AppointmentRequestFactory(
        location=location,
        received_at=at(2026, 11, 20, 18, 30),
        first_attempt_at=at(2026, 11, 23, 7, 30),
    )

    report = build_report(NOW)

    row = row_of(report, location.name, LAST_WEEK)
    assert row.received == 1
    assert row.to_attempt == Spread(30 + 5 * 60 + 30, 30 + 5 * 60 + 30)
    assert (row.within_hour, row.within_day) == (0, 1)
    assert row_of(report, location.name, THIS_WEEK).received == 0


def test_a_request_belongs_to_the_week_it_arrived_in_the_clinic_s_time(location):
    AppointmentRequestFactory(location=location, received_at=at(2026, 11, 22, 23, 30))  # Sunday
    AppointmentRequestFactory(location=location, received_at=at(2026, 11, 23, 0, 0))  # Monday
    AppointmentRequestFactory(location=location, received_at=at(2026, 8, 30, 12))  # too old

    report = build_report(NOW)

    assert row_of(report, location.name, LAST_WEEK).received == 1
    assert row_of(report, location.name, THIS_WEEK).received == 1
    assert sum(row.received for row in report.sections[0].rows) == 2


def test_all_locations_add_up_and_a_request_with_none_has_its_own_section(location):
    other = LocationFactory(name="Armor PT Uptown")
    for place in (location, other, None):
        AppointmentRequestFactory(location=place, received_at=at(2026, 11, 24, 9))

    report = build_report(NOW)

    assert [section.name for section in report.sections] == [
        ALL_LOCATIONS,
        location.name,
        "Armor PT Uptown",
        NO_LOCATION,
    ]
    assert row_of(report, ALL_LOCATIONS, THIS_WEEK).received == 3


def test_a_week_with_no_requests_has_no_shares(location):
    row = row_of(build_report(NOW), location.name, THIS_WEEK)

    assert (row.received, row.within_hour, row.scheduled) == (0, None, None)
    assert row.to_attempt == Spread(None, None)


def test_the_spread_is_the_median_and_the_90th_percentile():
    spread = Spread.of(list(range(1, 11)))

    assert (spread.median, spread.p90) == (5.5, pytest.approx(9.9))


def test_a_booked_request_closed_after_the_visit_counts_as_scheduled(location, front_desk_user):
    seen = AppointmentRequestFactory(location=location, received_at=at(2026, 11, 24, 9))
    change_status(seen, RequestStatus.CLOSED, front_desk_user, CloseReason.SEEN)

    assert row_of(build_report(NOW), location.name, THIS_WEEK).scheduled == 1


def test_the_csv_rows_carry_the_same_numbers_and_nothing_of_a_patient(location):
    AppointmentRequestFactory(
        location=location,
        first_name="Zoë",
        received_at=at(2026, 11, 24, 9),
        first_attempt_at=at(2026, 11, 24, 9, 20),
    )
    report = build_report(NOW)

    header, *rows = csv_rows(report)

    assert len(rows) == 12 * len(report.sections)
    line = dict(zip(header, rows[-1], strict=True))  # this week, at the location
    assert line["week starting"] == "2026-11-23"
    assert line["location"] == location.name
    assert line["requests received"] == 1
    assert line["median business minutes to first attempt"] == 20
    assert line["share attempted within 1 business hour"] == 1
    text = repr(rows)
    assert "Zoë" not in text
    assert AppointmentRequest.objects.get().reference not in text


def requests_at(locations, how_many: int) -> None:
    """`how_many` requests over the twelve weeks, half of them tried, a quarter reached."""
    built = []
    for number in range(how_many):
        received = NOW - timedelta(hours=number * 12 * 7 * 24 / how_many)
        built.append(
            AppointmentRequestFactory.build(
                location=locations[number % len(locations)],
                received_at=received,
                first_attempt_at=received + timedelta(minutes=40) if number % 2 else None,
                first_reached_at=received + timedelta(hours=3) if number % 4 == 1 else None,
            )
        )
    AppointmentRequest.objects.bulk_create(built)


def test_the_report_s_queries_do_not_grow_with_the_requests():
    locations = LocationFactory.create_batch(3)
    counts = []
    for how_many in (100, 4900):  # 100, then 5,000 in all
        requests_at(locations, how_many)
        with CaptureQueriesContext(connection) as queries:
            build_report(NOW)
        counts.append(len(queries))

    assert AppointmentRequest.objects.count() == 5000
    assert counts[0] == counts[1] <= 4
