"""Backup codes: kept only as keyed digests, each works once; the migration from django-otp's
plain codes (the same code at once from two requests on PostgreSQL: test_backup_codes_race.py)."""

import importlib

import pytest
from django.apps import apps
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from staff import two_factor
from staff.models import BackupCode, BackupCodeDevice
from tests.clock import clock_moved

pytestmark = pytest.mark.django_db

hash_plain_codes = importlib.import_module(
    "staff.migrations.0002_hash_plain_backup_codes"
).hash_plain_codes


def device_of(user) -> BackupCodeDevice:
    return BackupCodeDevice.objects.get(user=user)


def test_the_codes_are_stored_as_digests_only(staff_user):
    codes = two_factor.new_backup_codes(staff_user)

    stored = list(BackupCode.objects.values_list("digest", flat=True))
    assert len(stored) == len(set(codes)) == 10
    assert all(len(digest) == 64 for digest in stored)
    assert not set(codes) & set(stored)
    assert not any(code in digest for code in codes for digest in stored)


def test_a_code_works_once(staff_user):
    code, *_ = two_factor.new_backup_codes(staff_user)

    assert device_of(staff_user).verify_token(code)
    with clock_moved(minutes=1):
        assert not device_of(staff_user).verify_token(code)
    assert two_factor.backup_codes_left(staff_user) == 9


def test_a_code_is_read_as_typed_from_paper(staff_user):
    code, *_ = two_factor.new_backup_codes(staff_user)

    assert device_of(staff_user).verify_token(f" {code[:4].upper()} {code[4:]} ")


def test_a_code_is_refused_for_another_person(staff_user):
    other = type(staff_user).objects.create_user("other", is_staff=True)
    code, *_ = two_factor.new_backup_codes(staff_user)
    two_factor.new_backup_codes(other)

    assert not device_of(other).verify_token(code)
    assert two_factor.backup_codes_left(staff_user) == 10


def test_new_codes_stop_the_old_ones(staff_user):
    old, *_ = two_factor.new_backup_codes(staff_user)
    new, *_ = two_factor.new_backup_codes(staff_user)

    assert not device_of(staff_user).verify_token(old)
    with clock_moved(minutes=1):
        assert device_of(staff_user).verify_token(new)


def test_codes_survive_a_secret_key_rotation_while_the_old_key_is_a_fallback(staff_user, settings):
    first, second, *_ = two_factor.new_backup_codes(staff_user)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-only-0123456789abcdefghijklmnop"

    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert device_of(staff_user).verify_token(first)

    settings.SECRET_KEY_FALLBACKS = []
    with clock_moved(minutes=1):
        assert not device_of(staff_user).verify_token(second)


def test_wrong_codes_pause_the_device(staff_user):
    code, *_ = two_factor.new_backup_codes(staff_user)

    assert not device_of(staff_user).verify_token("wrongcod")
    assert not device_of(staff_user).verify_token(code)  # within django-otp's pause
    with clock_moved(seconds=5):
        assert device_of(staff_user).verify_token(code)


def test_the_migration_hashes_plain_codes_and_removes_them(staff_user, user):
    old = StaticDevice.objects.create(user=staff_user, name="Backup codes", confirmed=True)
    StaticToken.objects.bulk_create(
        StaticToken(device=old, token=token) for token in ["abcd2345", "efgh6723"]
    )
    StaticDevice.objects.create(user=user, name="Backup codes", confirmed=False)

    hash_plain_codes(apps, schema_editor=None)

    assert not StaticDevice.objects.exists()
    assert not StaticToken.objects.exists()
    new = device_of(staff_user)
    assert new.confirmed
    assert not device_of(user).confirmed
    assert two_factor.backup_codes_left(staff_user) == 2
    assert "abcd2345" not in BackupCode.objects.values_list("digest", flat=True)
    assert new.verify_token("abcd2345")
    with clock_moved(minutes=1):
        assert not new.verify_token("abcd2345")
    with clock_moved(minutes=2):
        assert new.verify_token("EFGH 6723")
