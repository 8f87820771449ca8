"""The front desk's morning in Chromium: an urgent request at 8:55 on a Monday goes on top, is
marked overdue after one business hour and alerted once, then a try and a booking are logged
from the work list and the request's page."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from appointments.groups import FRONT_DESK
from appointments.models import RequestStatus
from tests.clock import clock_stopped_at
from tests.factories import AppointmentRequestFactory, LocationFactory, StaffUserFactory, group

MONDAY_8_55 = datetime(2026, 11, 23, 8, 55, tzinfo=ZoneInfo("America/New_York"))
CHANGELIST = "/admin/appointments/appointmentrequest/"


def alerts_sent() -> str:
    out = io.StringIO()
    call_command("send_overdue_alerts", stdout=out)
    return out.getvalue().strip()


def test_an_urgent_request_is_alerted_once_then_tried_and_booked(site, page, settings):
    settings.FRONT_DESK_ALERT_EMAILS = ["desk@clinic.test"]
    # The live server runs in this process: its clock is this one.
    with clock_stopped_at(MONDAY_8_55) as clock:
        StaffUserFactory(username="desk", groups=[group(FRONT_DESK)])
        clinic = LocationFactory()  # open 7 am to 7 pm on weekdays
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
        page.goto(site + "/admin/")
        page.get_by_label("Username").fill("desk")
        page.get_by_label("Password").fill("correct-horse-battery")
        page.get_by_role("button", name="Log in").click()
        page.goto(site + CHANGELIST)
        rows = page.locator("#result_list tbody tr")
        expect(rows.first).to_contain_text(urgent.reference)
        expect(rows.nth(1)).to_contain_text(earlier.reference)
        expect(rows.first.locator(".field-waiting")).not_to_contain_text("overdue")
        assert alerts_sent() == "0 alert(s) sent."

        clock.moment = MONDAY_8_55 + timedelta(minutes=61)
        page.reload()
        expect(rows.first.locator(".field-waiting")).to_contain_text("overdue")
        assert alerts_sent() == "1 alert(s) sent."
        assert alerts_sent() == "0 alert(s) sent."
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

    urgent.refresh_from_db()
    assert urgent.first_attempt_at == MONDAY_8_55 + timedelta(minutes=61)
    assert urgent.first_reached_at == MONDAY_8_55 + timedelta(minutes=85)
    assert urgent.next_attempt_due is None
    assert len(mail.outbox) == 1
