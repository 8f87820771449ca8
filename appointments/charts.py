"""Bar charts of the managers' report, laid out on the server and drawn as inline SVG.

Only geometry and words: the template writes the <svg>, its <title> and <desc>, one <rect> a
bar; colours come from classes in css/appointments-admin.css (the CSP allows no style
attribute). Every number also stands in the table beside each chart.
"""

import math
from dataclasses import dataclass

from .report import LocationReport

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 36
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str  # a CSS modifier: chart-bar--<series>
    label: str  # the bar's own <title>: what a pointer or a screen reader is told


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class WeekLabel:
    x: float
    label: str


@dataclass(frozen=True)
class Series:
    name: str
    label: str


@dataclass(frozen=True)
class Chart:
    slug: str  # unique on the page: ids of the title and the description
    title: str
    description: str
    bars: list[Bar]
    ticks: list[Tick]
    weeks: list[WeekLabel]
    series: list[Series]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: float = TOP + PLOT_HEIGHT


def short_date(day) -> str:
    return f"{day:%b} {day.day}"


def nice_top(largest: float) -> int:
    """A round top for a count's scale, whose half is a whole number too: 4, 10, 20, 40, 100 …
    at or above the largest value."""
    if largest <= 4:
        return 4
    magnitude = 10 ** math.floor(math.log10(largest))
    return next(step * magnitude for step in (1, 2, 4, 10) if step * magnitude >= largest)


def bar_chart(slug, title, weeks, values_by_series, series, top, value_label) -> Chart:
    """Bars side by side in each week's slot; `values_by_series`: one list a series."""
    slot = PLOT_WIDTH / len(weeks)
    bar_width = slot * 0.7 / len(series)
    bars = []
    for number, week in enumerate(weeks):
        for place, (one, values) in enumerate(zip(series, values_by_series, strict=True)):
            value = values[number] or 0
            height = PLOT_HEIGHT * value / top
            bars.append(
                Bar(
                    x=round(LEFT + number * slot + slot * 0.15 + place * bar_width, 1),
                    y=round(TOP + PLOT_HEIGHT - height, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                    series=one.name,
                    label=f"Week of {short_date(week)}, {one.label}: {value_label(values[number])}",
                )
            )
    ticks = [
        Tick(round(TOP + PLOT_HEIGHT * (1 - part), 1), value_label(top * part, tick=True))
        for part in (0, 0.5, 1)
    ]
    week_labels = [
        WeekLabel(round(LEFT + (number + 0.5) * slot, 1), short_date(week))
        for number, week in enumerate(weeks)
    ]
    first, last = short_date(weeks[0]), short_date(weeks[-1])
    description = (
        f"{len(weeks)} weeks, from the week of {first} to the week of {last}; "
        + "; ".join(
            f"{one.label}: from {value_label(min(v or 0 for v in values))} "
            f"to {value_label(max(v or 0 for v in values))}"
            for one, values in zip(series, values_by_series, strict=True)
        )
        + ". The table beside gives every week's numbers."
    )
    return Chart(slug, title, description, bars, ticks, week_labels, list(series))


def count_label(value, tick=False) -> str:
    return f"{value or 0:g}"


def share_label(value, tick=False) -> str:
    return "none received" if value is None and not tick else f"{round((value or 0) * 100)}%"


def charts_for(section: LocationReport, number: int) -> list[Chart]:
    """Two charts a location: requests received, and how many were tried in time."""
    weeks = [row.week for row in section.rows]
    received = [row.received for row in section.rows]
    return [
        bar_chart(
            f"received-{number}",
            f"{section.name}: requests received per week",
            weeks,
            [received],
            [Series("received", "requests received")],
            nice_top(max(received, default=0)),
            count_label,
        ),
        bar_chart(
            f"in-time-{number}",
            f"{section.name}: share first tried in time",
            weeks,
            [[row.within_hour for row in section.rows], [row.within_day for row in section.rows]],
            [
                Series("hour", "within one business hour"),
                Series("day", "within one business day"),
            ],
            1,
            share_label,
        ),
    ]
