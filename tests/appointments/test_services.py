"""The request services (appointments/services.py): submit, change status, notify."""

import re
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone, translation

from appointments import services
from appointments.forms import AppointmentRequestForm
from appointments.models import (
    RED_FLAG_FIELDS,
    REFERENCE_ALPHABET,
    AppointmentRequest,
    PainArea,
    PainDuration,
    RequestStatus,
    StatusChange,
)
from appointments.services import change_status
from armorpt.urgent_signs import SIGN_ASKED_BY, URGENT_TIERS
from tests.appointments.helpers import VISITOR, bound_form, form_data
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


def test_the_reference_is_random_unambiguous_and_not_the_id(send):
    send()

    reference = AppointmentRequest.objects.get().reference
    assert reference.startswith("APT-")
    assert len(reference) == 13
    assert reference[8] == "-"
    assert set(reference[4:8] + reference[9:]) <= set(REFERENCE_ALPHABET)


def test_a_concurrent_duplicate_returns_the_first_request(location):
    from appointments import services

    data = form_data()
    first = AppointmentRequestForm(data, visitor=VISITOR)
    second = AppointmentRequestForm(data, visitor=VISITOR)
    assert first.is_valid()
    assert second.is_valid()
    saved = services.submit_request(first, "key", language="en")

    # The second one passed the token check before the first was saved: the unique token
    # catches it in the database.
    again = services.submit_request(second, "key", language="en")

    assert again.pk == saved.pk
    assert AppointmentRequest.objects.count() == 1


def test_a_taken_reference_is_drawn_again(location, monkeypatch):
    from appointments import services

    AppointmentRequestFactory(reference="APT-AAAA-AAAA")
    drawn = iter(["APT-AAAA-AAAA", "APT-BBBB-BBBB"])
    monkeypatch.setattr(services, "new_reference", lambda: next(drawn))
    form = bound_form()
    assert form.is_valid()

    appointment = services.submit_request(form, "key", language="en")

    assert appointment.reference == "APT-BBBB-BBBB"


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
    with mock.patch(
        "appointments.services.kept_main_location", side_effect=RuntimeError("cache down")
    ):
        send()

    appointment = AppointmentRequest.objects.get()
    assert appointment.staff_notified_at is not None
    assert appointment.patient_notified_at is None
    assert "RuntimeError" in caplog.text
    assert [m.to for m in mail.outbox] == [["frontdesk@clinic.test"]]


# --- E-mails ---------------------------------------------------------------------------------


STAFF = ["frontdesk@clinic.test"]


def staff_email(appointment):
    (message,) = [m for m in mail.outbox if m.to == STAFF and appointment.reference in m.subject]
    return message


def test_staff_are_told_with_a_reference_and_an_admin_link_only(send, settings):
    """Two people who answered everything differently get the same e-mail, but for those."""
    settings.SITE_URL = "https://armorpt.example"
    send()
    send(
        first_name="Ann",
        last_name="Other",
        phone="(646) 555-0199",
        email="",
        contact_method="text",
        text_consent="on",
        prefers_weekday_mornings=None,
        prefers_saturdays="on",
        pain_area="knee",
        pain_duration="longer",
        message="Stairs hurt",
        insurance="Aetna",
    )

    emails = []
    for appointment in AppointmentRequest.objects.order_by("pk"):
        staff = staff_email(appointment)
        link = (
            f"https://armorpt.example/admin/appointments/appointmentrequest/{appointment.pk}"
            "/change/"
        )
        assert staff.subject == f"New appointment request {appointment.reference}"
        assert link in staff.body
        assert re.search(r"^Received: .+$", staff.body, re.MULTILINE)
        assert appointment.staff_notified_at is not None
        text = f"{staff.subject}\n{staff.body}".replace(appointment.reference, "REFERENCE")
        emails.append(
            re.sub(r"^Received: .+$", "Received: WHEN", text.replace(link, "LINK"), flags=re.M)
        )
    assert emails[0] == emails[1]


RED_FLAG_WORDS = [
    str(word)
    for field, sign in SIGN_ASKED_BY.items()
    for word in (field, sign.text, sign.short, sign.question, sign.staff_label)
]


@pytest.mark.parametrize(
    ("field", "choice"),
    [("pain_area", area) for area in PainArea] + [("pain_duration", how) for how in PainDuration],
    ids=str,
)
def test_the_staff_e_mail_names_no_pain_area_duration_or_red_flag(send, field, choice):
    send(**{field: choice.value}, **dict.fromkeys(RED_FLAG_FIELDS, "on"))

    appointment = AppointmentRequest.objects.get()
    assert getattr(appointment, field) == choice
    assert appointment.urgent is True
    staff = staff_email(appointment)
    text = f"{staff.subject}\n{staff.body}".replace(appointment.reference, "")
    for word in [choice.value, str(choice.label), *RED_FLAG_WORDS]:
        assert not re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE), word


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


@pytest.mark.parametrize(("language", "active"), [("es", "en"), ("en", "es")])
def test_the_patient_e_mail_is_in_the_language_of_the_form_whichever_is_active(
    location, language, active
):
    appointment = AppointmentRequestFactory(
        location=location, language=language, email="ana@example.test"
    )

    with translation.override(active):
        services.send_notification(appointment.pk, "patient")

    (patient,) = mail.outbox
    spanish = language == "es"
    assert patient.subject.startswith("Su solicitud de cita" if spanish else "Your Armor PT")
    assert ("Gracias por su solicitud de cita." in patient.body) is spanish
    assert ("Thank you for your appointment request." in patient.body) is not spanish
    with translation.override(language):  # the urgent signs, from their one source
        for tier in URGENT_TIERS:
            assert f"- {tier.summary}\n" in patient.body


@pytest.mark.parametrize(
    ("request_language", "call", "shown"),
    [
        ({"language": "es"}, {}, "Call in: Spanish (form)\n"),
        ({"language": "en"}, {"call_language": "es"}, "Call in: Spanish\n"),
        (
            {"language": "es"},
            {"call_language": "other", "other_call_language": "Tagalog", "needs_interpreter": True},
            "Call in: another language (named in the request), with an interpreter\n",
        ),
    ],
)
def test_the_staff_e_mail_stays_english_and_says_in_which_language_to_call(
    location, request_language, call, shown
):
    appointment = AppointmentRequestFactory(location=location, **request_language, **call)

    with translation.override("es"):  # a Spanish page's request runs the task at once
        services.send_notification(appointment.pk, "staff")

    (staff,) = mail.outbox
    assert shown in staff.body
    assert "Tagalog" not in staff.body  # what the person typed stays in the staff site
    received = timezone.localtime(appointment.received_at)
    assert f"Received: {received:%A}" in staff.body


def test_no_confirmation_without_an_email_address(send):
    send(email="")

    assert [m.to for m in mail.outbox] == [["frontdesk@clinic.test"]]


def test_change_status_to_the_same_status_writes_nothing(appointment, front_desk_user):
    assert change_status(appointment, RequestStatus.NEW, front_desk_user) is False
    assert StatusChange.objects.count() == 0
    with pytest.raises(ValueError, match="reason"):
        change_status(appointment, RequestStatus.CLOSED, front_desk_user)
