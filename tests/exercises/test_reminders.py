"""Calendar reminders for a routine (/exercises/routine/reminders.ics): made on request from
the routine page's form, parsed back here with icalendar; bad choices bring the form back."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from exercises.reminders import ReminderRequest, first_day, reminder_calendar

pytestmark = pytest.mark.django_db

URL = "/exercises/routine/reminders.ics"
GOOD = {
    "e": ["clamshell", "hip-bridge"],
    "days": ["mo", "we", "fr"],
    "time": "07:30",
    "weeks": "6",
    "tz": "America/Chicago",
}


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_file_holds_a_weekly_event_on_the_chosen_days_with_an_alarm(client, demo_content):
    response = client.get(URL, GOOD)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="exercise-reminders.ics"'
    (event,) = events(response)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "WE", "FR"]
    assert rule["COUNT"] == [18]  # 6 weeks of 3 days
    start = event.decoded("DTSTART")
    assert start.tzinfo.key == "America/Chicago"
    assert start.time() == time(7, 30)
    assert start.strftime("%a") in {"Mon", "Wed", "Fri"}
    assert event.to_ical().decode().count("DTSTART;TZID=America/Chicago:") == 1
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert str(event["SUMMARY"]) == "Exercise routine"
    link = "http://testserver/exercises/routine/play/?e=clamshell&e=hip-bridge"
    assert str(event["URL"]) == link
    assert link in str(event["DESCRIPTION"])


def test_the_calendar_carries_the_time_zone_it_names(client, demo_content):
    calendar = Calendar.from_ical(client.get(URL, GOOD).content)

    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Chicago"]


def test_the_title_is_neutral_unless_the_person_changes_it(client, demo_content):
    (event,) = events(client.get(URL, {**GOOD, "title": "  Hip   exercises "}))

    assert str(event["SUMMARY"]) == "Hip exercises"
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == "Hip exercises"


def test_movement_breaks_come_every_hour_of_the_working_day(client, demo_content):
    _routine, breaks = events(client.get(URL, {**GOOD, "breaks": "on"}))

    assert str(breaks["SUMMARY"]) == "Time to move"
    rule = breaks["RRULE"]
    assert rule["FREQ"] == ["HOURLY"]
    assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert rule["BYHOUR"] == list(range(9, 17))
    assert rule["COUNT"] == [6 * 5 * 8]
    assert breaks.decoded("DTSTART").time() == time(9, 0)
    assert breaks.walk("VALARM")


def test_nothing_is_kept_of_the_file_anywhere(client, demo_content):
    response = client.get(URL, GOOD)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not response.cookies


def test_the_first_reminder_is_the_next_chosen_day_in_the_person_s_zone():
    # Late Sunday evening in Chicago is already Monday in UTC.
    now = datetime(2026, 3, 2, 3, 0, tzinfo=ZoneInfo("UTC"))
    reminder = ReminderRequest(
        days=["SU", "TU"],
        at=time(20, 0),
        weeks=1,
        time_zone="America/Chicago",
        title="Exercise routine",
        movement_breaks=False,
    )

    (event,) = Calendar.from_ical(reminder_calendar(reminder, "http://x/", now)).walk("VEVENT")

    assert event.decoded("DTSTART").date() == date(2026, 3, 1)
    assert first_day(date(2026, 3, 2), ["SU"]) == date(2026, 3, 8)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"days": ["mo", "someday"]}, "“someday” is not a day of the week."),
        ({"days": []}, "Pick at least one day of the week."),
        ({"time": "25:99"}, "Enter a time like 07:30: hours 00 to 23, minutes 00 to 59."),
        ({"weeks": "500"}, "Reminders last at most 52 weeks (a year)."),
        ({"weeks": "0"}, "Enter at least 1 week."),
        ({"weeks": "six"}, "Enter a number of weeks, from 1 to 52."),
        ({"tz": "Mars/Olympus_Mons"}, "We do not know the time zone “Mars/Olympus_Mons”."),
        ({"tz": "../../etc/passwd"}, "We do not know the time zone “../../etc/passwd”."),
    ],
)
def test_a_bad_choice_brings_the_form_back_with_a_message(client, demo_content, change, message):
    response = client.get(URL, {**GOOD, **change})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html
    assert 'id="reminders"' in html
    assert "data-reminder-errors" in html
    # What was typed stays, and the routine is still the one asked for.
    assert f'value="{change.get("time", "07:30")}"' in html
    assert html.count('<input type="hidden" name="e"') == 2


def test_reminders_need_a_routine(client, demo_content):
    response = client.get(URL, {**GOOD, "e": ["no-such-exercise"]})

    assert response.status_code == 400
    assert "Your routine is empty" in response.content.decode()


def test_the_routine_page_offers_the_form_with_the_clinic_s_zone_and_a_neutral_title(
    client, demo_content, settings
):
    html = client.get("/exercises/routine/?e=clamshell").content.decode()

    assert f'action="{URL}"' in html
    assert f'value="{settings.TIME_ZONE}"' in html
    assert "data-reminder-tz" in html
    assert re.search(r'<input type="text" name="title"[^>]* placeholder="Exercise routine"', html)


def test_making_the_file_writes_nothing(client, demo_content):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {**GOOD, "title": "Hip exercises", "breaks": "on"})

    assert response.status_code == 200
    assert queries.captured_queries
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)


def test_on_the_spanish_page_the_reminders_speak_spanish_and_lead_to_the_spanish_player(
    client, demo_content
):
    routine, movement_break = events(client.get(f"/es{URL}", {**GOOD, "breaks": "on"}))

    player = "http://testserver/es/exercises/routine/play/?e=clamshell&e=hip-bridge"
    assert routine["summary"] == "Rutina de ejercicios"
    assert routine["description"] == f"Su rutina de ejercicios: {player}"
    assert routine["url"] == player
    assert movement_break["summary"] == "Hora de moverse"
    assert movement_break["description"] == "Levántese y camine unos minutos."


def test_a_bad_choice_on_the_spanish_page_is_explained_in_spanish(client, demo_content):
    response = client.get(f"/es{URL}", {**GOOD, "weeks": "60"})

    assert response.status_code == 400
    assert "Los recordatorios duran 52 semanas como máximo" in response.content.decode()
