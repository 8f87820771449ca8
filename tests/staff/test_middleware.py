"""The audit entries' actor and address (staff/middleware.py, staff/signals.py)."""

from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.db.models.signals import pre_save

from tests.appointments.helpers import URL, as_the_visitor, form_data
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_s_request_is_audited_with_the_address_and_no_actor(client, location):
    as_the_visitor(client).post(URL, form_data(), REMOTE_ADDR="203.0.113.9")

    created = LogEntry.objects.get(action=LogEntry.Action.CREATE)
    assert (created.actor, created.remote_addr, created.remote_port) == (None, "203.0.113.9", None)


def test_an_entry_written_outside_a_request_names_no_actor_or_address(location):
    appointment = AppointmentRequestFactory(location=location)

    created = LogEntry.objects.get_for_object(appointment).get()

    assert (created.actor, created.remote_addr) == (None, None)


def test_a_request_connects_no_signal_receiver(client, location):
    """Connecting or disconnecting one empties Django's cache of every model's receivers."""
    with (
        mock.patch.object(pre_save, "connect") as connect,
        mock.patch.object(pre_save, "disconnect") as disconnect,
    ):
        as_the_visitor(client).post(URL, form_data())

    assert LogEntry.objects.filter(action=LogEntry.Action.CREATE).exists()
    connect.assert_not_called()
    disconnect.assert_not_called()
