"""The appointments' management commands: resend notifications, purge old requests."""

import io
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from appointments.models import (
    AppointmentRequest,
    RequestStatus,
    StaffNote,
    StatusChange,
)
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


def test_the_resend_command_sends_only_what_is_missing(location):
    done = AppointmentRequestFactory(staff_notified_at=timezone.now())
    waiting = AppointmentRequestFactory()

    with (
        mock.patch("appointments.services.send_mail", side_effect=SMTPException("down")),
        pytest.raises(CommandError, match="1 still failing"),
    ):
        call_command("resend_appointment_notifications")
    call_command("resend_appointment_notifications")

    assert [m.subject for m in mail.outbox] == [f"New appointment request {waiting.reference}"]
    assert done.reference not in mail.outbox[0].body
    assert AppointmentRequest.objects.notification_not_sent().count() == 0


@pytest.mark.parametrize(
    "open_status", [status for status in RequestStatus if status != RequestStatus.CLOSED]
)
def test_closed_requests_are_deleted_after_the_retention_period_and_open_ones_never(
    location, settings, open_status
):
    settings.APPOINTMENT_RETENTION_DAYS = 30
    long_ago = timezone.now() - timezone.timedelta(days=31)
    old_closed = AppointmentRequestFactory(status=RequestStatus.CLOSED, close_reason="seen")
    StaffNote.objects.create(request=old_closed, text="Booked")
    recent_closed = AppointmentRequestFactory(status=RequestStatus.CLOSED, close_reason="seen")
    old_open = AppointmentRequestFactory(status=open_status)
    # Closed long ago, then opened again: its status, not its history, says it is open.
    for from_status, to_status in [
        (RequestStatus.NEW, RequestStatus.CLOSED),
        (RequestStatus.CLOSED, open_status),
    ]:
        StatusChange.objects.create(request=old_open, from_status=from_status, to_status=to_status)
    StatusChange.objects.update(changed_at=long_ago)
    AppointmentRequest.objects.filter(pk__in=[old_closed.pk, old_open.pk]).update(
        updated_at=long_ago, received_at=long_ago
    )

    call_command("purge_appointment_requests", stdout=io.StringIO())

    remaining = set(AppointmentRequest.objects.values_list("pk", flat=True))
    assert remaining == {recent_closed.pk, old_open.pk}
    assert StaffNote.objects.count() == 0
    assert StatusChange.objects.filter(request=old_open).count() == 2
