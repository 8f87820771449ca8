"""Many people sending at once on PostgreSQL: every request saved once, each its own reference."""

import threading

import pytest
from django.db import connection
from django.test import Client

from appointments.models import AppointmentRequest
from tests.appointments.helpers import as_the_visitor, form_data
from tests.factories import LocationFactory

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
