"""The public request form's validation (appointments/forms.py): field errors, spam defences."""

import re

import pytest
from django.db import IntegrityError, connection, models
from django.test.utils import CaptureQueriesContext

from appointments.models import AppointmentRequest
from tests.appointments.helpers import URL, bound_form, form_data, form_token
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def errors_of(response) -> dict:
    return response.context["form"].errors


def test_the_location_question_appears_only_with_two_locations(client, location):
    assert 'name="location"' not in client.get(URL).content.decode()

    second = LocationFactory(name="Armor PT Brooklyn")

    assert 'name="location"' in client.get(URL).content.decode()
    response = client.post(URL, form_data())
    assert "location" in errors_of(response)
    response = client.post(URL, form_data(location=str(second.pk)))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().location == second


# --- Validation at the edges ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"first_name": "   "}, "first_name"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"first_name": "1234"}, "first_name"),
        ({"last_name": ""}, "last_name"),
        ({"last_name": "y" * 101}, "last_name"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "not a phone"}, "phone"),
        ({"phone": "(212) 555-01423"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "a" * 250 + "@x.test"}, "email"),
        ({"phone": "", "email": ""}, "phone"),
        ({"phone": "", "contact_method": "call"}, "phone"),
        ({"phone": "", "contact_method": "text", "text_consent": "on"}, "phone"),
        ({"email": "", "contact_method": "email"}, "email"),
        ({"contact_method": "text"}, "text_consent"),
        ({"contact_method": "pigeon"}, "contact_method"),
        ({"contact_method": None}, "contact_method"),
        ({"pain_area": "elbow"}, "pain_area"),
        ({"pain_area": None}, "pain_area"),
        ({"pain_duration": "forever"}, "pain_duration"),
        ({"message": "m" * 1001}, "message"),
        ({"insurance": "i" * 101}, "insurance"),
        ({"consented": None}, "consented"),
        ({"call_language": "fr"}, "call_language"),
        ({"call_language": "other"}, "other_call_language"),
        ({"call_language": "other", "other_call_language": "  "}, "other_call_language"),
        ({"other_call_language": "l" * 51}, "other_call_language"),
    ],
)
def test_bad_input_gets_an_error_next_to_the_field_and_keeps_the_rest(
    client, location, overrides, field
):
    data = form_data(**overrides)

    response = client.post(URL, data)

    assert response.status_code == 200
    assert field in errors_of(response)
    assert AppointmentRequest.objects.count() == 0
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Nothing you typed has been lost" in html
    if field not in ("first_name", "last_name"):
        assert 'value="Zoë"' in html


def test_the_error_summary_links_to_each_field(client, location):
    response = client.post(URL, form_data(first_name="", pain_area=None, consented=None))

    html = response.content.decode()
    assert 'href="#id_first_name"' in html
    assert 'href="#id_pain_area_0"' in html
    assert 'href="#id_consented"' in html
    assert 'id="id_first_name"' in html
    assert 'id="id_pain_area_0"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        ({"message": "m" * 1000}, "message", "m" * 1000),
        ({"first_name": "x" * 100}, "first_name", "x" * 100),
        ({"phone": "+1 212 555 0100"}, "phone", "+12125550100"),
        ({"phone": "212.555.0100"}, "phone", "+12125550100"),
        ({"phone": "", "contact_method": "email"}, "phone", ""),
        ({"email": "", "contact_method": "call"}, "email", ""),
        ({"first_name": "  Anne   Marie "}, "first_name", "Anne Marie"),
        ({"first_name": "李"}, "first_name", "李"),
        ({"first_name": "Zo\x00ë\x07"}, "first_name", "Zoë"),
        ({"message": "line one\r\nline two\x1b[31m"}, "message", "line one\nline two[31m"),
        ({"insurance": "Aetna\u202e"}, "insurance", "Aetna"),
    ],
)
def test_valid_input_at_the_edges_is_kept(send, overrides, field, expected):
    response = send(**overrides)

    assert response.status_code == 302, errors_of(response)
    assert getattr(AppointmentRequest.objects.get(), field) == expected


def test_text_consent_is_kept_only_for_texting(send):
    send(contact_method="call", text_consent="on")

    assert AppointmentRequest.objects.get().text_consent is False


def test_html_is_shown_escaped_on_the_redisplayed_form(client, location):
    script = "<script>alert('x')</script>"

    response = client.post(URL, form_data(first_name=script, message=script, consented=None))

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


# --- The language to call in ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "stored"),
    [
        ({}, ("", "")),
        ({"call_language": "es"}, ("es", "")),
        (
            {"call_language": "other", "other_call_language": " Haitian   Creole "},
            ("other", "Haitian Creole"),
        ),
        ({"other_call_language": "Русский"}, ("other", "Русский")),  # "No preference" was ticked
        ({"call_language": "en", "other_call_language": "Polish"}, ("en", "")),
        ({"call_language": "other", "other_call_language": "中文\u202e"}, ("other", "中文")),
    ],
)
def test_the_language_to_call_in_is_stored_as_the_person_meant_it(send, overrides, stored):
    response = send(**overrides)

    assert response.status_code == 302, errors_of(response)
    appointment = AppointmentRequest.objects.get()
    assert (appointment.call_language, appointment.other_call_language) == stored


