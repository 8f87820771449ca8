"""The locations admin (appointments/admin.py LocationAdmin): what editors see and change."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_the_login_page(client, location):
    response = client.get("/admin/appointments/location/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_staff_without_permission_is_refused(client, staff_user, location):
    client.force_login(staff_user)

    assert client.get("/admin/appointments/location/").status_code == 403


def test_superuser_can_list_add_and_change_locations(admin_client, location):
    assert admin_client.get("/admin/appointments/location/").status_code == 200
    assert admin_client.get("/admin/appointments/location/add/").status_code == 200
    assert (
        admin_client.get(f"/admin/appointments/location/{location.pk}/change/").status_code == 200
    )


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
