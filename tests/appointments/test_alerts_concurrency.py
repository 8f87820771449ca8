"""Two alert runs at once in PostgreSQL (two schedulers, or a run that outlasts its interval),
and two workers on the alerts' tasks: every alert is claimed, queued and sent once."""

import threading
import time
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from appointments import alerts, tasks
from appointments.models import AlertLevel, OverdueAlert
from tests.appointments.test_tasks import worker
from tests.clock import clock_stopped_at
from tests.factories import AppointmentRequestFactory, LocationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL only"
    ),
]

MONDAY_8_55 = datetime(2026, 11, 23, 8, 55, tzinfo=ZoneInfo("America/New_York"))
MOMENT = MONDAY_8_55 + timedelta(minutes=61)


@pytest.fixture
def overdue(settings):
    """Twenty urgent requests an hour overdue, on the production queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FRONT_DESK_ALERT_EMAILS = ["desk@clinic.test"]
    return AppointmentRequestFactory.create_batch(
        20, location=LocationFactory(), received_at=MONDAY_8_55, urgent=True
    )


def at_once(target, *args_per_thread) -> None:
    start = threading.Barrier(len(args_per_thread))

    def run(*args):
        try:
            start.wait(timeout=30)
            target(*args)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=args) for args in args_per_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def slow(real):
    def at_a_real_pace(*args, **kwargs):  # the other thread gets its look meanwhile
        time.sleep(0.02)
        return real(*args, **kwargs)

    return at_a_real_pace


def test_two_runs_at_once_claim_and_queue_each_alert_once(overdue):
    real_due_alerts, looked, claimed = alerts.due_alerts, threading.Barrier(2), []

    def due_alerts_then_wait(now):
        due = real_due_alerts(now)
        looked.wait(timeout=30)  # both runs have seen every alert as owed before either claims
        return due

    with (
        clock_stopped_at(MOMENT),
        mock.patch("appointments.alerts.due_alerts", side_effect=due_alerts_then_wait),
        mock.patch(
            "appointments.tasks.enqueue_in_transaction",
            side_effect=slow(tasks.enqueue_in_transaction),
        ),
    ):
        at_once(lambda: claimed.append(alerts.queue_due_alerts(MOMENT)), (), ())

    assert len(claimed) == 2
    assert sum(claimed) == len(overdue)
    alert_ids = set(OverdueAlert.objects.values_list("pk", flat=True))
    assert OverdueAlert.objects.filter(level=AlertLevel.URGENT_HOUR).count() == len(overdue)
    queued = DBTaskResult.objects.ready()
    assert sorted(row.args_kwargs["args"][0] for row in queued) == sorted(alert_ids)
    assert mail.outbox == []

    with clock_stopped_at(MOMENT):
        worker("worker").run()

    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == len(set(subjects)) == len(overdue)
    assert not OverdueAlert.objects.filter(sent_at__isnull=True).exists()


def test_two_workers_on_copies_of_each_alert_task_send_it_once(overdue):
    with clock_stopped_at(MOMENT):
        assert alerts.queue_due_alerts(MOMENT) == len(overdue)
        for alert_id in OverdueAlert.objects.values_list("pk", flat=True):
            tasks.send_overdue_alert.enqueue(alert_id)  # a copy beside the first, as a retry

        with mock.patch("appointments.services.send_mail", side_effect=slow(send_mail)):
            at_once(lambda name: worker(name).run(), ("worker-1",), ("worker-2",))

    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == len(set(subjects)) == len(overdue)
    assert DBTaskResult.objects.successful().count() == 2 * len(overdue)
    assert not OverdueAlert.objects.filter(sent_at__isnull=True).exists()