def test_an_answer_the_form_never_offered_gets_a_plain_error_without_echoing_it(client, location):
    posted = "<b>fr</b>"

    response = client.post(URL, form_data(call_language=posted, contact_method="pigeon"))

    assert response.status_code == 200
    errors = errors_of(response)
    assert (
        errors["call_language"] == errors["contact_method"] == ["Choose one of the answers shown."]
    )
    assert "fr</b>" not in response.content.decode()


def test_html_in_the_other_language_is_shown_escaped_and_stored_as_typed(client, send):
    script = "<script>alert('x')</script>"

    html = client.post(URL, form_data(other_call_language=script, consented=None)).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    send(other_call_language=script)
    assert AppointmentRequest.objects.get().other_call_language == script


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("language", "fr"),
        ("call_language", "fr"),
        ("other_call_language", "Polish"),  # with no preference: another language not chosen
    ],
)
def test_the_database_refuses_a_language_the_form_would_not_send(field, value):
    appointment = valid_form().save(commit=False)
    appointment.reference = "APT-AAAA-AAAA"
    setattr(appointment, field, value)

    with pytest.raises(IntegrityError):
        appointment.save()


def test_the_database_refuses_another_language_left_unnamed():
    appointment = valid_form().save(commit=False)
    appointment.reference = "APT-AAAA-AAAA"
    appointment.call_language = "other"

    with pytest.raises(IntegrityError):
        appointment.save()


# --- Spam defences ---------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_refuses_bots(client, location):
    html = client.get(URL).content.decode()
    assert 'class="request-form__trap"  aria-hidden="true"' in html
    assert 'name="website" autocomplete="off" tabindex="-1"' in html

    response = client.post(URL, form_data(website="http://spam.example"))

    assert response.status_code == 200
    assert "website" in errors_of(response)
    assert AppointmentRequest.objects.count() == 0


def test_a_form_sent_too_fast_is_refused_kindly_with_the_data_kept(client, location, settings):
    settings.ARMORPT_FORM_MIN_SECONDS = 3

    response = client.post(URL, form_data(form_token=form_token(seconds_ago=1)))

    assert response.status_code == 200
    assert "very quick" in response.content.decode()
    assert 'value="Zoë"' in response.content.decode()
    assert AppointmentRequest.objects.count() == 0


def test_a_form_older_than_a_day_asks_to_check_and_send_again(client, location):
    response = client.post(URL, form_data(form_token=form_token(seconds_ago=25 * 3600)))

    html = response.content.decode()
    assert "more than a day ago" in html
    assert "please check your answers" in html.lower()
    assert 'value="Zoë"' in html
    assert AppointmentRequest.objects.count() == 0


def test_the_redisplayed_form_carries_a_fresh_token_that_posts(client, location, settings):
    settings.ARMORPT_FORM_MIN_SECONDS = 0
    old = form_token(seconds_ago=25 * 3600)

    response = client.post(URL, form_data(form_token=old))

    html = response.content.decode()
    assert old not in html
    fresh = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    assert client.post(URL, form_data(form_token=fresh)).status_code == 302


def test_the_error_summary_follows_the_order_of_the_page(client, location):
    response = client.post(URL, form_data(last_name="", phone="", email="", consented=None))

    html = response.content.decode()
    assert html.index("Enter your last name.") < html.index("Give us a phone number")
    assert html.index("Give us a phone number") < html.index("Tick the box to agree")


CHECK_CONSTRAINTS = [
    constraint
    for constraint in AppointmentRequest._meta.constraints
    if isinstance(constraint, models.CheckConstraint)
]


def valid_form():
    form = bound_form()
    assert form.is_valid(), form.errors
    return form


def test_django_would_query_the_database_once_per_check_constraint():
    appointment = valid_form().save(commit=False)

    with CaptureQueriesContext(connection) as context:
        appointment.full_clean(validate_unique=False)

    # Inside a transaction (as a test is) Django wraps each check in a savepoint of its own.
    checks = [q for q in context.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    assert len(checks) == len(CHECK_CONSTRAINTS)


def test_a_valid_form_validates_without_a_query(django_assert_num_queries):
    form = bound_form()

    with django_assert_num_queries(0):
        assert form.is_valid(), form.errors


def test_the_request_gets_its_own_full_clean_back_after_validating():
    form = valid_form()

    assert "full_clean" not in vars(form.instance)


def test_field_validation_still_runs_on_the_model():
    form = bound_form(message="x" * 1001)

    assert not form.is_valid()
    assert "message" in form.errors


def test_the_database_still_refuses_a_request_that_breaks_a_constraint():
    appointment = valid_form().save(commit=False)
    appointment.reference = "APT-AAAA-AAAA"
    appointment.status = "lost"

    with pytest.raises(IntegrityError):
        appointment.save()
