"""The admin's handling form leaves status changes to services.change_status."""

import pytest

from appointments.admin import RequestHandlingForm
from appointments.models import RequestStatus
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


def test_the_handling_form_never_writes_the_status_onto_the_request(location):
    appointment = AppointmentRequestFactory(location=location)
    form = RequestHandlingForm(
        {"status": RequestStatus.CLOSED, "close_reason": "seen"}, instance=appointment
    )

    assert form.is_valid(), form.errors
    saved = form.save(commit=False)

    assert (saved.status, saved.close_reason) == (RequestStatus.NEW, "")
    assert form.cleaned_data["status"] == RequestStatus.CLOSED
    assert set(form.changed_data) == {"status", "close_reason"}


def test_the_handling_form_starts_from_the_request_status(location):
    appointment = AppointmentRequestFactory(
        location=location, status=RequestStatus.CLOSED, close_reason="seen"
    )
    form = RequestHandlingForm(instance=appointment)

    assert form["status"].value() == RequestStatus.CLOSED
    assert form["close_reason"].value() == "seen"
