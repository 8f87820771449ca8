"""The locations admin (appointments/admin.py LocationAdmin): what editors see and change."""

import re

import pytest
from auditlog.models import LogEntry
from django.db.models import ProtectedError
from django.utils import timezone

from appointments.models import ClosureDay, Location, OpeningHours
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
    copied = form_as_sent(admin_client.get(change), inlines=False, name_en="Armor PT Harlem")
    added = admin_client.post(add, {**form_as_sent(admin_client.get(add)), **copied})

    assert location.name in listed.content.decode()
    assert (changed.status_code, added.status_code) == (302, 302)
    location.refresh_from_db()
    assert location.locality == "Bronx"
    assert Location.objects.get(name="Armor PT Harlem").locality == "Bronx"


def test_the_content_editor_can_edit_locations(client, content_editor, location):
    client.force_login(content_editor)
    url = f"/admin/appointments/location/{location.pk}/change/"

    response = client.post(url, form_as_sent(client.get(url), name_en="Armor PT Harlem"))

    assert response.status_code == 302
    location.refresh_from_db()
    assert location.name == "Armor PT Harlem"


@pytest.mark.parametrize("who", ["front_desk_user", "clinic_manager"])
def test_who_only_views_locations_cannot_change_them(client, location, who, request):
    client.force_login(request.getfixturevalue(who))
    url = f"/admin/appointments/location/{location.pk}/change/"
    page = client.get(url)

    response = client.post(url, form_as_sent(page, name_en="Armor PT Harlem"))

    assert page.status_code == 200
    assert response.status_code == 403
    location.refresh_from_db()
    assert location.name != "Armor PT Harlem"


