"""Passkeys in the browser, with Chromium's virtual authenticator (DevTools protocol): register
one, sign out, sign in with the password and the passkey; axe on each page at both widths."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from appointments.groups import FRONT_DESK
from staff import two_factor
from staff.models import BackupCodeDevice
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import StaffUserFactory, SuperUserFactory, group

PASSWORD = "correct-horse-battery"


@pytest.fixture
def passkeys_here(site, settings):
    """Two-step sign-in on, and passkeys bound to the live server: localhost, a secure context
    for Chromium over plain HTTP (an IP address cannot be a passkey's relying party)."""
    assert site.startswith("http://localhost:")
    settings.REQUIRE_TWO_FACTOR = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [site]
    return site


def add_virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def sign_in_with_password(page, site, username) -> None:
    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/two-factor/**")


def test_register_a_passkey_then_sign_in_with_it(passkeys_here, page):
    site = passkeys_here
    user = StaffUserFactory(username="frontdesk", groups=[group(FRONT_DESK)])
    app = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    add_virtual_authenticator(page)

    sign_in_with_password(page, site, "frontdesk")
    page.get_by_label("Code").fill(f"{totp(app.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Requests and content")).to_be_visible()

    page.get_by_role("link", name="Passkeys").click()
    expect(page.get_by_role("heading", name="Passkeys")).to_be_visible()
    expect(page.get_by_text("You have no passkey yet.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Your passkey is added.")).to_be_visible()
    expect(page.locator(".staff-passkeys li")).to_have_count(1)
    assert_no_axe_violations(page)
    assert WebAuthnCredential.objects.filter(user=user, confirmed=True).count() == 1

    page.get_by_role("button", name="Sign out").click()
    sign_in_with_password(page, site, "frontdesk")
    page.goto(site + "/admin/appointments/appointmentrequest/")
    page.wait_for_url("**/two-factor/?next=**")  # a password alone still opens nothing
    expect(page.get_by_role("button", name="Use a passkey")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Use a passkey").click()

    page.wait_for_url(site + "/admin/appointments/appointmentrequest/")
    expect(page.locator("#changelist")).to_be_visible()  # the admin lets them in
    assert WebAuthnCredential.objects.get(user=user).last_used_at is not None


def test_a_passkey_can_be_the_first_second_step(passkeys_here, page):
    site = passkeys_here
    StaffUserFactory(username="newcomer")
    add_virtual_authenticator(page)

    sign_in_with_password(page, site, "newcomer")
    page.goto(site + "/admin/")
    page.wait_for_url("**/two-factor/set-up/**")  # no second step yet: the admin refuses
    page.get_by_role("link", name="Add a passkey instead").click()
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Your passkey is added.")).to_be_visible()
    page.get_by_role("link", name="Continue to the staff admin").click()

    expect(page.get_by_role("heading", name="Requests and content")).to_be_visible()


def test_the_second_step_admin_pages_pass_axe(site, page):
    manager = SuperUserFactory(username="manager")
    two_factor.new_backup_codes(manager)
    WebAuthnCredential.objects.create(
        user=manager, name="Passkey", confirmed=True, credential_id=b"id", public_key=b"key"
    )
    device = BackupCodeDevice.objects.get(user=manager)

    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")
    for path in [
        "/admin/staff/backupcodedevice/",
        f"/admin/staff/backupcodedevice/{device.pk}/change/",
        "/admin/django_otp_webauthn/webauthncredential/",
    ]:
        page.goto(site + path)
        assert_no_axe_violations(page)
