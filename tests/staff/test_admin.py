"""The admin of staff second steps: backup codes show how many are left, never a code;
passkeys can be removed."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from staff import two_factor
from staff.models import BackupCode, BackupCodeDevice

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/staff/backupcodedevice/"
PASSKEYS = "/admin/django_otp_webauthn/webauthncredential/"


def test_the_backup_codes_admin_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_the_backup_codes_admin_is_forbidden_to_staff_without_the_permission(
    client, front_desk_user
):
    client.force_login(front_desk_user)

    assert client.get(CHANGELIST).status_code == 403


def test_a_superuser_sees_how_many_codes_are_left_but_no_code(client, superuser, staff_user):
    two_factor.new_backup_codes(staff_user)
    device = BackupCodeDevice.objects.get(user=staff_user)
    client.force_login(superuser)

    changelist = client.get(CHANGELIST)
    change = client.get(f"{CHANGELIST}{device.pk}/change/")

    assert changelist.status_code == 200
    assert change.status_code == 200
    assert list(changelist.context["cl"].result_list) == [device]
    assert changelist.context["cl"].result_list[0].codes_count == 10
    for digest in BackupCode.objects.values_list("digest", flat=True):
        assert digest not in changelist.content.decode() + change.content.decode()


def test_a_superuser_resets_someones_codes_by_deleting_them(client, superuser, staff_user):
    two_factor.new_backup_codes(staff_user)
    device = BackupCodeDevice.objects.get(user=staff_user)
    client.force_login(superuser)

    client.post(f"{CHANGELIST}{device.pk}/delete/", {"post": "yes"})

    assert two_factor.backup_codes_left(staff_user) == 0
    assert not two_factor.has_second_factor(staff_user)


def test_passkeys_are_in_the_admin_for_superusers_only(client, superuser, front_desk_user):
    WebAuthnCredential.objects.create(
        user=front_desk_user, name="Passkey", confirmed=True, credential_id=b"id", public_key=b"k"
    )
    client.force_login(front_desk_user)
    assert client.get(PASSKEYS).status_code == 403

    client.force_login(superuser)
    response = client.get(PASSKEYS)

    assert response.status_code == 200
    assert "frontdesk" in response.content.decode()
