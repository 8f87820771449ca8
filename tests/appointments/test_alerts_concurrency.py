"""Two alert runs at once in PostgreSQL (two schedulers, or a run that outlasts its interval):
every alert still goes once."""

import threading
import time
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import connection, connections

from appointments import alerts
from appointments.models import AlertLevel, OverdueAlert
from tests.clock import clock_stopped_at
from tests.factories import AppointmentRequestFactory, LocationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL only"
    ),
]

MONDAY_8_55 = datetime(2026, 11, 23, 8, 55, tzinfo=ZoneInfo("America/New_York"))


def test_two_runs_at_once_send_each_alert_once(settings):
    settings.FRONT_DESK_ALERT_EMAILS = ["desk@clinic.test"]
    location = LocationFactory()
    appointments = AppointmentRequestFactory.create_batch(
        20, location=location, received_at=MONDAY_8_55, urgent=True
    )
    moment = MONDAY_8_55 + timedelta(minutes=61)
    start = threading.Barrier(2)
    results = []

    def run():
        try:
            start.wait(timeout=30)
            results.append(alerts.send_due_alerts(moment))
        finally:
            connections.close_all()

    def slow_send_mail(*args, **kwargs):  # a real server's pace: both runs get a look
        time.sleep(0.02)
        return send_mail(*args, **kwargs)

    threads = [threading.Thread(target=run) for _ in range(2)]
    with (
        clock_stopped_at(moment),
        mock.patch("appointments.services.send_mail", side_effect=slow_send_mail),
    ):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert sorted(sent for sent, _ in results) != [0, 0]
    assert sum(sent for sent, _ in results) == len(appointments)
    assert [errors for _, errors in results] == [[], []]
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == len(set(subjects)) == len(appointments)
    assert OverdueAlert.objects.filter(level=AlertLevel.URGENT_HOUR).count() == len(appointments)
