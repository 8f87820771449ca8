"""Passkeys as a second step: the page that registers them, the second step offering one, and
django-otp-webauthn's endpoints kept to a second step (the ceremonies: tests/browser/)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff import two_factor
from tests.staff.helpers import LOGIN

pytestmark = pytest.mark.django_db

PASSKEYS = "/admin/two-factor/passkeys/"
VERIFY = "/admin/two-factor/"


@pytest.fixture
def enforced(settings):
    settings.REQUIRE_TWO_FACTOR = True


def passkey_for(user, n=1) -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user,
        name="Passkey",
        confirmed=True,
        credential_id=f"credential-{user.pk}-{n}".encode(),
        public_key=b"not a real key",
    )


def signed_in_with(client, device) -> None:
    """Both steps done, the second with this device (as django_otp.login records it)."""
    client.force_login(device.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def scripts_of(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page)


def test_the_passkeys_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(PASSKEYS)

    assert response.status_code == 302
    assert response.headers["Location"].startswith(LOGIN)


def test_the_passkeys_page_is_forbidden_to_non_staff(client, user):
    client.force_login(user)

    assert client.get(PASSKEYS).status_code == 403


def test_the_passkeys_page_lists_a_staff_members_own_passkeys(client, staff_user, superuser):
    own = passkey_for(staff_user)
    passkey_for(superuser)
    signed_in_with(client, own)

    response = client.get(PASSKEYS)

    assert response.status_code == 200
    assert response.context["passkeys"] == [own]
    page = response.content.decode()
    assert 'id="passkey-register-button"' in page
    assert "Your passkey is added" not in page


def test_a_staff_member_without_any_second_step_may_add_a_first_passkey(client, staff_user):
    client.force_login(staff_user)

    assert client.get(PASSKEYS).status_code == 200


def test_the_passkeys_page_takes_the_same_queries_for_one_passkey_or_five(client, staff_user):
    signed_in_with(client, passkey_for(staff_user))
    client.get(PASSKEYS)
    with CaptureQueriesContext(connection) as one:
        client.get(PASSKEYS)
    for n in range(2, 6):
        passkey_for(staff_user, n)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(PASSKEYS).context["passkeys"]) == 5

    assert len(five.captured_queries) == len(one.captured_queries)


def test_a_password_alone_cannot_add_a_passkey(client, staff_user, enforced):
    TOTPDevice.objects.create(user=staff_user, name="Authenticator app", confirmed=True)
    client.force_login(staff_user)

    page = client.get(PASSKEYS)
    begin = client.post("/admin/passkey/registration/begin/")

    assert page.status_code == 302
    assert page.headers["Location"].startswith(VERIFY + "?next=")
    assert begin.status_code == 403
    assert "verify your identity" in begin.json()["detail"]


def test_a_passkey_never_signs_anyone_in_without_the_password(client):
    response = client.post("/admin/passkey/authentication/begin/")

    assert response.status_code == 403
    assert response.json()["code"] == "passwordless_login_disabled"
    assert "_auth_user_id" not in client.session


def test_the_second_step_offers_a_passkey_with_scripts_from_this_site_only(
    client, staff_user, enforced
):
    TOTPDevice.objects.create(user=staff_user, name="Authenticator app", confirmed=True)
    passkey_for(staff_user)
    client.force_login(staff_user)

    page = client.get(f"{VERIFY}?next=/admin/").content.decode()

    assert "Use a passkey" in page
    assert 'name="code"' in page
    scripts = scripts_of(page)
    module = '<script type="module" src="/static/django_otp_webauthn/otp_webauthn_auth.js">'
    catalog = '<script src="/admin/passkey/jsi18n/" defer>'
    # Deferred, not async: the translations' gettext must exist before the module can call it.
    assert scripts.index(catalog) < scripts.index(module)
    # Under the site's CSP (script-src 'self'): every script is a file from here, or data.
    for tag in scripts:
        assert re.search(r'src="/|type="application/json"', tag), tag


def test_with_only_a_passkey_the_second_step_asks_for_no_code(client, staff_user, enforced):
    passkey_for(staff_user)
    client.force_login(staff_user)

    assert client.get("/admin/").headers["Location"].startswith(VERIFY + "?next=")
    response = client.get(f"{VERIFY}?next=/admin/")

    page = response.content.decode()
    assert response.context["title"] == "Use your passkey"
    assert 'name="code"' not in page
    assert '<input type="hidden" name="next" value="/admin/"' in page
    assert "Use a passkey" in page


def test_without_a_passkey_the_second_step_loads_no_passkey_script(client, staff_user, enforced):
    TOTPDevice.objects.create(user=staff_user, name="Authenticator app", confirmed=True)
    client.force_login(staff_user)

    page = client.get(VERIFY).content.decode()

    assert "Use a passkey" not in page
    assert "otp_webauthn" not in page


def test_backup_codes_alone_lead_to_the_code_page(client, staff_user, enforced):
    two_factor.new_backup_codes(staff_user)
    client.force_login(staff_user)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(VERIFY + "?next=")
    assert "Type one of your backup codes." in response.content.decode()


def test_the_admin_links_to_the_passkeys_page(client, staff_user):
    client.force_login(staff_user)

    assert f'href="{PASSKEYS}"' in client.get("/admin/").content.decode()
