"""The e-mails about a request as tasks (appointments/tasks.py) on the database backend: queued
with the request, sent by the worker once each, retried, and finally marked failed."""

import socketserver
import threading
import time
from datetime import timedelta
from smtplib import SMTPException, SMTPRecipientsRefused
from unittest import mock

import pytest
from django.core import mail
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from appointments import rate_limit, services, tasks
from appointments.models import AppointmentRequest
from appointments.site import kept_main_location
from tests.appointments.helpers import SPANISH_URL, URL, bound_form, form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/appointments/appointmentrequest/"


def run_worker() -> None:
    """What `manage.py db_worker --batch` runs: every ready task, then it stops.

    The worker closes connections it thinks stale: inside the test's transaction that would be
    the test's own, so here it keeps them (the two-worker test runs it unchanged).
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker("test-worker").run()


def worker(worker_id: str) -> Worker:
    """The loop of `manage.py db_worker --batch`: every ready task, then it stops."""
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def submit(**overrides) -> AppointmentRequest:
    form = bound_form(**overrides)
    assert form.is_valid(), form.errors
    return services.submit_request(form, "key", language="en")


def test_the_request_is_saved_with_its_e_mails_queued_and_none_sent(queue, client, location):
    response = client.post(URL, form_data())

    assert response.status_code == 302
    appointment = AppointmentRequest.objects.get()
    queued = DBTaskResult.objects.ready()
    assert sorted(row.args_kwargs["args"] for row in queued) == [
        [appointment.pk, "patient"],
        [appointment.pk, "staff"],
    ]
    assert mail.outbox == []


def test_a_rolled_back_request_leaves_no_task(queue, location, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    submit()

    with pytest.raises(rate_limit.RateLimited):
        submit()

    assert AppointmentRequest.objects.count() == 1
    assert DBTaskResult.objects.count() == 2


def test_the_immediate_backend_waits_for_the_commit(location, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        submit()
        assert mail.outbox == []

    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2


def test_the_worker_sends_each_e_mail_and_records_it(queue, location):
    appointment = submit()

    run_worker()

    appointment.refresh_from_db()
    assert appointment.staff_notified_at is not None
    assert appointment.patient_notified_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == ["frontdesk@clinic.test", "zoe@example.test"]
    assert DBTaskResult.objects.successful().count() == 2


def test_the_worker_writes_to_the_patient_in_the_language_of_the_form(queue, client, location):
    client.post(SPANISH_URL, form_data())
    assert mail.outbox == []

    run_worker()  # later, in a worker: no page, so no page's language

    appointment = AppointmentRequest.objects.get()
    patient = next(m for m in mail.outbox if m.to == [appointment.email])
    staff = next(m for m in mail.outbox if m.to == ["frontdesk@clinic.test"])
    assert patient.subject == f"Su solicitud de cita en Armor PT {appointment.reference}"
    assert "Gracias por su solicitud de cita." in patient.body
    assert staff.subject == f"New appointment request {appointment.reference}"
    assert "Call in: Spanish (form)" in staff.body


@pytest.mark.parametrize("whose", ["staff", "patient"])
def test_an_e_mail_reads_its_request_once_and_writes_once_that_it_went(
    queue, location, whose, django_assert_num_queries
):
    """The request read and locked, the time it went: an e-mail that needed a field its query
    left out would read it in one more query."""
    appointment = submit()
    kept_main_location()  # kept, as on a running site: the confirmation gives its phone

    with django_assert_num_queries(4):  # and the savepoint inside the test's transaction
        assert services.send_notification(appointment.pk, whose)

    assert len(mail.outbox) == 1
    assert appointment.reference in mail.outbox[0].body


def test_a_queued_e_mail_that_went_already_is_not_sent_again(queue, location):
    appointment = submit()
    services.resend_notifications(AppointmentRequest.objects.all())  # beside the queued ones

    run_worker()

    assert DBTaskResult.objects.successful().count() == 4
    assert len(mail.outbox) == 2
    appointment.refresh_from_db()
    assert appointment.unsent_notifications() == []


def test_a_mail_server_that_is_down_is_tried_again_later_each_time(queue, location):
    submit(email="")

    with mock.patch("appointments.services.send_mail", side_effect=SMTPException("down")):
        run_worker()

    first = DBTaskResult.objects.successful().get()
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["args"][2] == 2
    assert retry.run_after - first.finished_at > timedelta(seconds=55)
    assert "attempt 2 is queued" in first.return_value
    assert AppointmentRequest.objects.get().staff_notified_at is None

    with mock.patch("appointments.services.send_mail", side_effect=SMTPException("down")):
        outcome = tasks.send_notification.call(AppointmentRequest.objects.get().pk, "staff", 3)
    assert "attempt 4 is queued" in outcome
    fourth = DBTaskResult.objects.get(args_kwargs__args__2=4)
    assert fourth.run_after - fourth.enqueued_at > timedelta(minutes=3, seconds=55)


def test_after_the_last_attempt_the_task_fails_and_the_resend_sends_it(
    queue, location, admin_client, monkeypatch
):
    monkeypatch.setattr(tasks, "FIRST_RETRY_AFTER", timedelta(0))
    appointment = submit(email="pat@example.test")
    refused = SMTPException("4.2.1 try later: pat@example.test")

    with mock.patch("appointments.services.send_mail", side_effect=refused):
        run_worker()

    failed = DBTaskResult.objects.failed()
    assert failed.count() == 2  # the staff notice and the confirmation, after the last attempt
    assert DBTaskResult.objects.count() == 2 * tasks.MAX_ATTEMPTS
    for row in failed:
        assert row.args_kwargs["args"][2] == tasks.MAX_ATTEMPTS
        assert appointment.reference in row.traceback
        assert "pat@example.test" not in row.traceback
    page = admin_client.get(CHANGELIST).content.decode()
    assert "notification not sent (staff, patient)" in page
    task_list = admin_client.get("/admin/django_tasks_database/dbtaskresult/?status=FAILED")
    assert task_list.status_code == 200
    assert task_list.content.decode().count("send_notification") >= 2

    response = admin_client.post(
        CHANGELIST,
        {"action": "resend_notifications", "_selected_action": [appointment.pk]},
        follow=True,
    )
    assert "2 queued for sending" in response.content.decode()
    run_worker()

    appointment.refresh_from_db()
    assert appointment.unsent_notifications() == []
    assert len(mail.outbox) == 2


def test_a_refusal_for_good_is_not_tried_again(queue, location):
    appointment = submit(email="")
    refused = SMTPRecipientsRefused({"frontdesk@clinic.test": (550, b"no such user")})

    with mock.patch("appointments.services.send_mail", side_effect=refused):
        run_worker()

    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert "frontdesk@clinic.test" not in DBTaskResult.objects.get().traceback
    appointment.refresh_from_db()
    assert appointment.staff_notified_at is None


# --- The request does not wait for the mail server --------------------------------------------


class SlowSMTPHandler(socketserver.StreamRequestHandler):
    """Enough of SMTP for Django's backend, each answer after a long pause."""

    def handle(self):
        self.server.contacted.set()
        time.sleep(self.server.pause)
        self.wfile.write(b"220 slow.test ESMTP\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                self.server.messages += 1
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def slow_smtp_server(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SlowSMTPHandler)
    server.daemon_threads = True
    server.contacted, server.pause, server.messages = threading.Event(), 2.0, 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_USE_TLS = False
    yield server
    server.shutdown()
    server.server_close()


def test_the_confirmation_never_waits_for_a_slow_mail_server(
    queue, client, location, slow_smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as if the request's commit ran
        response = client.post(URL, form_data())

    assert response.status_code == 302
    assert not slow_smtp_server.contacted.is_set()
    run_worker()
    assert slow_smtp_server.messages == 2
    assert AppointmentRequest.objects.notification_not_sent().count() == 0
