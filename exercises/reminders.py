"""Calendar reminders for a routine: an .ics file made on request and stored nowhere."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from uuid import uuid4
from zoneinfo import ZoneInfo, available_timezones

from django.utils.translation import gettext
from icalendar import Alarm, Calendar, Event

ROUTINE_MINUTES = 20
# The movement breaks: on the hour through a working day, Monday to Friday.
WORK_DAYS = ["MO", "TU", "WE", "TH", "FR"]
BREAK_HOURS = list(range(9, 17))
BREAK_MINUTES = 5
WEEKDAY_NUMBERS = {day: number for number, day in enumerate([*WORK_DAYS, "SA", "SU"])}


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclass(frozen=True)
class ReminderRequest:
    days: list[str]  # iCalendar weekday codes, MO .. SU
    at: time
    weeks: int
    time_zone: str
    title: str
    movement_breaks: bool


def first_day(after: date, weekdays: list[str]) -> date:
    """The first date on or after `after` that falls on one of `weekdays`."""
    wanted = {WEEKDAY_NUMBERS[day] for day in weekdays}
    return next(
        after + timedelta(days=offset)
        for offset in range(7)
        if (after + timedelta(days=offset)).weekday() in wanted
    )


def reminder_calendar(reminder: ReminderRequest, routine_url: str, now: datetime) -> bytes:
    """A weekly repeating event on the chosen days, with an alarm at its start, in the person's
    own time zone; optionally an hourly movement break on work days, for the same weeks. Its
    words are in the active language, as is the routine's address."""
    zone = ZoneInfo(reminder.time_zone)
    today = now.astimezone(zone).date()
    calendar = Calendar()
    calendar.add("prodid", "-//Armor PT//Exercise reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")

    routine_start = datetime.combine(first_day(today, reminder.days), reminder.at, tzinfo=zone)
    calendar.add_component(
        repeating_event(
            title=reminder.title,
            start=routine_start,
            minutes=ROUTINE_MINUTES,
            rule={
                "freq": "weekly",
                "byday": reminder.days,
                "count": reminder.weeks * len(reminder.days),
            },
            description=gettext("Your exercise routine: %(address)s") % {"address": routine_url},
            url=routine_url,
            now=now,
        )
    )
    if reminder.movement_breaks:
        first_work_day = first_day(today, WORK_DAYS)
        break_start = datetime.combine(first_work_day, time(BREAK_HOURS[0]), tzinfo=zone)
        calendar.add_component(
            repeating_event(
                title=gettext("Time to move"),
                start=break_start,
                minutes=BREAK_MINUTES,
                rule={
                    "freq": "hourly",
                    "byday": WORK_DAYS,
                    "byhour": BREAK_HOURS,
                    "count": reminder.weeks * len(WORK_DAYS) * len(BREAK_HOURS),
                },
                description=gettext("Stand up and walk for a few minutes."),
                url=routine_url,
                now=now,
            )
        )
    # The zone's rules for the weeks the reminders run, not the library's default 68 years.
    calendar.add_missing_timezones(
        first_date=today, last_date=today + timedelta(weeks=reminder.weeks + 1)
    )
    return calendar.to_ical()


def repeating_event(
    *, title: str, start: datetime, minutes: int, rule: dict, description: str, url: str, now
) -> Event:
    event = Event()
    event.add("uid", f"{uuid4()}@armorpt")
    event.add("dtstamp", now)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    event.add("rrule", rule)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