def location_form(location, hours=(), closures=(), **overrides) -> dict:
    """The location's change form as a browser posts it, with new opening hours and closures
    (the location's own are left out: give it opening_hours=[])."""
    data = {
        "name_en": location.name,
        "phone": location.phone,
        "street_address": location.street_address,
        "locality": location.locality,
        "region": location.region,
        "postal_code": location.postal_code,
        "is_active": "on",
        "display_order": 0,
    }
    for prefix, rows, fields in [
        ("opening_hours", hours, ["weekday", "opens", "closes"]),
        ("closure_days", closures, ["date", "reason"]),
    ]:
        data |= {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        for number, row in enumerate(rows):
            values = zip(fields, row, strict=True)
            data |= {f"{prefix}-{number}-{field}": value for field, value in values}
    return data | overrides


def change_url(location) -> str:
    return f"/admin/appointments/location/{location.pk}/change/"


def test_an_invalid_phone_gets_an_error_next_to_the_field(admin_client, location):
    response = admin_client.post(
        change_url(location), location_form(location, phone="call us maybe")
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


# --- Opening hours and closure days, inline -------------------------------------------------


@pytest.fixture
def no_hours_yet(db):
    return LocationFactory(opening_hours=[])


def test_two_spans_a_day_are_saved_and_the_footer_shows_them(admin_client, client, no_hours_yet):
    client.get("/")  # keeps the page and the location, as on a running site
    hours = [(0, "07:00", "12:00"), (0, "13:00", "19:00"), (1, "07:00", "19:00")]

    response = admin_client.post(change_url(no_hours_yet), location_form(no_hours_yet, hours))

    assert response.status_code == 302
    assert [str(span) for span in no_hours_yet.opening_hours.all()] == [
        "Monday 07:00–12:00",
        "Monday 13:00–19:00",
        "Tuesday 07:00–19:00",
    ]
    footer = client.get("/").text
    assert "Monday: 7 am – noon, 1 pm – 7 pm" in footer
    assert "Tuesday: 7 am – 7 pm" in footer


def test_a_closing_time_before_the_opening_is_refused_next_to_it(admin_client, no_hours_yet):
    response = admin_client.post(
        change_url(no_hours_yet), location_form(no_hours_yet, [(0, "19:00", "07:00")])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'field-closes">\s*<ul class="errorlist[^"]*"[^>]*>\s*<li>Closing time', html)
    assert 'value="19:00"' in html  # nothing typed is lost
    assert not OpeningHours.objects.exists()


def test_overlapping_spans_of_one_day_are_refused(admin_client, no_hours_yet):
    hours = [(2, "07:00", "13:00"), (2, "12:00", "19:00"), (3, "12:00", "19:00")]

    response = admin_client.post(change_url(no_hours_yet), location_form(no_hours_yet, hours))

    assert response.status_code == 200
    assert "Overlaps 07:00–13:00 on the same day." in response.content.decode()
    assert not OpeningHours.objects.exists()


@pytest.mark.parametrize(
    ("span", "error"),
    [
        ((0, "", "19:00"), "This field is required."),
        ((0, "seven", "19:00"), "Enter a valid time."),
        ((9, "07:00", "19:00"), "Select a valid choice."),
        ((0, "<script>alert(1)</script>", "19:00"), "Enter a valid time."),
    ],
)
def test_bad_hours_get_an_error_and_no_500(admin_client, no_hours_yet, span, error):
    response = admin_client.post(change_url(no_hours_yet), location_form(no_hours_yet, [span]))

    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert "<script>alert(1)</script>" not in html
    assert not OpeningHours.objects.exists()


def test_a_closure_day_is_saved_once(admin_client, no_hours_yet):
    closures = [("2026-12-24", "Staff training"), ("2026-12-24", "Again")]

    refused = admin_client.post(
        change_url(no_hours_yet), location_form(no_hours_yet, closures=closures)
    )
    saved = admin_client.post(
        change_url(no_hours_yet), location_form(no_hours_yet, closures=closures[:1])
    )

    assert refused.status_code == 200
    assert "Please correct the duplicate data for date" in refused.content.decode()
    assert saved.status_code == 302
    assert [str(day) for day in ClosureDay.objects.all()] == [
        f"{no_hours_yet.name} closed on 2026-12-24"
    ]


def test_the_hours_inline_names_each_box_for_screen_readers(admin_client, location):
    html = admin_client.get(change_url(location)).content.decode()

    for label in ["Weekday", "Opens", "Closes", "Date", "Reason"]:
        assert f'aria-label="{label}"' in html


def test_a_content_editor_edits_the_hours_and_closures(client, content_editor, location):
    client.force_login(content_editor)

    html = client.get(change_url(location)).content.decode()

    assert 'name="opening_hours-TOTAL_FORMS"' in html
    assert 'name="closure_days-TOTAL_FORMS"' in html


def test_the_front_desk_reads_the_hours_without_changing_them(client, front_desk_user, location):
    client.force_login(front_desk_user)

    html = client.get(change_url(location)).content.decode()

    assert "07:00" in html
    assert 'name="opening_hours-0-opens"' not in html


# --- The Spanish name ----------------------------------------------------------------------------


def test_the_change_form_has_the_name_in_english_and_in_spanish(admin_client, location):
    html = admin_client.get(change_url(location)).text

    assert 'name="name_en"' in html
    assert 'name="name_es"' in html
    assert 'src="/static/js/admin-language-tabs.js"' in html


def test_renaming_a_location_marks_its_spanish_name_out_of_date(client, content_editor):
    location = LocationFactory(translated=True, spanish_reviewed_by="Ana Ruiz")
    client.force_login(content_editor)

    client.post(
        change_url(location), form_as_sent(client.get(change_url(location)), name_en="Harlem")
    )

    listed = client.get(f"{LOCATIONS}?spanish=out_of_date").text
    assert f"{location.pk}/change/" in listed
    assert '<td class="field-spanish_translation">Out of date</td>' in listed


def test_a_location_with_no_spanish_name_is_missing_its_translation(admin_client, location):
    listed = admin_client.get(f"{LOCATIONS}?spanish=missing").text

    assert f"{location.pk}/change/" in listed


@pytest.mark.parametrize("who", ["front_desk_user", "clinic_manager"])
def test_who_only_views_locations_is_not_offered_the_confirm_action(client, who, request):
    client.force_login(request.getfixturevalue(who))

    changelist = client.get(LOCATIONS)

    assert changelist.status_code == 200
    assert "confirm_spanish" not in changelist.text


def test_the_content_editor_confirms_a_spanish_name(client, content_editor):
    location = LocationFactory(translated=True, english_changed_at=timezone.now())
    client.force_login(content_editor)

    client.post(LOCATIONS, {"action": "confirm_spanish", "_selected_action": [location.pk]})

    location.refresh_from_db()
    assert location.spanish_reviewed_by == content_editor.username
    assert not Location.objects.spanish_out_of_date().exists()
