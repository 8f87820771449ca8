"""Many people at once on PostgreSQL: every request saved once, each its own reference; one
request changed by two people at once changes once."""

import contextlib
import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from appointments.models import AppointmentRequest, RequestStatus, StatusChange
from appointments.services import change_status
from tests.appointments.helpers import as_the_visitor, form_data
from tests.factories import AppointmentRequestFactory, LocationFactory, StaffUserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL only"
    ),
]


def post_together(payloads: list[tuple[dict, str]]) -> list[int]:
    barrier = threading.Barrier(len(payloads))
    statuses = [0] * len(payloads)

    def send(index, data, address):
        from django.db import connections

        try:
            client = as_the_visitor(Client())
            barrier.wait(timeout=30)
            statuses[index] = client.post("/appointments/request/", data, REMOTE_ADDR=address)
            statuses[index] = statuses[index].status_code
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(index, data, address))
        for index, (data, address) in enumerate(payloads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_twenty_people_at_once_make_twenty_requests():
    LocationFactory()
    payloads = [(form_data(), f"10.0.0.{n}") for n in range(20)]

    statuses = post_together(payloads)

    assert statuses == [302] * 20
    assert AppointmentRequest.objects.count() == 20
    assert len(set(AppointmentRequest.objects.values_list("reference", flat=True))) == 20


def test_the_same_form_sent_ten_times_at_once_makes_one_request():
    LocationFactory()
    data = form_data()

    statuses = post_together([(data, "10.0.1.1")] * 10)

    assert statuses == [302] * 10
    assert AppointmentRequest.objects.count() == 1


def test_one_client_sending_many_at_once_gets_no_more_than_the_hourly_limit(settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 3
    LocationFactory()

    statuses = post_together([(form_data(), "10.0.2.1") for _ in range(8)])

    assert sorted(statuses) == [302] * 3 + [429] * 5
    assert AppointmentRequest.objects.count() == 3


def test_two_people_changing_one_request_at_once_write_one_history_row():
    """Each waits for the other to have read the status, unless the row lock keeps it waiting."""
    appointment = AppointmentRequestFactory(location=LocationFactory())
    people = StaffUserFactory.create_batch(2)
    both_read = threading.Barrier(2, timeout=2)
    write_history = StatusChange.objects.create

    def create_after_both_read(**fields):
        with contextlib.suppress(threading.BrokenBarrierError):  # the other is kept waiting
            both_read.wait()
        return write_history(**fields)

    def change(person):
        from django.db import connections

        try:
            copy = AppointmentRequest.objects.get(pk=appointment.pk)
            changed.append(change_status(copy, RequestStatus.CONTACTED, person))
        finally:
            connections.close_all()

    changed = []
    with mock.patch.object(StatusChange.objects, "create", side_effect=create_after_both_read):
        threads = [threading.Thread(target=change, args=(person,)) for person in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(changed) == [False, True]
    assert StatusChange.objects.filter(request=appointment).count() == 1
    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.CONTACTED
