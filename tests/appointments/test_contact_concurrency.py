"""Logging attempts at the same moment in PostgreSQL: the request's row lock serialises them."""

import threading

import pytest
from django.db import connection, connections

from appointments.contact import record_attempt
from appointments.groups import FRONT_DESK
from appointments.models import ContactAttempt, ContactOutcome
from tests.factories import AppointmentRequestFactory, StaffUserFactory, group

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite has no row locks; PostgreSQL only"
    ),
]


def log_together(appointment, people, outcome) -> None:
    start = threading.Barrier(len(people))

    def log(person):
        try:
            start.wait(timeout=30)
            record_attempt(appointment, outcome, person)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def test_a_double_click_landing_twice_at_once_logs_one_attempt():
    desk = StaffUserFactory(groups=[group(FRONT_DESK)])
    appointment = AppointmentRequestFactory()

    log_together(appointment, [desk] * 4, ContactOutcome.NO_ANSWER)

    assert ContactAttempt.objects.count() == 1


def test_three_people_trying_at_once_each_count_and_the_third_try_flags():
    people = StaffUserFactory.create_batch(3, groups=[group(FRONT_DESK)])
    appointment = AppointmentRequestFactory()

    log_together(appointment, people, ContactOutcome.NO_ANSWER)

    appointment.refresh_from_db()
    assert ContactAttempt.objects.count() == 3
    assert appointment.flagged_at is not None
    assert appointment.next_attempt_due is None
    assert appointment.first_attempt_at == min(
        ContactAttempt.objects.values_list("attempted_at", flat=True)
    )
