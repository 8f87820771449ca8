"""The request form skips Django's per-constraint queries: the guards of that one override."""

import pytest
from django.db import IntegrityError, connection, models
from django.test.utils import CaptureQueriesContext

from appointments.forms import AppointmentRequestForm
from appointments.models import AppointmentRequest
from tests.appointments_helpers import form_data

pytestmark = pytest.mark.django_db

CHECK_CONSTRAINTS = [
    constraint
    for constraint in AppointmentRequest._meta.constraints
    if isinstance(constraint, models.CheckConstraint)
]


def valid_form() -> AppointmentRequestForm:
    form = AppointmentRequestForm(form_data())
    assert form.is_valid(), form.errors
    return form


def test_django_would_query_the_database_once_per_check_constraint():
    appointment = valid_form().save(commit=False)

    with CaptureQueriesContext(connection) as context:
        appointment.full_clean(validate_unique=False)

    # Inside a transaction (as a test is) Django wraps each check in a savepoint of its own.
    checks = [q for q in context.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    assert len(checks) == len(CHECK_CONSTRAINTS)


def test_a_valid_form_validates_without_a_query(django_assert_num_queries):
    form = AppointmentRequestForm(form_data())

    with django_assert_num_queries(0):
        assert form.is_valid(), form.errors


def test_the_request_gets_its_own_full_clean_back_after_validating():
    form = valid_form()

    assert "full_clean" not in vars(form.instance)


def test_field_validation_still_runs_on_the_model():
    form = AppointmentRequestForm(form_data(message="x" * 1001))

    assert not form.is_valid()
    assert "message" in form.errors


def test_the_database_still_refuses_a_request_that_breaks_a_constraint():
    appointment = valid_form().save(commit=False)
    appointment.reference = "APT-AAAA-AAAA"
    appointment.status = "lost"

    with pytest.raises(IntegrityError):
        appointment.save()
