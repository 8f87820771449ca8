"""The request form page and its confirmation (appointments/views.py): submit, confirm, fail."""

import re
import time
from unittest import mock

import pytest
from django.utils.html import escape

from appointments import form_tokens
from appointments.models import (
    AppointmentRequest,
    RequestStatus,
)
from tests.appointments.helpers import SPANISH_URL, URL, VISITOR, form_data
from tests.database import database_down
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


RECEIVED = "/appointments/request/received/"
# Savepoints count too: the row and its counter are saved in one transaction.
QUERIES_PER_SUBMISSION = 7


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
    assert int(cookie["max-age"]) == 30 * 60
    assert appointment.reference not in cookie.value
    assert str(appointment.pk) != cookie.value.split(":")[0]


@pytest.mark.parametrize(("minutes", "shown"), [(29, True), (31, False)])
def test_the_confirmation_is_shown_for_thirty_minutes(client, send, minutes, shown):
    send()
    later = time.time() + minutes * 60

    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(RECEIVED)

    assert (response.status_code == 200) is shown
    assert (AppointmentRequest.objects.get().reference in response.content.decode()) is shown


def test_a_forged_confirmation_cookie_sends_you_to_the_form(client, send):
    send()
    token = str(AppointmentRequest.objects.get().form_token)

    client.cookies["appointment_received"] = token  # right token, no signature
    response = client.get(RECEIVED)

    assert response.status_code == 302
    assert response.headers["Location"] == URL


def test_a_submission_costs_the_same_few_queries_however_many_requests_exist(
    client, location, django_assert_num_queries, django_capture_on_commit_callbacks, settings
):
    """The row, its audit entry, its two e-mails queued, the hourly count added and read at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
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
    assert "<strong>Call 911 now</strong> if" in html


# --- Never two, never lost -------------------------------------------------------------------


def test_a_double_submit_at_the_hourly_limit_still_gets_its_confirmation(client, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    data = form_data()
    client.post(URL, data)

    again = client.post(URL, data)

    assert again.status_code == 302
    assert AppointmentRequest.objects.count() == 1


def test_a_double_submit_makes_one_request_and_the_same_confirmation(client, location):
    data = form_data()
    first = client.post(URL, data)
    first_page = client.get(RECEIVED).content.decode()
    second = client.post(URL, {**data, "first_name": "Changed my mind"})

    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == RECEIVED
    appointment = AppointmentRequest.objects.get()
    assert appointment.first_name == "Zoë"
    assert appointment.reference in first_page
    assert appointment.reference in client.get(RECEIVED).content.decode()
    signed = [response.cookies["appointment_received"].value for response in (first, second)]
    assert signed[0].split(":")[0] == signed[1].split(":")[0] == str(appointment.form_token)


def test_a_send_the_database_cannot_take_gets_the_form_back_filled_in(client, location):
    client.get(URL)  # the location is cached, as on a live site
    data = form_data(message="Worse on stairs", insurance="Aetna")

    with database_down():
        response = client.post(URL, data)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "no-store" in response.headers["Cache-Control"]
    html = response.content.decode()
    assert "Your request could not be saved just now" in html
    assert "Nothing you typed is lost" in html
    assert 'href="tel:+12125550142"' in html
    assert "Sorry, something went wrong" not in html
    for name in ("first_name", "last_name", "phone", "email", "insurance", "form_token"):
        assert f'name="{name}" value="{escape(data[name])}"' in html, name
    assert "Worse on stairs</textarea>" in html
    for checked in ("contact_method_0", "prefers_weekday_mornings", "consented"):
        assert re.search(rf'<input[^>]*id="id_{checked}"[^>]*checked', html), checked
    assert AppointmentRequest.objects.count() == 0

    again = client.post(URL, data)

    assert again.status_code == 302
    sent = form_tokens.read(data["form_token"], VISITOR)
    assert AppointmentRequest.objects.get().form_token == sent.token


# --- In Spanish ------------------------------------------------------------------------------

SPANISH_RECEIVED = "/es/appointments/request/received/"


def field_block(html: str, name: str) -> str:
    """The markup of one question, from its wrapper to the next question's."""
    start = html.index(f'id="div_id_{name}"')
    return html[start : html.index('id="div_id_', start + 1)]


