"""The staff sign-in pages in the browser: password, set up the app, backup codes; axe on each."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.factories import StaffUserFactory


@pytest.fixture
def enforced(settings):
    settings.REQUIRE_TWO_FACTOR = True


def test_staff_sign_in_and_set_up_two_step_sign_in(site, page, enforced):
    StaffUserFactory(username="frontdesk")

    page.goto(site + "/admin/")
    assert page.url.startswith(site + "/admin/login/")
    assert_no_axe_violations(page)
    page.get_by_label("Username").fill("frontdesk")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url("**/two-factor/set-up/**")
    assert page.locator("svg.qr-code").is_visible()
    assert page.locator("svg.qr-code").bounding_box()["width"] > 150
    assert_no_axe_violations(page)

    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("That code did not work")).to_be_visible()
    assert_no_axe_violations(page)

    device = TOTPDevice.objects.get(user__username="frontdesk")
    device.throttle_reset()  # no waiting out django-otp's pause in a test
    code = f"{totp(device.bin_key):06d}"
    page.get_by_label("Code from the app").fill(code)
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/two-factor/backup-codes/**")
    assert page.locator(".staff-codes li").count() == 10
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Continue to the staff admin").click()
    expect(page.get_by_role("heading", name="Requests and content")).to_be_visible()


def test_the_code_page_passes_axe(site, page, enforced):
    user = StaffUserFactory(username="manager")
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)

    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url("**/two-factor/?next=**")
    assert_no_axe_violations(page)
