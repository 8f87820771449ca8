"""The front desk's morning in Chromium: an urgent request at 8:55 on a Monday goes on top, is
marked overdue after one business hour and alerted once, then a try and a booking are logged
from the work list and the request's page, and the clinic manager's report counts it. And a
request sent on Friday night before a holiday Monday, not overdue until Tuesday morning."""

import io
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from appointments.groups import CLINIC_MANAGERS, FRONT_DESK
from appointments.models import RequestStatus
from tests.browser.conftest import VIEWPORTS
from tests.clock import clock_stopped_at
from tests.factories import AppointmentRequestFactory, LocationFactory, StaffUserFactory, group

MONDAY_8_55 = datetime(2026, 11, 23, 8, 55, tzinfo=ZoneInfo("America/New_York"))
CHANGELIST = "/admin/appointments/appointmentrequest/"
REPORT = CHANGELIST + "report/"


def alerts_sent() -> str:
    out = io.StringIO()
    call_command("send_overdue_alerts", stdout=out)
    return out.getvalue().strip()


def sign_in(page, site, username: str, then: str = CHANGELIST) -> None:
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(site + then)


def report_row(page, location: str, week: str):
    """The cells of one week's line in one location's table of the report."""
    section = page.locator("section.speed-report__section").filter(
        has=page.get_by_role("heading", name=location, exact=True)
    )
    return section.locator("tbody tr").filter(has=page.locator("th", has_text=week)).locator("td")


def test_an_urgent_request_is_alerted_once_then_tried_and_booked(
    site, page, open_page, viewport, settings
):
    settings.FRONT_DESK_ALERT_EMAILS = ["desk@clinic.test"]
    # The live server runs in this process: its clock is this one.
    with clock_stopped_at(MONDAY_8_55) as clock:
        StaffUserFactory(username="desk", groups=[group(FRONT_DESK)])
        StaffUserFactory(username="manager", groups=[group(CLINIC_MANAGERS)])
        clinic = LocationFactory(name="Armor PT Riverside")  # open 7 am to 7 pm on weekdays
        earlier = AppointmentRequestFactory(
            location=clinic, received_at=MONDAY_8_55 - timedelta(hours=1)
        )
        urgent = AppointmentRequestFactory(
            location=clinic,
            received_at=MONDAY_8_55,
            urgent=True,
            red_flag_numbness=True,
            first_name="Ines",
            message="The hip gave way",
        )

        clock.moment = MONDAY_8_55 + timedelta(minutes=59)
        sign_in(page, site, "desk")
        rows = page.locator("#result_list tbody tr")
        expect(rows.first).to_contain_text(urgent.reference)
        expect(rows.nth(1)).to_contain_text(earlier.reference)
        expect(rows.first.locator(".field-waiting")).not_to_contain_text("overdue")
        assert alerts_sent() == "0 alert(s) queued."

        clock.moment = MONDAY_8_55 + timedelta(minutes=61)
        page.reload()
        expect(rows.first.locator(".field-waiting")).to_contain_text("overdue")
        assert alerts_sent() == "1 alert(s) queued."
        assert alerts_sent() == "0 alert(s) queued."
        [alert] = mail.outbox
        assert urgent.reference in alert.subject
        assert f"{CHANGELIST}{urgent.pk}/change/" in alert.body
        for detail in ("Ines", urgent.last_name, "gave way", "numb", "Numb", "555"):
            assert detail not in f"{alert.subject}{alert.body}".replace(urgent.reference, "")

        # The work list's two clicks: open the row's outcomes, press one.
        rows.first.locator("summary").click()
        rows.first.get_by_role("button", name="No answer").click()
        expect(page.locator(".messagelist")).to_contain_text(
            f"Logged “No answer” for {urgent.reference}. Next attempt due Mon 23 Nov, 11:56 AM."
        )
        expect(rows.first.locator(".field-waiting")).not_to_contain_text("overdue")
        expect(rows.first.locator(".field-next_attempt")).to_have_text("Mon 11:56 AM")

        clock.moment = MONDAY_8_55 + timedelta(minutes=85)  # within the 30 minutes of a session
        rows.first.get_by_role("link", name=urgent.reference).click()
        page.get_by_role("button", name="Reached and booked").click()
        expect(page.locator(".messagelist")).to_contain_text(
            f"Logged “Reached and booked” for {urgent.reference}."
        )
        expect(page.get_by_label("Status:")).to_have_value(RequestStatus.SCHEDULED)
        attempts = page.locator("#contact_attempts-group tbody tr.has_original")
        expect(attempts).to_have_count(2)
        expect(attempts.first).to_contain_text("Reached and booked")

        page.goto(site + CHANGELIST)
        booked = rows.filter(has_text=urgent.reference)
        expect(booked.locator(".field-next_attempt")).to_have_text("—")
        expect(booked.locator(".field-status")).to_have_text(re.compile("Scheduled"))

        # The clinic manager's report, later that week: the week of Monday 23 November, at the
        # clinic, counts the urgent request and the earlier one (never tried). First attempt
        # after 61 business minutes (not within the hour), first reach after 85.
        clock.moment = datetime(2026, 11, 25, 17, 0, tzinfo=ZoneInfo("America/New_York"))
        manager = open_page(viewport)
        sign_in(manager, site, "manager", then=CHANGELIST)
        manager.get_by_role("link", name="Speed-to-contact report").click()
        expect(manager).to_have_url(site + REPORT)
        expected = [
            "2",  # received
            "0%",  # first tried within 1 business hour
            "50%",  # within 1 business day
            *("1 h 1 min", "1 h 1 min"),  # to first attempt: median, 90th percentile
            *("1 h 25 min", "1 h 25 min"),  # to first reach
            "50%",  # ever scheduled
            "—",  # none closed
        ]
        expect(report_row(manager, clinic.name, "Nov 23")).to_have_text(expected)
        expect(report_row(manager, clinic.name, "Nov 16").first).to_have_text("0")

    urgent.refresh_from_db()
    assert urgent.first_attempt_at == MONDAY_8_55 + timedelta(minutes=61)
    assert urgent.first_reached_at == MONDAY_8_55 + timedelta(minutes=85)
    assert urgent.next_attempt_due is None
    assert len(mail.outbox) == 1


