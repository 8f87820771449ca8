"""What a person types never leaves the request: not in logs, e-mails, URLs or error reports."""

import logging
import sys
from smtplib import SMTPException
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from appointments import views
from appointments.models import AppointmentRequest
from tests.appointments.helpers import VISITOR, form_data
from tests.database import database_down

pytestmark = pytest.mark.django_db

URL = "/appointments/request/"
MARKERS = {
    "first_name": "Markerfirstqx",
    "last_name": "Markerlastqx",
    "phone": "(212) 555-0188",
    "email": "markermail.qx@example.test",
    "message": "Markermessageqx",
    "insurance": "Markerinsuranceqx",
    "other_call_language": "Markerlanguageqx",
}
MARKER_TEXTS = [*MARKERS.values(), "2125550188", "555-0188", "markermail"]
SCRIPT = "<script>alert('qx')</script>"


def assert_no_marker(text: str, where: str) -> None:
    for marker in MARKER_TEXTS:
        assert marker.lower() not in text.lower(), f"{marker!r} leaked into {where}"


def test_nothing_typed_reaches_logs_mails_or_urls(
    client, location, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(red_flag_numbness="on", **MARKERS))
    page = client.get(response.headers["Location"])

    assert response.status_code == 302
    assert_no_marker(response.headers["Location"], "the redirect")
    assert_no_marker(page.request["PATH_INFO"] + page.request.get("QUERY_STRING", ""), "a URL")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_no_marker(message.subject + message.body, "an e-mail")
    assert_no_marker(caplog.text, "the log")


def test_failed_emails_log_the_reference_only(
    client, location, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    refused = SMTPException(f"recipient refused: {MARKERS['email']}")

    with (
        mock.patch("appointments.services.send_mail", side_effect=refused),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(URL, form_data(**MARKERS))

    assert AppointmentRequest.objects.get().reference in caplog.text
    assert_no_marker(caplog.text, "the log")


def test_a_database_failure_logs_nothing_typed(client, location, caplog):
    caplog.set_level(logging.DEBUG)

    with database_down():
        response = client.post(URL, form_data(**MARKERS))

    assert response.status_code == 503  # the form back, to the person who typed it
    assert "OperationalError" in caplog.text
    assert_no_marker(caplog.text, "the log")


def test_error_reports_hide_what_was_posted(location):
    request = RequestFactory().post(URL, form_data(**MARKERS))
    request.META["CSRF_COOKIE"] = VISITOR  # as CsrfViewMiddleware reads it from the cookie
    request.session = SessionStore()
    request.user = mock.Mock(is_authenticated=False)
    request._dont_enforce_csrf_checks = True

    with mock.patch.object(AppointmentRequest, "save", side_effect=RuntimeError("unexpected")):
        try:
            views.request_appointment(request)
        except RuntimeError:
            report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
        else:
            pytest.fail("the view should have raised")

    assert "RuntimeError" in report
    assert_no_marker(report, "the error report")


def test_html_in_every_field_is_kept_out_of_emails(
    client, location, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            URL,
            form_data(
                first_name=SCRIPT,
                last_name=SCRIPT,
                message=SCRIPT,
                insurance=SCRIPT,
                other_call_language=SCRIPT,
            ),
        )

    assert AppointmentRequest.objects.get().first_name == SCRIPT
    for message in mail.outbox:
        assert "<script" not in message.body
        assert "qx" not in message.body


def test_the_patient_confirmation_says_nothing_about_their_health(
    client, location, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(pain_area="knee", pain_duration="longer"))
        client.post(
            URL,
            form_data(red_flag_numbness="on", red_flag_fever_or_unwell="on"),
            REMOTE_ADDR="10.0.0.2",
        )
    first, second = AppointmentRequest.objects.order_by("pk")
    bodies = [m.body for m in mail.outbox if m.to == ["zoe@example.test"]]

    assert len(bodies) == 2
    assert bodies[0].replace(first.reference, "REF") == bodies[1].replace(second.reference, "REF")
