"""Logging a contact attempt (appointments/contact.py): what each outcome does to the request."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from appointments.business_time import add_business_minutes
from appointments.contact import record_attempt
from appointments.models import (
    CloseReason,
    ContactAttempt,
    ContactOutcome,
    RequestStatus,
    StatusChange,
)
from appointments.services import change_status
from tests.clock import clock_stopped_at
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
# A Monday morning; every attempt below happens later that day.
RECEIVED = datetime(2026, 11, 23, 8, 55, tzinfo=NEW_YORK)
TEN_AM = datetime(2026, 11, 23, 10, 0, tzinfo=NEW_YORK)
UNANSWERED = [ContactOutcome.NO_ANSWER, ContactOutcome.LEFT_MESSAGE, ContactOutcome.SENT_MESSAGE]


@pytest.fixture
def appointment(location):
    return AppointmentRequestFactory(location=location, received_at=RECEIVED)


def log(appointment, outcome, by, at=TEN_AM):
    with clock_stopped_at(at + timedelta(minutes=5)):
        return record_attempt(appointment, outcome, by, at=at)


@pytest.mark.parametrize("outcome", UNANSWERED)
def test_a_try_that_did_not_reach_the_person_suggests_the_next_two_business_hours_on(
    appointment, front_desk_user, outcome
):
    attempt, created = log(appointment, outcome, front_desk_user)

    assert created
    assert (attempt.outcome, attempt.attempted_by, attempt.attempted_at) == (
        outcome,
        front_desk_user,
        TEN_AM,
    )
    appointment.refresh_from_db()
    assert appointment.first_attempt_at == TEN_AM
    assert appointment.first_reached_at is None
    assert appointment.next_attempt_due == datetime(2026, 11, 23, 12, 0, tzinfo=NEW_YORK)
    assert appointment.next_attempt_due == add_business_minutes(appointment.location, TEN_AM, 120)
    assert appointment.status == RequestStatus.NEW
    assert appointment.flagged_at is None


def test_reached_and_booked_schedules_the_request_and_clears_the_next_try(
    appointment, front_desk_user
):
    log(appointment, ContactOutcome.NO_ANSWER, front_desk_user, at=TEN_AM)
    later = TEN_AM + timedelta(hours=2)

    log(appointment, ContactOutcome.REACHED_BOOKED, front_desk_user, at=later)

    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.SCHEDULED
    assert (appointment.first_attempt_at, appointment.first_reached_at) == (TEN_AM, later)
    assert appointment.next_attempt_due is None
    step = StatusChange.objects.get(request=appointment)
    assert (step.from_status, step.to_status, step.changed_by) == (
        RequestStatus.NEW,
        RequestStatus.SCHEDULED,
        front_desk_user,
    )


def test_reached_but_not_booked_marks_the_request_contacted(appointment, front_desk_user):
    log(appointment, ContactOutcome.REACHED_NOT_BOOKED, front_desk_user)

    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.CONTACTED
    assert appointment.first_reached_at == TEN_AM
    assert appointment.next_attempt_due is None


def test_a_wrong_number_flags_the_request_and_suggests_no_next_try(appointment, front_desk_user):
    log(appointment, ContactOutcome.NO_ANSWER, front_desk_user)

    log(appointment, ContactOutcome.WRONG_NUMBER, front_desk_user, at=TEN_AM + timedelta(hours=1))

    appointment.refresh_from_db()
    assert appointment.flagged_at is not None
    assert appointment.next_attempt_due is None
    assert appointment.status == RequestStatus.NEW
    assert appointment.first_reached_at is None


def test_the_third_unanswered_try_flags_the_request(appointment, front_desk_user):
    for hour, outcome in enumerate(UNANSWERED[:2]):
        log(appointment, outcome, front_desk_user, at=TEN_AM + timedelta(hours=hour))
        appointment.refresh_from_db()
        assert appointment.flagged_at is None
        assert appointment.next_attempt_due is not None

    log(appointment, ContactOutcome.NO_ANSWER, front_desk_user, at=TEN_AM + timedelta(hours=3))

    appointment.refresh_from_db()
    assert appointment.flagged_at is not None
    assert appointment.next_attempt_due is None
    assert appointment.contact_attempts.count() == 3


def test_reaching_the_person_after_the_flag_lifts_it(appointment, front_desk_user):
    for hour in range(3):
        at = TEN_AM + timedelta(hours=hour)
        log(appointment, ContactOutcome.NO_ANSWER, front_desk_user, at=at)

    log(appointment, ContactOutcome.REACHED_BOOKED, front_desk_user, at=TEN_AM + timedelta(hours=4))

    appointment.refresh_from_db()
    assert appointment.flagged_at is None
    assert appointment.status == RequestStatus.SCHEDULED


def test_the_first_contact_times_are_kept_not_moved_by_later_attempts(
    appointment, front_desk_user, staff_user
):
    log(appointment, ContactOutcome.REACHED_NOT_BOOKED, front_desk_user, at=TEN_AM)

    log(appointment, ContactOutcome.REACHED_BOOKED, staff_user, at=TEN_AM + timedelta(hours=1))

    appointment.refresh_from_db()
    assert appointment.first_attempt_at == appointment.first_reached_at == TEN_AM


def test_an_attempt_logged_late_but_made_earlier_is_the_first_one(appointment, front_desk_user):
    log(appointment, ContactOutcome.NO_ANSWER, front_desk_user, at=TEN_AM)
    earlier = TEN_AM - timedelta(minutes=50)

    log(appointment, ContactOutcome.LEFT_MESSAGE, front_desk_user, at=earlier)

    appointment.refresh_from_db()
    assert appointment.first_attempt_at == earlier


def test_a_double_click_logs_one_attempt(appointment, front_desk_user):
    first, _ = log(appointment, ContactOutcome.NO_ANSWER, front_desk_user)

    again, created = log(appointment, ContactOutcome.NO_ANSWER, front_desk_user)

    assert not created
    assert again == first
    assert ContactAttempt.objects.count() == 1


def test_two_people_trying_at_the_same_moment_are_two_attempts(
    appointment, front_desk_user, staff_user
):
    log(appointment, ContactOutcome.NO_ANSWER, front_desk_user)

    _, created = log(appointment, ContactOutcome.NO_ANSWER, staff_user)

    assert created
    assert ContactAttempt.objects.count() == 2


def test_the_callers_request_is_brought_up_to_date(appointment, front_desk_user):
    log(appointment, ContactOutcome.REACHED_BOOKED, front_desk_user)

    assert appointment.status == RequestStatus.SCHEDULED
    assert appointment.first_reached_at == TEN_AM


def test_an_attempt_on_a_closed_request_leaves_its_status(appointment, front_desk_user):
    change_status(appointment, RequestStatus.CLOSED, front_desk_user, CloseReason.NOT_REACHED)

    log(appointment, ContactOutcome.REACHED_BOOKED, front_desk_user)

    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.CLOSED
    assert appointment.first_reached_at == TEN_AM


@pytest.mark.parametrize("outcome", ["", "booked", "<script>", "REACHED_BOOKED", None])
def test_an_unknown_outcome_is_refused_and_nothing_is_saved(appointment, front_desk_user, outcome):
    with pytest.raises(ValueError, match="is not a valid ContactOutcome"):
        log(appointment, outcome, front_desk_user)

    assert ContactAttempt.objects.count() == 0
    appointment.refresh_from_db()
    assert appointment.first_attempt_at is None


def test_an_attempt_in_the_future_is_refused(appointment, front_desk_user):
    with clock_stopped_at(TEN_AM), pytest.raises(ValueError, match="future"):
        record_attempt(
            appointment, ContactOutcome.NO_ANSWER, front_desk_user, TEN_AM + timedelta(hours=1)
        )

    assert ContactAttempt.objects.count() == 0


def test_an_attempt_reads_as_its_request_outcome_and_time(appointment, front_desk_user):
    attempt, _ = log(appointment, ContactOutcome.LEFT_MESSAGE, front_desk_user)

    assert str(attempt) == f"{appointment.reference}: Left a message at 2026-11-23 10:00"
