"""The sign-in lock-out: per username and address, and per username from anywhere."""

import io
from ipaddress import ip_network

import pytest
from django.core.management import call_command

from tests.clock import clock_moved
from tests.staff.helpers import PASSWORD
from tests.staff.helpers import sign_in as staff_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 6


def sign_in(client, username, password=PASSWORD, address="192.0.2.1", **headers):
    return staff_sign_in(client, username, password, REMOTE_ADDR=address, **headers)


def fail(client, username, times, address="192.0.2.1", **headers):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password-1", address, **headers)
        assert response.status_code in (200, 429)
    return response


def from_many_addresses(client, username, times):
    for n in range(times):
        fail(client, username, 1, address=f"198.51.100.{n + 1}")


@pytest.mark.usefixtures("small_limits")
def test_one_username_from_many_addresses_is_locked_out_everywhere(client, staff_user):
    from_many_addresses(client, staff_user.username, 6)

    response = sign_in(client, staff_user.username, address="203.0.113.50")

    assert response.status_code == 429
    page = response.content.decode()
    assert "6 wrong passwords</strong> for this account within 15 minutes" in page
    assert "cannot sign in from anywhere until 15 minutes pass" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("small_limits")
def test_fewer_than_the_username_limit_from_many_addresses_still_let_the_right_one_in(
    client, staff_user
):
    from_many_addresses(client, staff_user.username, 5)

    assert sign_in(client, staff_user.username, address="203.0.113.50").status_code == 302


@pytest.mark.usefixtures("small_limits")
def test_the_username_lock_out_is_for_that_username_only(client, staff_user, superuser):
    from_many_addresses(client, staff_user.username, 6)

    assert sign_in(client, superuser.username, address="203.0.113.50").status_code == 302


@pytest.mark.usefixtures("small_limits")
def test_the_documented_reset_lets_the_real_person_in(client, staff_user):
    from_many_addresses(client, staff_user.username, 6)
    assert sign_in(client, staff_user.username).status_code == 429

    output = io.StringIO()
    call_command("axes_reset_username", staff_user.username, stdout=output)

    assert "attempts removed" in output.getvalue()

    assert sign_in(client, staff_user.username).status_code == 302


@pytest.mark.usefixtures("small_limits")
def test_the_pair_lock_out_stays_at_its_own_limit_and_address(client, staff_user):
    fail(client, staff_user.username, 3, address="192.0.2.1")

    locked = sign_in(client, staff_user.username, address="192.0.2.1")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "3 wrong passwords</strong> in a row for this account" in page
    assert "cannot sign in from here for the next 15 minutes" in page
    assert sign_in(client, staff_user.username, address="192.0.2.2").status_code == 302


@pytest.mark.usefixtures("small_limits")
def test_a_forged_forwarded_for_from_a_direct_connection_does_not_escape(
    client, staff_user, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]
    for n in range(3):
        fail(client, staff_user.username, 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}")

    response = sign_in(client, staff_user.username, HTTP_X_FORWARDED_FOR="198.51.100.99")

    assert response.status_code == 429


# At the default limits -------------------------------------------------------------------


def test_four_wrong_passwords_still_let_the_right_one_in(client, staff_user):
    for _ in range(4):
        assert sign_in(client, staff_user.username, "wrong-password-1").status_code == 200

    assert sign_in(client, staff_user.username).status_code == 302


def test_the_fifth_wrong_password_locks_out_even_the_right_one(client, staff_user):
    assert fail(client, staff_user.username, 5).status_code == 429

    response = sign_in(client, staff_user.username)

    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_out_ends_after_the_window(client, staff_user):
    fail(client, staff_user.username, 5)

    with clock_moved(minutes=14):
        assert sign_in(client, staff_user.username).status_code == 429
    with clock_moved(minutes=31):  # 15 minutes after the last refused attempt
        response = sign_in(client, staff_user.username)

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_the_lock_out_is_for_that_username_only(client, staff_user, superuser):
    fail(client, staff_user.username, 5)

    assert sign_in(client, superuser.username).status_code == 302


def test_behind_a_trusted_proxy_each_client_is_counted_apart(client, staff_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]
    proxy = "10.0.0.1"
    fail(client, staff_user.username, 5, proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")

    again = sign_in(client, staff_user.username, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert again.status_code == 429
    other = sign_in(client, staff_user.username, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 302
