"""The request form at /appointments/request/: validation, saving, spam defences, confirmation."""

import re
import time
import uuid
from ipaddress import ip_network
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client

from appointments.forms import AppointmentRequestForm, sign_started
from appointments.models import (
    REFERENCE_ALPHABET,
    AppointmentRequest,
    RequestStatus,
    SubmissionCount,
)
from tests.appointments_helpers import form_data
from tests.factories import AppointmentRequestFactory, LocationFactory

pytestmark = pytest.mark.django_db

URL = "/appointments/request/"
RECEIVED = "/appointments/request/received/"
# Savepoints count too: the row and its counter are saved in one transaction.
QUERIES_PER_SUBMISSION = 7


@pytest.fixture
def send(client, location, django_capture_on_commit_callbacks):
    """Post the form as a browser would, running the after-commit e-mails."""

    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, form_data(**overrides))

    return post


def errors_of(response) -> dict:
    return response.context["form"].errors


# --- The happy path ------------------------------------------------------------------------


def test_the_form_says_no_referral_needed_and_offers_the_phone(client, location):
    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "No referral needed" in html
    assert "ask for a referral from your doctor before they pay" in html
    assert 'href="tel:+12125550142"' in html
    assert 'href="/privacy/"' in html
    assert "no-store" in response.headers["Cache-Control"]


def test_a_request_is_saved_and_confirmed_with_its_reference(client, send):
    response = send()

    assert response.status_code == 302
    assert response.headers["Location"] == RECEIVED
    appointment = AppointmentRequest.objects.get()
    assert appointment.first_name == "Zoë"
    assert appointment.last_name == "O'Brien-Núñez"
    assert appointment.phone == "+12125550100"
    assert appointment.status == RequestStatus.NEW
    assert appointment.urgent is False
    assert appointment.prefers_weekday_mornings is True
    assert appointment.location is not None

    page = client.get(RECEIVED)

    html = page.content.decode()
    assert page.status_code == 200
    assert appointment.reference in html
    assert "within one business day" in html
    assert 'href="tel:+12125550142"' in html
    assert "Get urgent care now" not in html
    assert "no-store" in page.headers["Cache-Control"]


def test_the_reference_is_random_unambiguous_and_not_the_id(send):
    send()

    reference = AppointmentRequest.objects.get().reference
    assert reference.startswith("APT-")
    assert len(reference) == 13
    assert reference[8] == "-"
    assert set(reference[4:8] + reference[9:]) <= set(REFERENCE_ALPHABET)


def test_the_confirmation_without_a_request_sends_you_to_the_form(client):
    response = client.get(RECEIVED)

    assert response.status_code == 302
    assert response.headers["Location"] == URL


def test_the_confirmation_is_found_by_a_signed_cookie_without_a_session(client, send):
    response = send()

    appointment = AppointmentRequest.objects.get()
    assert "sessionid" not in response.cookies
    cookie = response.cookies["appointment_received"]
    assert cookie["path"] == RECEIVED
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert appointment.reference not in cookie.value
    assert str(appointment.pk) != cookie.value.split(":")[0]


def test_a_forged_confirmation_cookie_sends_you_to_the_form(client, send):
    send()
    token = str(AppointmentRequest.objects.get().form_token)

    client.cookies["appointment_received"] = token  # right token, no signature
    response = client.get(RECEIVED)

    assert response.status_code == 302
    assert response.headers["Location"] == URL


