"""The report's charts (appointments/charts.py): bars to scale, words for screen readers."""

from datetime import date, timedelta

import pytest

from appointments.charts import PLOT_HEIGHT, TOP, charts_for, nice_top
from appointments.report import LocationReport, Spread, WeekRow

MONDAYS = [date(2026, 9, 14) + timedelta(weeks=number) for number in range(12)]


def week(monday, received, within_hour=None, within_day=None):
    return WeekRow(monday, received, within_hour, within_day, Spread(), Spread(), None, {})


@pytest.mark.parametrize(("largest", "top"), [(0, 4), (3, 4), (7, 10), (11, 20), (33, 40)])
def test_the_scale_tops_out_at_a_round_number_with_a_whole_half(largest, top):
    assert nice_top(largest) == top


def test_the_bars_are_to_scale_and_say_their_numbers():
    rows = [week(monday, 0) for monday in MONDAYS[:-1]] + [week(MONDAYS[-1], 10, 0.5, 1)]
    received, in_time = charts_for(LocationReport("Midtown", rows), 3)

    assert received.slug == "received-3"
    tallest = received.bars[-1]
    assert (tallest.y, tallest.height) == (TOP, PLOT_HEIGHT)
    assert received.bars[0].height == 0
    assert tallest.label == "Week of Nov 30, requests received: 10"
    hour, day = in_time.bars[-2:]
    assert hour.height == PLOT_HEIGHT / 2
    assert day.height == PLOT_HEIGHT
    assert in_time.bars[0].label == "Week of Sep 14, within one business hour: none received"
    assert in_time.description == (
        "12 weeks, from the week of Sep 14 to the week of Nov 30; within one business hour: "
        "from 0% to 50%; within one business day: from 0% to 100%. The table beside gives "
        "every week's numbers."
    )
