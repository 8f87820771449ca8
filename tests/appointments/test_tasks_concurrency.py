"""Two workers on one queue in PostgreSQL: every e-mail goes exactly once."""

import threading
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from appointments import tasks
from appointments.models import AppointmentRequest
from tests.appointments.test_tasks import submit, worker
from tests.factories import LocationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite has no row locks; PostgreSQL only"
    ),
]


def test_two_workers_send_each_e_mail_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ARMORPT_REQUESTS_PER_HOUR = 1000
    LocationFactory()
    appointments = [submit(email=f"person{n}@example.test") for n in range(30)]
    # Each e-mail queued twice in a row (a resend beside a retry): the workers take the two
    # copies at the same moment, and one of them must find it sent.
    DBTaskResult.objects.all().delete()
    for appointment in appointments:
        for whose in ("staff", "staff", "patient", "patient"):
            tasks.send_notification.enqueue(appointment.pk, whose)
    start = threading.Barrier(2)

    def work(name):
        try:
            start.wait(timeout=30)
            worker(name).run()
        finally:
            connections.close_all()

    def slow_send_mail(*args, **kwargs):  # a real server's pace: both workers get a look
        time.sleep(0.02)
        return send_mail(*args, **kwargs)

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(2)]
    with mock.patch("appointments.services.send_mail", side_effect=slow_send_mail):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert len(sent) == 2 * len(appointments)
    assert len(set(sent)) == len(sent)
    assert AppointmentRequest.objects.notification_not_sent().count() == 0
