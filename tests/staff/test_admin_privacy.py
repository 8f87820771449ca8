"""No admin filter reaches patient records through another record (staff/admin_privacy.py)."""

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth import get_user_model

from appointments.groups import CLINIC_MANAGERS, CONTENT_EDITORS, FRONT_DESK
from appointments.models import AppointmentRequest, Location
from exercises.models import Exercise
from staff.admin_privacy import KeepsPatientDataOut, reaches_patient_data
from tests.factories import AppointmentRequestFactory, LocationFactory, group

pytestmark = pytest.mark.django_db

LOCATIONS = "/admin/appointments/location/"
REQUESTS = "/admin/appointments/appointmentrequest/"
AUDIT = "/admin/auditlog/logentry/"


def admins_opened_by(group_name: str) -> set:
    permissions = group(group_name).permissions.filter(codename__startswith="view_")
    models = {permission.content_type.model_class() for permission in permissions}
    registered = [model for model in models if admin.site.is_registered(model)]
    return {admin.site.get_model_admin(model) for model in registered}


@pytest.mark.parametrize("group_name", [FRONT_DESK, CONTENT_EDITORS, CLINIC_MANAGERS])
def test_every_admin_a_staff_group_opens_keeps_patient_data_out(group_name):
    opened = admins_opened_by(group_name)

    assert opened, "the group opens no admin at all"
    assert [type(model_admin).__name__ for model_admin in opened] == [
        type(model_admin).__name__
        for model_admin in opened
        if isinstance(model_admin, KeepsPatientDataOut)
    ]


def test_the_groups_between_them_open_the_content_locations_requests_and_audit():
    opened = set().union(
        *(admins_opened_by(name) for name in (FRONT_DESK, CONTENT_EDITORS, CLINIC_MANAGERS))
    )

    assert {type(model_admin).__name__ for model_admin in opened} == {
        "ExerciseAdmin",
        "EducationPageAdmin",
        "LocationAdmin",
        "AppointmentRequestAdmin",
        "AuditTrailAdmin",
    }


@pytest.mark.parametrize(
    ("model", "lookup", "reaches"),
    [
        (Location, "appointment_requests", True),
        (Location, "appointment_requests__gt", True),
        (Location, "appointment_requests__id__in", True),
        (Location, "appointment_requests__notes__text__icontains", True),
        (Location, "is_active__exact", False),
        (Location, "name__icontains", False),
        (AppointmentRequest, "location__id__exact", False),
        (AppointmentRequest, "holder__id__exact", False),
        (AppointmentRequest, "notes", True),
        (AppointmentRequest, "status_changes__changed_by", True),
        (LogEntry, "actor__held_appointment_requests__gt", True),
        (LogEntry, "action__exact", False),
        (Exercise, "education_pages__slug", False),
        (get_user_model(), "held_appointment_requests", True),
        (get_user_model(), "statuschange", True),
        (Location, "no_such_field", False),
    ],
)
def test_which_lookups_reach_patient_data(model, lookup, reaches):
    assert reaches_patient_data(model, lookup) is reaches


# --- Through the admin -------------------------------------------------------------------------

THROUGH_A_RELATION = [
    ("content_editor", LOCATIONS, "appointment_requests__gt=0"),
    ("content_editor", LOCATIONS, "appointment_requests=1"),
    ("content_editor", LOCATIONS, "appointment_requests__in=1,2,3"),
    ("content_editor", LOCATIONS, "appointment_requests__isnull=False"),
    ("content_editor", LOCATIONS, "appointment_requests__id__gt=0"),
    ("clinic_manager", LOCATIONS, "appointment_requests__gt=0"),
    ("front_desk_user", LOCATIONS, "appointment_requests__gt=0"),
    ("clinic_manager", REQUESTS, "notes__gt=0"),
    ("clinic_manager", REQUESTS, "status_changes__isnull=False"),
    ("clinic_manager", AUDIT, "actor__held_appointment_requests__gt=0"),  # Django's refusal too
]


@pytest.mark.parametrize(("who", "url", "query"), THROUGH_A_RELATION)
def test_a_filter_through_a_patient_record_is_refused(client, who, url, query, request):
    AppointmentRequestFactory(location=LocationFactory())
    client.force_login(request.getfixturevalue(who))

    response = client.get(f"{url}?{query}")

    # DisallowedModelAdminLookup, a SuspiciousOperation: 400, never the filtered list.
    assert response.status_code == 400
    assert "Armor PT Clinic" not in response.content.decode()


def test_a_refused_filter_is_logged_without_its_value(client, content_editor, caplog):
    client.force_login(content_editor)

    client.get(f"{LOCATIONS}?appointment_requests__in=31337")

    refused = [r for r in caplog.records if r.name == "django.security.DisallowedModelAdminLookup"]
    assert len(refused) == 1
    assert "31337" not in refused[0].getMessage()


def test_the_editors_own_location_filters_still_work(client, content_editor):
    shown, hidden = LocationFactory(), LocationFactory(is_active=False)
    client.force_login(content_editor)

    response = client.get(f"{LOCATIONS}?is_active__exact=1&q={shown.name}")

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [shown]
    assert hidden.name not in response.content.decode()


def test_the_front_desk_filters_still_work(client, front_desk_user):
    here, there = LocationFactory(), LocationFactory()
    mine = AppointmentRequestFactory(location=here, holder=front_desk_user, urgent=False)
    AppointmentRequestFactory(location=there, holder=front_desk_user)
    AppointmentRequestFactory(location=here, status="contacted")
    client.force_login(front_desk_user)
    query = f"status__exact=new&urgent__exact=0&location__id__exact={here.pk}&holder=mine"

    response = client.get(f"{REQUESTS}?{query}")

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]
