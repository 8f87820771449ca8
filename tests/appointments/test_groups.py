"""The staff groups (appointments/groups.py) hold exactly their permissions."""

import pytest

from appointments.groups import CLINIC_MANAGERS, CONTENT_EDITORS, FRONT_DESK
from tests.factories import group

pytestmark = pytest.mark.django_db


def test_the_groups_hold_exactly_their_permissions():
    front_desk = set(group(FRONT_DESK).permissions.values_list("codename", flat=True))
    editors = set(group(CONTENT_EDITORS).permissions.values_list("codename", flat=True))

    assert front_desk == {
        "view_appointmentrequest",
        "change_appointmentrequest",
        "view_staffnote",
        "add_staffnote",
        "view_contactattempt",
        "add_contactattempt",
        "view_statuschange",
        "view_location",
        "view_openinghours",
        "view_closureday",
    }
    for model in ("exercise", "educationpage", "location", "openinghours", "closureday"):
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model}" in editors
    front_desk_models = ("appointmentrequest", "note", "attempt")
    assert not {code for code in editors if any(model in code for model in front_desk_models)}


# --- The managers' group ---------------------------------------------------------------------


def test_clinic_managers_hold_the_front_desk_and_delete_export_and_audit():
    front_desk = set(group(FRONT_DESK).permissions.all())
    managers = set(group(CLINIC_MANAGERS).permissions.all())

    assert front_desk < managers
    assert {p.codename for p in managers - front_desk} == {
        "delete_appointmentrequest",
        "export_appointmentrequest",
        "report_appointmentrequest",
        "view_logentry",
    }