def test_the_spanish_form_is_in_spanish_with_no_english_interface_words(client, location):
    html = client.get(SPANISH_URL).content.decode()

    for spanish in (
        "Solicitar una cita",
        "No necesita referido médico.",
        "Nombre",
        "¿Cómo prefiere que nos comuniquemos con usted?",
        "¿En qué idioma prefiere que le llamemos? (opcional)",
        "Sin preferencia",
        "Necesito un intérprete",
        "¿Dónde le duele más?",
        "Enviar mi solicitud",
    ):
        assert spanish in html, spanish
    main = html[html.index('<main id="main"') : html.index("</main>")]
    for english in ("Request an appointment", "First name", "Send my request", "About you"):
        assert english not in main, english
    assert 'action="/es/appointments/request/"' in html
    assert 'href="/es/privacy/"' in html


def test_spanish_errors_are_in_spanish_next_to_their_questions(client, location):
    response = client.post(
        SPANISH_URL, form_data(last_name="", phone="12", pain_area=None, consented="")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Revise 4 respuestas" in html
    assert "No se ha perdido nada de lo que escribió." in html
    assert "Escriba su apellido." in field_block(html, "last_name")
    assert "Escriba un número de teléfono como (212) 555-0142." in field_block(html, "phone")
    assert "Elija dónde le duele más." in field_block(html, "pain_area")
    assert "Marque la casilla para aceptar" in html[html.index('id="div_id_consented"') :]
    assert 'value="Zoë"' in html
    assert "Enter your last name." not in html


def test_a_spanish_request_is_stored_with_its_language_and_confirmed_in_spanish(
    client, location, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SPANISH_URL,
            form_data(
                call_language="es", needs_interpreter="on", contact_method="text", text_consent="on"
            ),
        )

    assert response.status_code == 302
    assert response.headers["Location"] == SPANISH_RECEIVED
    appointment = AppointmentRequest.objects.get()
    assert (appointment.language, appointment.call_language) == ("es", "es")
    assert appointment.needs_interpreter is True
    page = client.get(SPANISH_RECEIVED)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Recibimos su solicitud" in html
    assert "Alguien de nuestra recepción le enviará un mensaje de texto" in html
    assert appointment.reference in html
    assert "We have your request" not in html
    patient = next(message for message in mailoutbox if message.to == [appointment.email])
    assert patient.subject == f"Su solicitud de cita en Armor PT {appointment.reference}"
    assert "Gracias por su solicitud de cita." in patient.body


def test_an_english_request_records_english_and_no_call_preference(client, send):
    send()

    appointment = AppointmentRequest.objects.get()
    assert (appointment.language, appointment.call_language) == ("en", "")
    assert (appointment.other_call_language, appointment.needs_interpreter) == ("", False)


def test_the_spanish_confirmation_without_a_request_sends_you_to_the_spanish_form(client):
    response = client.get(SPANISH_RECEIVED)

    assert response.status_code == 302
    assert response.headers["Location"] == SPANISH_URL


def test_a_spanish_double_submit_gets_the_same_spanish_confirmation(client, location):
    data = form_data()
    client.post(SPANISH_URL, data)

    again = client.post(SPANISH_URL, data)

    assert again.headers["Location"] == SPANISH_RECEIVED
    assert AppointmentRequest.objects.count() == 1
    assert "Recibimos su solicitud" in client.get(SPANISH_RECEIVED).content.decode()


def test_the_hourly_limit_answers_in_spanish(client, location, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 0

    response = client.post(SPANISH_URL, form_data())

    html = response.content.decode()
    assert response.status_code == 429
    assert "Por favor, llámenos" in html
    assert "Please call us instead" not in html


def test_a_spanish_send_the_database_cannot_take_comes_back_in_spanish(client, location):
    client.get(SPANISH_URL)  # the location is cached, as on a live site

    with database_down():
        response = client.post(
            SPANISH_URL, form_data(call_language="other", other_call_language="Kreyòl")
        )

    html = response.content.decode()
    assert response.status_code == 503
    assert "No pudimos guardar su solicitud en este momento" in html
    assert 'name="other_call_language" value="Kreyòl"' in html
    assert "Your request could not be saved just now" not in html
