"""The project's commands: load_clinic_content and create_local_staff."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from appointments.models import Location
from staff import two_factor
from staff.models import BackupCode

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    call_command("load_clinic_content", stdout=out)
    return out.getvalue()


def test_loading_the_clinic_content_twice_adds_it_once():
    assert "locations: 1 added" in load()
    assert "locations: 0 added" in load()

    assert Location.objects.count() == 1


def test_loading_the_clinic_content_never_overwrites_staff_edits():
    load()
    Location.objects.update(name="Armor PT Downtown", phone="(917) 555-0123")

    load()

    location = Location.objects.get()
    assert (location.name, location.phone) == ("Armor PT Downtown", "(917) 555-0123")


def test_demo_location_is_valid():
    load()

    location = Location.objects.get()
    location.full_clean()
    for span in location.opening_hours.all():
        span.full_clean()
    assert location.hours_lines == [
        "Monday to Friday: 7 am – 7 pm",
        "Saturday: 8 am – 1 pm",
        "Sunday: closed",
    ]


def test_create_local_staff_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("create_local_staff")

    assert not get_user_model().objects.exists()


def test_create_local_staff_makes_a_superuser_with_a_printed_password(settings):
    settings.DEBUG = True
    out = io.StringIO()

    call_command("create_local_staff", stdout=out)

    account_line, codes_line = out.getvalue().splitlines()
    password = account_line.rsplit("password: ", 1)[1].strip()
    user = get_user_model().objects.get(username="staff")
    assert user.is_staff
    assert user.is_superuser
    assert user.check_password(password)
    codes = codes_line.rsplit(": ", 1)[1].split()
    assert len(codes) == 10
    assert two_factor.backup_codes_left(user) == 10
    assert not BackupCode.objects.filter(digest__in=codes).exists()  # digests, not the codes
