"""How a week of opening hours reads (appointments/opening_hours.py)."""

from datetime import time
from types import SimpleNamespace

import pytest

from appointments.opening_hours import clock, describe_week


def spans(*rows):
    return [SimpleNamespace(weekday=day, opens=opens, closes=closes) for day, opens, closes in rows]


@pytest.mark.parametrize(
    ("moment", "reads"),
    [(time(7), "7 am"), (time(19, 30), "7:30 pm"), (time(12), "noon"), (time(0), "midnight")],
)
def test_a_time_reads_as_on_a_clinic_door(moment, reads):
    assert clock(moment) == reads


def test_days_alike_in_a_row_read_as_one_line():
    week = spans(*((day, time(7), time(19)) for day in range(5)), (5, time(8), time(13)))

    assert describe_week(week) == [
        "Monday to Friday: 7 am – 7 pm",
        "Saturday: 8 am – 1 pm",
        "Sunday: closed",
    ]


def test_a_lunch_break_and_days_apart_read_as_they_are():
    week = spans(
        (0, time(13), time(19)),  # given out of order: read in order
        (0, time(8), time(12)),
        (2, time(8), time(12)),
        (2, time(13), time(19)),
        (3, time(9), time(17)),
    )

    assert describe_week(week) == [
        "Monday: 8 am – noon, 1 pm – 7 pm",
        "Tuesday: closed",
        "Wednesday: 8 am – noon, 1 pm – 7 pm",
        "Thursday: 9 am – 5 pm",
        "Friday to Sunday: closed",
    ]


def test_two_days_alike_read_with_and():
    week = spans(*((day, time(9), time(17)) for day in range(5)))

    assert describe_week(week)[-1] == "Saturday and Sunday: closed"


def test_no_hours_entered_reads_as_nothing():
    assert describe_week([]) == []
