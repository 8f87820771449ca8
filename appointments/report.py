"""The clinic managers' report: how fast the front desk answers, week by week, per location.

For the last twelve weeks (Monday to Sunday in the site's time zone, this week so far last):
requests received; the share first tried within one business hour and within one business day;
the median and 90th percentile of business time to the first attempt and to the first reach;
the share that was ever scheduled; how the closed ones were closed. Business time is counted at
each request's location (appointments/business_time.py). Only counts and times: no request,
name or reference is in it. Its queries do not depend on how many requests there are.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from .business_time import BUSINESS_DAY, BUSINESS_HOUR, schedule_of
from .models import AppointmentRequest, CloseReason, Location, RequestStatus, StatusChange

WEEKS = 12
ALL_LOCATIONS = "All locations"
NO_LOCATION = "No location chosen"


@dataclass(frozen=True)
class Spread:
    """Business minutes to something, over the requests that got it (None: none did)."""

    median: float | None = None
    p90: float | None = None

    @classmethod
    def of(cls, minutes: list[int]) -> "Spread":
        if not minutes:
            return cls()
        if len(minutes) == 1:
            return cls(minutes[0], minutes[0])
        return cls(statistics.median(minutes), statistics.quantiles(minutes, n=10)[-1])


@dataclass
class Tally:
    """What happened to the requests one location received in one week, as it is counted."""

    received: int = 0
    within_hour: int = 0
    within_day: int = 0
    scheduled: int = 0
    to_attempt: list[int] = field(default_factory=list)
    to_reach: list[int] = field(default_factory=list)
    closed_because: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        self.received += other.received
        self.within_hour += other.within_hour
        self.within_day += other.within_day
        self.scheduled += other.scheduled
        self.to_attempt += other.to_attempt
        self.to_reach += other.to_reach
        self.closed_because.update(other.closed_because)


@dataclass(frozen=True)
class WeekRow:
    """One week's line of the report."""

    week: date  # its Monday
    received: int
    within_hour: float | None  # shares of `received`, 0 to 1
    within_day: float | None
    to_attempt: Spread
    to_reach: Spread
    scheduled: float | None
    closed_because: dict[str, int]  # CloseReason value → how many

    @property
    def closing_reasons(self) -> list[tuple[str, int]]:
        """(label, how many) of each reason some requests were closed for."""
        return [
            (CloseReason(reason).label, count)
            for reason, count in self.closed_because.items()
            if count
        ]

    @classmethod
    def of(cls, week: date, tally: Tally) -> "WeekRow":
        def share(count: int) -> float | None:
            return count / tally.received if tally.received else None

        return cls(
            week=week,
            received=tally.received,
            within_hour=share(tally.within_hour),
            within_day=share(tally.within_day),
            to_attempt=Spread.of(tally.to_attempt),
            to_reach=Spread.of(tally.to_reach),
            scheduled=share(tally.scheduled),
            closed_because={reason: tally.closed_because[reason] for reason in CloseReason.values},
        )


@dataclass(frozen=True)
class LocationReport:
    name: str
    rows: list[WeekRow]  # oldest week first


@dataclass(frozen=True)
class Report:
    weeks: list[date]
    sections: list[LocationReport]  # all locations first, then each location

    @property
    def first_day(self) -> date:
        return self.weeks[0]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def report_weeks(now: datetime, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last `weeks` weeks, this one last."""
    this_monday = monday_of(timezone.localdate(now))
    return [this_monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]


def requests_received_since(start: datetime):
    """The report's only read of requests: the few columns it counts, none about the person."""
    ever_scheduled = Exists(
        StatusChange.objects.filter(request=OuterRef("pk"), to_status=RequestStatus.SCHEDULED)
    )
    return (
        AppointmentRequest.objects.filter(received_at__gte=start)
        .annotate(ever_scheduled=ever_scheduled)
        .values(
            "location_id",
            "received_at",
            "first_attempt_at",
            "first_reached_at",
            "status",
            "close_reason",
            "ever_scheduled",
        )
        .order_by()
    )


def tally_of(row: dict, schedule) -> Tally:
    """One request's part of its week's numbers."""
    tally = Tally(received=1)
    received = row["received_at"]
    if row["first_attempt_at"] is not None:
        waited = schedule.minutes_between(received, row["first_attempt_at"])
        tally.to_attempt.append(waited)
        tally.within_hour = int(waited <= BUSINESS_HOUR)
        tally.within_day = int(waited <= BUSINESS_DAY)
    if row["first_reached_at"] is not None:
        tally.to_reach.append(schedule.minutes_between(received, row["first_reached_at"]))
    tally.scheduled = int(
        row["ever_scheduled"]
        or row["status"] == RequestStatus.SCHEDULED
        or row["close_reason"] == CloseReason.SEEN
    )
    if row["status"] == RequestStatus.CLOSED:
        tally.closed_because[row["close_reason"]] += 1
    return tally


def build_report(now: datetime | None = None, weeks: int = WEEKS) -> Report:
    """The report as of `now`: four queries (requests, locations, their hours and closures),
    and the main location's schedule when a request has no location and the cache has not
    kept it."""
    now = now or timezone.now()
    mondays = report_weeks(now, weeks)
    start = datetime.combine(
        mondays[0], datetime.min.time(), tzinfo=timezone.get_default_timezone()
    )
    locations = {location.pk: location for location in Location.objects.with_hours()}
    schedules = {pk: schedule_of(location) for pk, location in locations.items()}

    tallies: dict[tuple[int | None, date], Tally] = defaultdict(Tally)
    for row in requests_received_since(start):
        week = monday_of(timezone.localdate(row["received_at"]))
        location_id = row["location_id"] if row["location_id"] in locations else None
        if location_id not in schedules:  # the main location's, only when a request needs it
            schedules[None] = schedule_of(None)
        tallies[location_id, week].add(tally_of(row, schedules[location_id]))

    def section(name: str, location_ids) -> LocationReport:
        rows = []
        for week in mondays:
            total = Tally()
            for location_id in location_ids:
                total.add(tallies.get((location_id, week), Tally()))
            rows.append(WeekRow.of(week, total))
        return LocationReport(name, rows)

    with_requests = {location_id for location_id, _ in tallies}
    sections = [section(ALL_LOCATIONS, with_requests)]
    sections += [
        section(location.name, [pk])
        for pk, location in locations.items()
        if location.is_active or pk in with_requests
    ]
    if None in with_requests:
        sections.append(section(NO_LOCATION, [None]))
    return Report(mondays, sections)


def csv_rows(report: Report) -> list[list]:
    """The report's numbers as rows for a spreadsheet, a header first: the same as the page."""
    header = [
        "week starting",
        "location",
        "requests received",
        "share attempted within 1 business hour",
        "share attempted within 1 business day",
        "median business minutes to first attempt",
        "90th percentile business minutes to first attempt",
        "median business minutes to first reach",
        "90th percentile business minutes to first reach",
        "share ever scheduled",
        *(f"closed: {label}" for label in CloseReason.labels),
    ]
    rows = [header]
    for section in report.sections:
        for row in section.rows:
            rows.append(
                [
                    row.week.isoformat(),
                    section.name,
                    row.received,
                    *(
                        "" if value is None else round(value, 3)
                        for value in (
                            row.within_hour,
                            row.within_day,
                            row.to_attempt.median,
                            row.to_attempt.p90,
                            row.to_reach.median,
                            row.to_reach.p90,
                            row.scheduled,
                        )
                    ),
                    *(row.closed_because[reason] for reason in CloseReason.values),
                ]
            )
    return rows