def test_a_request_sent_on_friday_night_before_a_holiday_monday_is_overdue_on_tuesday_morning(
    site, open_page
):
    new_york = ZoneInfo("America/New_York")
    friday_night = datetime(2026, 9, 4, 22, 0, tzinfo=new_york)  # Monday 7 September: Labor Day
    with clock_stopped_at(friday_night) as clock:
        StaffUserFactory(username="desk", groups=[group(FRONT_DESK)])
        weekdays_only = LocationFactory(
            opening_hours=[(day, time(7), time(19)) for day in range(5)]
        )
        urgent = AppointmentRequestFactory(
            location=weekdays_only, received_at=friday_night, urgent=True
        )

        for moment, overdue in [
            (datetime(2026, 9, 7, 18, 0, tzinfo=new_york), False),  # the holiday's evening
            (datetime(2026, 9, 8, 7, 59, tzinfo=new_york), False),  # 59 minutes after opening
            (datetime(2026, 9, 8, 8, 1, tzinfo=new_york), True),  # past the business hour
        ]:
            clock.moment = moment
            page = open_page(VIEWPORTS["desktop"])  # a new sign-in: the clock jumped days
            sign_in(page, site, "desk")
            waiting = page.locator("#result_list tbody tr", has_text=urgent.reference).locator(
                ".field-waiting"
            )
            if overdue:
                expect(waiting).to_contain_text("overdue")
            else:
                expect(waiting).not_to_contain_text("overdue")
