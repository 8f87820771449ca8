"""A location's week of opening hours as people read it: days that keep the same hours run
together, e.g. “Monday to Friday: 7 am – 7 pm”. The footer and the clinic's JSON-LD read it."""

from dataclasses import dataclass
from datetime import time

from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext

from armorpt.weekdays import Weekday

DAY_NAMES = Weekday.labels


@dataclass(frozen=True)
class DaysAlike:
    """A run of weekdays in a row (0 is Monday) open at the same spans; none: closed."""

    weekdays: tuple[int, ...]
    spans: tuple[tuple[time, time], ...]

    @property
    def days_label(self) -> str:
        first, last = DAY_NAMES[self.weekdays[0]], DAY_NAMES[self.weekdays[-1]]
        if len(self.weekdays) == 1:
            return first
        days = {"first": first, "last": last}
        if len(self.weekdays) == 2:
            return gettext("%(first)s and %(last)s") % days
        return gettext("%(first)s to %(last)s") % days


def clock(moment: time) -> str:
    """7 am, 7:30 pm, noon."""
    if moment == time(12):
        return gettext("noon")
    if moment == time(0):
        return gettext("midnight")
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    if moment.hour < 12:
        return pgettext("clock", "%(time)s am") % {"time": f"{hour}{minutes}"}
    return pgettext("clock", "%(time)s pm") % {"time": f"{hour}{minutes}"}


def spans_by_weekday(opening_hours) -> tuple[tuple[tuple[time, time], ...], ...]:
    """Monday to Sunday, each day's (opens, closes) in order, from OpeningHours rows."""
    by_weekday: list[list[tuple[time, time]]] = [[] for _ in DAY_NAMES]
    for span in opening_hours:
        by_weekday[span.weekday].append((span.opens, span.closes))
    return tuple(tuple(sorted(spans)) for spans in by_weekday)


def week_of(opening_hours) -> list[DaysAlike]:
    """Monday to Sunday in runs of days alike, from a location's OpeningHours rows."""
    runs: list[DaysAlike] = []
    for weekday, spans in enumerate(spans_by_weekday(opening_hours)):
        if runs and runs[-1].spans == spans:
            runs[-1] = DaysAlike((*runs[-1].weekdays, weekday), spans)
        else:
            runs.append(DaysAlike((weekday,), spans))
    return runs


def describe_week(opening_hours) -> list[str]:
    """One line per run, e.g. “Saturday: 8 am – 1 pm”; nothing when no hours are entered."""
    runs = week_of(opening_hours)
    if not any(run.spans for run in runs):
        return []
    return [capfirst(f"{run.days_label}: {spans_label(run.spans)}") for run in runs]


def spans_label(spans) -> str:
    return ", ".join(f"{clock(opens)} – {clock(closes)}" for opens, closes in spans) or gettext(
        "closed"
    )
