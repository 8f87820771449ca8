"""axe-core on every public page and the front desk's admin pages, at phone and desktop widths;
no sideways scrolling at 320 px, nor at 640 px (a 1280 px screen zoomed to 200 %)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from appointments.contact import record_attempt
from appointments.groups import CLINIC_MANAGERS, CONTENT_EDITORS, FRONT_DESK
from appointments.models import ContactOutcome, Location, RequestStatus, StaffNote
from appointments.services import change_status
from tests.browser.conftest import VIEWPORTS, assert_no_axe_violations
from tests.factories import AppointmentRequestFactory, StaffUserFactory, group
from tests.public_urls import PUBLIC_PAGES


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violation(site, open_page, path):
    # Both widths in one test: the demo content is loaded once, not once per width.
    page = open_page(VIEWPORTS["phone"])
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        page.goto(site + path)

        assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [320, 640], ids=["320px", "200pct-zoom"])
def test_every_public_page_fits_without_sideways_scrolling(site, open_page, width):
    page = open_page({"width": width, "height": 640})
    overflows = {}
    for path in PUBLIC_PAGES:
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            overflows[path] = overflow

    assert overflows == {}, f"pages that scroll sideways at {width}px (by px): {overflows}"


def sign_in(site, page, username: str) -> None:
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")


def test_the_front_desk_admin_pages_have_no_axe_violation(site, page):
    desk = StaffUserFactory(username="desk", groups=[group(FRONT_DESK)])
    request = AppointmentRequestFactory(urgent=True, red_flag_cannot_bear_weight=True)
    StaffNote.objects.create(request=request, author=desk, text="Left a voicemail.")
    change_status(request, RequestStatus.CONTACTED, desk)
    record_attempt(request, ContactOutcome.REACHED_NOT_BOOKED, desk)
    waiting = AppointmentRequestFactory()
    record_attempt(waiting, ContactOutcome.NO_ANSWER, desk)

    sign_in(site, page, "desk")
    assert_no_axe_violations(page)

    for path in [
        "/admin/appointments/appointmentrequest/",
        "/admin/appointments/appointmentrequest/?status__exact=new",
        f"/admin/appointments/appointmentrequest/{request.pk}/change/",
    ]:
        page.goto(site + path)
        assert_no_axe_violations(page)

    # A row's outcomes, open: the work list's two clicks.
    page.goto(site + "/admin/appointments/appointmentrequest/")
    page.locator("details.log-attempt summary").first.click()
    assert_no_axe_violations(page)


def test_the_managers_report_has_no_axe_violation(site, page):
    StaffUserFactory(username="manager", groups=[group(CLINIC_MANAGERS)])
    received = timezone.now() - timedelta(days=2)
    AppointmentRequestFactory(received_at=received, first_attempt_at=received + timedelta(hours=1))
    AppointmentRequestFactory(location=None)

    sign_in(site, page, "manager")
    page.goto(site + "/admin/appointments/appointmentrequest/report/")

    assert page.locator("svg.report-chart__svg").count() == 8
    assert_no_axe_violations(page)


def test_the_hours_inline_of_a_location_has_no_axe_violation(site, page):
    StaffUserFactory(username="editor", groups=[group(CONTENT_EDITORS)])
    location = Location.objects.get()

    sign_in(site, page, "editor")
    page.goto(site + f"/admin/appointments/location/{location.pk}/change/")
    page.locator("#id_opening_hours-0-closes").fill("06:00")  # before it opens
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("Closing time must be after the opening time.")).to_be_visible()
    assert_no_axe_violations(page)
