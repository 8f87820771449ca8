"""Staff sign-in: two-step sign-in, session limits, passwords (the lock-out: test_lockout.py)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import two_factor
from tests.clock import clock_moved
from tests.staff.helpers import LOGIN, PASSWORD

pytestmark = pytest.mark.django_db


def test_client_login_works_with_axes_when_given_a_request(client, staff_user):
    assert client.login(request=HttpRequest(), username=staff_user.username, password=PASSWORD)
    assert client.get("/admin/").status_code == 200


# --- Two-step sign-in -----------------------------------------------------------------------


@pytest.fixture
def enforced(settings):
    settings.REQUIRE_TWO_FACTOR = True


def app_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_of(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_without_enforcement_the_admin_needs_no_second_factor(client, staff_user, settings):
    settings.REQUIRE_TWO_FACTOR = False
    client.force_login(staff_user)

    assert client.get("/admin/").status_code == 200


def test_enforced_staff_without_a_device_are_sent_to_set_one_up(client, staff_user, enforced):
    client.force_login(staff_user)

    response = client.get("/admin/appointments/appointmentrequest/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/two-factor/set-up/?next=")
    assert client.get(LOGIN).status_code == 302  # the login page sends them on too


def test_signing_in_with_a_password_leads_to_the_code_page(client, staff_user, enforced):
    app_for(staff_user)

    response = client.post(
        LOGIN,
        {"username": staff_user.username, "password": PASSWORD, "next": "/admin/"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/admin/two-factor/?next=%2Fadmin%2F"
    assert "Enter your code" in response.content.decode()


def test_a_verified_app_code_opens_the_admin(client, staff_user, enforced):
    device = app_for(staff_user)
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 302

    response = client.post("/admin/two-factor/", {"code": code_of(device), "next": "/admin/"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, staff_user, enforced):
    app_for(staff_user)
    client.force_login(staff_user)

    response = client.post("/admin/two-factor/", {"code": "000000"})

    assert response.status_code == 200
    assert "That code did not work" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, staff_user, enforced):
    app_for(staff_user)
    first, second, *_ = two_factor.new_backup_codes(staff_user)
    client.force_login(staff_user)

    assert client.post("/admin/two-factor/", {"code": first}).status_code == 302
    assert client.get("/admin/").status_code == 200

    client.logout()
    client.force_login(staff_user)
    refused = client.post("/admin/two-factor/", {"code": first})
    assert refused.status_code == 200
    assert client.get("/admin/").status_code == 302
    with clock_moved(minutes=1):  # past django-otp's pause after a wrong code
        assert client.post("/admin/two-factor/", {"code": second}).status_code == 302
    assert two_factor.backup_codes_left(staff_user) == 8


def test_setting_up_an_app_shows_a_server_drawn_qr_code_then_backup_codes(
    client, staff_user, enforced
):
    client.force_login(staff_user)

    page = client.get("/admin/two-factor/set-up/?next=/admin/").content.decode()
    assert '<svg role="img" aria-label="QR code' in page
    assert "otpauth" not in page  # drawn here, not a link to an image service
    assert "style=" not in page

    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    response = client.post(
        "/admin/two-factor/set-up/", {"code": code_of(device), "next": "/admin/"}, follow=True
    )

    device.refresh_from_db()
    assert device.confirmed
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200
    later = client.get("/admin/two-factor/backup-codes/").content.decode()
    assert codes[0] not in later  # shown only once
    assert "10</strong> backup codes left" in later


def test_a_password_alone_cannot_replace_the_app(client, staff_user, enforced):
    app_for(staff_user)
    client.force_login(staff_user)

    response = client.get("/admin/two-factor/set-up/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/two-factor/?next=")
    assert not TOTPDevice.objects.filter(user=staff_user, confirmed=False).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/two-factor/",
        "/admin/two-factor/set-up/",
        "/admin/two-factor/backup-codes/",
        "/admin/two-factor/passkeys/",
    ],
)
def test_the_second_step_is_for_signed_in_staff_only(client, user, path):
    assert client.get(path).headers["Location"].startswith(LOGIN)
    client.force_login(user)  # not staff
    assert client.get(path).status_code == 403


def test_an_unverified_user_can_still_sign_out(client, staff_user, enforced):
    client.force_login(staff_user)

    client.post("/admin/logout/")

    assert "_auth_user_id" not in client.session


# --- Sessions -------------------------------------------------------------------------------


def test_a_session_ends_after_30_idle_minutes(client, staff_user):
    client.force_login(staff_user)
    with clock_moved(minutes=29):
        assert client.get("/admin/").status_code == 200
    with clock_moved(minutes=29 + 29):  # activity renewed it
        assert client.get("/admin/").status_code == 200
    with clock_moved(minutes=29 + 29 + 31):
        response = client.get("/admin/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith(LOGIN)


def test_a_session_ends_after_8_hours_however_active(client, staff_user):
    client.force_login(staff_user)
    for minutes in range(20, 8 * 60, 20):
        with clock_moved(minutes=minutes):
            assert client.get("/admin/").status_code == 200, minutes

    with clock_moved(hours=8, minutes=1):
        response = client.get("/admin/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith(LOGIN)
    assert "signed out after 8 hours" in client.get(LOGIN).content.decode()


# --- Passwords ------------------------------------------------------------------------------


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Zx9-wq!ty7k")
    validate_password("Zx9-wq!ty7kP")
