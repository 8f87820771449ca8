"""The locations admin (appointments/admin.py LocationAdmin): what editors see and change."""

import pytest
from auditlog.models import LogEntry
from django.db.models import ProtectedError

from appointments.models import Location
from tests.admin_forms import form_as_sent
from tests.factories import AppointmentRequestFactory, LocationFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_the_login_page(client, location):
    response = client.get("/admin/appointments/location/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_staff_without_permission_is_refused(client, staff_user, location):
    client.force_login(staff_user)

    assert client.get("/admin/appointments/location/").status_code == 403


def test_superuser_can_list_add_and_change_locations(admin_client, location):
    change = f"/admin/appointments/location/{location.pk}/change/"
    add = "/admin/appointments/location/add/"

    listed = admin_client.get("/admin/appointments/location/")
    changed = admin_client.post(change, form_as_sent(admin_client.get(change), locality="Bronx"))
    added = admin_client.post(add, form_as_sent(admin_client.get(change), name="Armor PT Harlem"))

    assert location.name in listed.content.decode()
    assert (changed.status_code, added.status_code) == (302, 302)
    location.refresh_from_db()
    assert location.locality == "Bronx"
    assert Location.objects.get(name="Armor PT Harlem").locality == "Bronx"


def test_the_content_editor_can_edit_locations(client, content_editor, location):
    client.force_login(content_editor)
    url = f"/admin/appointments/location/{location.pk}/change/"

    response = client.post(url, form_as_sent(client.get(url), name="Armor PT Harlem"))

    assert response.status_code == 302
    location.refresh_from_db()
    assert location.name == "Armor PT Harlem"


@pytest.mark.parametrize("who", ["front_desk_user", "clinic_manager"])
def test_who_only_views_locations_cannot_change_them(client, location, who, request):
    client.force_login(request.getfixturevalue(who))
    url = f"/admin/appointments/location/{location.pk}/change/"
    page = client.get(url)

    response = client.post(url, form_as_sent(page, name="Armor PT Harlem"))

    assert page.status_code == 200
    assert response.status_code == 403
    location.refresh_from_db()
    assert location.name != "Armor PT Harlem"


def test_an_invalid_phone_gets_an_error_next_to_the_field(admin_client, location):
    response = admin_client.post(
        f"/admin/appointments/location/{location.pk}/change/",
        {
            "name": location.name,
            "phone": "call us maybe",
            "hours": location.hours,
            "street_address": location.street_address,
            "locality": location.locality,
            "region": location.region,
            "postal_code": location.postal_code,
            "is_active": "on",
            "display_order": 0,
        },
    )

    assert response.status_code == 200
    assert "Enter a phone number such as (212) 555-0142." in response.content.decode()
    location.refresh_from_db()
    assert location.phone == "(212) 555-0142"


def test_admin_pages_carry_the_csp_and_no_inline_script(admin_client, location):
    html = admin_client.get(f"/admin/appointments/location/{location.pk}/change/")

    assert "unsafe-inline" not in html.headers["Content-Security-Policy"]
    assert "<script>" not in html.content.decode()


# --- Deleting: a location requests chose is hidden, never deleted --------------------------------

LOCATIONS = "/admin/appointments/location/"


def test_deleting_a_location_that_requests_chose_is_refused(client, content_editor, location):
    chosen = AppointmentRequestFactory(location=location)
    client.force_login(content_editor)

    page = client.get(f"{LOCATIONS}{location.pk}/delete/")
    posted = client.post(f"{LOCATIONS}{location.pk}/delete/", {"post": "yes"})

    for response in (page, posted):
        assert response.status_code == 200
        html = response.content.decode()
        assert "Cannot delete location" in html
        assert "untick “shown on the site” instead" in html
        assert chosen.reference not in html  # nor which requests, nor how many
    chosen.refresh_from_db()
    assert chosen.location == location
    assert not LogEntry.objects.filter(action=LogEntry.Action.UPDATE).exists()


def test_a_location_no_request_chose_can_be_deleted(client, content_editor, location):
    client.force_login(content_editor)

    response = client.post(f"{LOCATIONS}{location.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Location.objects.filter(pk=location.pk).exists()


def test_the_delete_action_refuses_all_when_a_request_chose_one(client, content_editor):
    chosen, unused = LocationFactory(), LocationFactory()
    appointment = AppointmentRequestFactory(location=chosen)
    client.force_login(content_editor)
    action = {"action": "delete_selected", "_selected_action": [chosen.pk, unused.pk]}

    response = client.post(LOCATIONS, {**action, "post": "yes"})

    assert response.status_code == 200
    assert "untick “shown on the site” instead" in response.content.decode()
    assert appointment.reference not in response.content.decode()
    assert Location.objects.filter(pk__in=[chosen.pk, unused.pk]).count() == 2
    appointment.refresh_from_db()
    assert appointment.location == chosen


def test_the_delete_action_deletes_locations_no_request_chose(client, content_editor):
    unused = LocationFactory()
    client.force_login(content_editor)
    action = {"action": "delete_selected", "_selected_action": [unused.pk]}

    response = client.post(LOCATIONS, {**action, "post": "yes"})

    assert response.status_code == 302
    assert not Location.objects.filter(pk=unused.pk).exists()


def test_the_database_keeps_a_chosen_location_whoever_deletes_it(location):
    AppointmentRequestFactory(location=location)

    with pytest.raises(ProtectedError):
        location.delete()