def test_a_submission_costs_the_same_few_queries_however_many_requests_exist(
    client, location, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The row, its audit entry, the hourly counter (counted, then read), the e-mails' times."""
    client.get(URL)  # keeps the clinic's location, as on a running site
    client.post(URL, form_data())
    AppointmentRequestFactory.create_batch(20, location=location)

    with (
        django_assert_num_queries(QUERIES_PER_SUBMISSION),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(URL, form_data())

    assert response.status_code == 302


def test_a_red_flag_marks_the_request_urgent_and_the_confirmation_leads_with_it(client, send):
    send(red_flag_cannot_bear_weight="on")

    appointment = AppointmentRequest.objects.get()
    assert appointment.urgent is True
    assert appointment.red_flag_cannot_bear_weight is True
    html = client.get(RECEIVED).content.decode()
    assert "Get urgent care now" in html
    assert html.index("Get urgent care now") < html.index(appointment.reference)
    assert "Call 911 or go to urgent care now" in html


def test_the_location_question_appears_only_with_two_locations(client, location):
    assert 'name="location"' not in client.get(URL).content.decode()

    second = LocationFactory(name="Armor PT Brooklyn")

    assert 'name="location"' in client.get(URL).content.decode()
    response = client.post(URL, form_data())
    assert "location" in errors_of(response)
    response = client.post(URL, form_data(location=str(second.pk)))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().location == second


def test_the_kept_empty_form_is_the_page_rendered_afresh_with_the_visitor_s_own_values(
    client, location, settings
):
    kept = client.get(URL)
    settings.PAGE_CACHE_SECONDS = 0  # what the page cache would not serve is rendered afresh
    fresh = client.get(URL)

    def own_values(page):
        return re.findall(
            r'name="(?:csrfmiddlewaretoken|form_token|started)" value="([^"]+)"', page
        )

    assert len(own_values(kept.text)) == len(own_values(fresh.text)) == 3
    assert "hole" not in "".join(own_values(kept.text))
    for value in own_values(kept.text):
        assert value not in fresh.text
    assert re.sub(r'value="[^"]+"', "", kept.text) == re.sub(r'value="[^"]+"', "", fresh.text)
    assert "csrftoken" in kept.cookies
    assert "no-store" in kept.headers["Cache-Control"]


def test_the_kept_empty_form_posts_like_a_fresh_one(location, settings):
    settings.ARMORPT_FORM_MIN_SECONDS = 0
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL).text
    data = form_data()
    for name in ("csrfmiddlewaretoken", "form_token", "started"):
        data[name] = re.search(rf'name="{name}" value="([^"]+)"', page).group(1)

    response = client.post(URL, data)

    assert response.status_code == 302
    assert AppointmentRequest.objects.get().form_token == uuid.UUID(data["form_token"])


def test_a_renamed_clinic_shows_on_the_form_at_once(client, location):
    second = LocationFactory(name="Armor PT Brooklyn")
    assert "Armor PT Brooklyn" in client.get(URL).content.decode()

    second.name = "Armor PT Park Slope"
    second.save()

    html = client.get(URL).content.decode()
    assert "Armor PT Park Slope" in html
    assert "Armor PT Brooklyn" not in html


def test_each_visitor_still_gets_their_own_form_token_and_start_time(location):
    from django.test import Client

    pages = [Client().get(URL).content.decode() for _ in range(2)]
    tokens = [re.search(r'name="form_token" value="([^"]+)"', page).group(1) for page in pages]
    starts = [re.search(r'name="started" value="([^"]+)"', page).group(1) for page in pages]

    assert tokens[0] != tokens[1]
    assert starts[0] != starts[1]


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
        ({"form_token": "not-a-uuid"}, "form_token"),
        ({"started": "forged"}, "started"),
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

    response = client.post(URL, form_data(started=sign_started(time.time() - 1)))

    assert response.status_code == 200
    assert "very quick" in response.content.decode()
    assert 'value="Zoë"' in response.content.decode()
    assert AppointmentRequest.objects.count() == 0


def test_a_form_older_than_a_day_asks_to_check_and_send_again(client, location):
    response = client.post(URL, form_data(started=sign_started(time.time() - 25 * 3600)))

    html = response.content.decode()
    assert "more than a day ago" in html
    assert "please check your answers" in html.lower()
    assert 'value="Zoë"' in html
    assert AppointmentRequest.objects.count() == 0


def test_the_redisplayed_form_carries_a_fresh_timestamp(client, location, settings):
    settings.ARMORPT_FORM_MIN_SECONDS = 0
    old = sign_started(time.time() - 25 * 3600)

    response = client.post(URL, form_data(started=old))

    assert old not in response.content.decode()
    assert 'name="started"' in response.content.decode()


def test_more_than_five_requests_an_hour_get_a_friendly_429(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 5
    for _ in range(5):
        assert send().status_code == 302

    response = send()

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please call us instead" in html
    assert 'href="tel:+12125550142"' in html
    assert AppointmentRequest.objects.count() == 5


def test_the_rate_limit_stores_no_address(client, send):
    send()

    stored = SubmissionCount.objects.get()
    assert "127.0.0.1" not in stored.client_key
    assert len(stored.client_key) == 64
    assert stored.count == 1


def test_another_client_is_not_limited(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    send()

    response = client.post(URL, form_data(), REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert (
        client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code
        == 302
    )

    again = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    other = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy)

    assert again.status_code == 429
    assert other.status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    send()

    response = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.4")

    assert response.status_code == 429


# --- Never two, never lost -------------------------------------------------------------------


def test_a_double_submit_at_the_hourly_limit_still_gets_its_confirmation(client, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    data = form_data()
    client.post(URL, data)

    again = client.post(URL, data)

    assert again.status_code == 302
    assert AppointmentRequest.objects.count() == 1


def test_a_double_submit_makes_one_request_and_the_same_confirmation(client, send):
    data = form_data()
    first = client.post(URL, data)
    second = client.post(URL, data)

    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == RECEIVED
    assert AppointmentRequest.objects.count() == 1
    assert AppointmentRequest.objects.get().reference in client.get(RECEIVED).content.decode()


def test_a_concurrent_duplicate_returns_the_first_request(location):
    from appointments import services

    data = form_data()
    first = AppointmentRequestForm(data)
    second = AppointmentRequestForm(data)
    assert first.is_valid()
    assert second.is_valid()
    saved = services.submit_request(first, "key")

    # The second one passed the token check before the first was saved: the unique token
    # catches it in the database.
    again = services.submit_request(second, "key")

    assert again.pk == saved.pk
    assert AppointmentRequest.objects.count() == 1


def test_a_taken_reference_is_drawn_again(location, monkeypatch):
    from appointments import services
    from tests.factories import AppointmentRequestFactory

    AppointmentRequestFactory(reference="APT-AAAA-AAAA")
    drawn = iter(["APT-AAAA-AAAA", "APT-BBBB-BBBB"])
    monkeypatch.setattr(services, "new_reference", lambda: next(drawn))
    form = AppointmentRequestForm(form_data())
    assert form.is_valid()

    appointment = services.submit_request(form, "key")

    assert appointment.reference == "APT-BBBB-BBBB"


def test_a_database_failure_shows_the_friendly_500_with_the_phone(client, location, settings):
    client.get(URL)  # the location is cached, as on a live site
    client.raise_request_exception = False

    with mock.patch.object(
        AppointmentRequest, "save", side_effect=OperationalError("server closed the connection")
    ):
        response = client.post(URL, form_data())

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert 'href="tel:+12125550142"' in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


def test_a_failing_mail_server_keeps_the_request_and_flags_it(send, caplog):
    with mock.patch("appointments.services.send_mail", side_effect=SMTPException("down")):
        response = send()

    assert response.status_code == 302
    appointment = AppointmentRequest.objects.get()
    assert appointment.staff_notified_at is None
    assert appointment.patient_notified_at is None
    assert appointment.reference in caplog.text
    assert "SMTPException" in caplog.text


def test_an_e_mail_that_went_is_recorded_even_when_the_next_one_fails(send, caplog):
    with mock.patch("appointments.services.site_location", side_effect=RuntimeError("cache down")):
        send()

    appointment = AppointmentRequest.objects.get()
    assert appointment.staff_notified_at is not None
    assert appointment.patient_notified_at is None
    assert "RuntimeError" in caplog.text
    assert [m.to for m in mail.outbox] == [["frontdesk@clinic.test"]]


# --- E-mails ---------------------------------------------------------------------------------


def test_staff_are_told_with_a_reference_and_an_admin_link_only(send, settings):
    settings.SITE_URL = "https://armorpt.example"

    send()

    appointment = AppointmentRequest.objects.get()
    staff = next(m for m in mail.outbox if m.to == ["frontdesk@clinic.test"])
    assert staff.subject == f"New appointment request {appointment.reference}"
    assert (
        f"https://armorpt.example/admin/appointments/appointmentrequest/{appointment.pk}/change/"
        in staff.body
    )
    assert appointment.staff_notified_at is not None


def test_urgent_requests_are_marked_in_the_staff_subject(send):
    send(red_flag_fall_or_injury="on")

    staff = next(m for m in mail.outbox if m.to == ["frontdesk@clinic.test"])
    assert staff.subject.startswith("URGENT: New appointment request APT-")


def test_the_patient_gets_a_confirmation_with_the_reference_and_phone(send):
    send()

    appointment = AppointmentRequest.objects.get()
    patient = next(m for m in mail.outbox if m.to == ["zoe@example.test"])
    assert appointment.reference in patient.subject
    assert appointment.reference in patient.body
    assert "(212) 555-0142" in patient.body
    assert "within one business day" in patient.body
    assert appointment.patient_notified_at is not None


def test_no_confirmation_without_an_email_address(send):
    send(email="")

    assert [m.to for m in mail.outbox] == [["frontdesk@clinic.test"]]


def test_the_error_summary_follows_the_order_of_the_page(client, location):
    response = client.post(URL, form_data(last_name="", phone="", email="", consented=None))

    html = response.content.decode()
    assert html.index("Enter your last name.") < html.index("Give us a phone number")
    assert html.index("Give us a phone number") < html.index("Tick the box to agree")
