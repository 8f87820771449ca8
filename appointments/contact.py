"""The front desk's tries to reach a person: what each outcome does to the request.

A staff member logs an attempt; the request remembers its first attempt and first reach, moves
status where the outcome leaves no doubt, and suggests when to try next.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from .business_time import add_business_minutes
from .models import (
    MAX_UNANSWERED_ATTEMPTS,
    OPEN_STATUSES,
    AppointmentRequest,
    ContactAttempt,
    ContactOutcome,
    RequestStatus,
)
from .services import change_status

NEXT_TRY_AFTER_BUSINESS_MINUTES = 120
# The same outcome logged again this soon by the same person is a double click, not a new try.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)
STATUS_AFTER = {
    ContactOutcome.REACHED_BOOKED: RequestStatus.SCHEDULED,
    ContactOutcome.REACHED_NOT_BOOKED: RequestStatus.CONTACTED,
}
CONTACT_FIELDS = ["first_attempt_at", "first_reached_at", "next_attempt_due", "flagged_at"]


@transaction.atomic
def record_attempt(
    request: AppointmentRequest, outcome: str, by, at: datetime | None = None
) -> tuple[ContactAttempt, bool]:
    """Log one try to reach the person who sent `request` (an appointment request).

    Returns the attempt and whether it is new: the same outcome from the same person within a
    minute is the one already logged. Raises ValueError for an unknown outcome or a time in the
    future. The request's row stays locked throughout, so two people logging at once each see
    the other's attempt when counting tries. The caller's `request` is brought up to date.
    """
    outcome = ContactOutcome(outcome)
    now = timezone.now()
    at = at or now
    if at > now:
        raise ValueError("An attempt cannot be logged in the future.")
    appointment = AppointmentRequest.objects.select_for_update().get(pk=request.pk)
    last = appointment.contact_attempts.first()
    if (
        last is not None
        and last.outcome == outcome
        and last.attempted_by_id == getattr(by, "pk", None)
        and abs(last.attempted_at - at) < DOUBLE_SUBMIT_WINDOW
    ):
        request.refresh_from_db()
        return last, False

    attempt = ContactAttempt.objects.create(
        request=appointment, outcome=outcome, attempted_by=by, attempted_at=at
    )
    _follow_up(appointment, attempt, now)
    appointment.save(update_fields=[*CONTACT_FIELDS, "updated_at"])
    if outcome in STATUS_AFTER and appointment.status in OPEN_STATUSES:
        change_status(appointment, STATUS_AFTER[outcome], by)
    request.refresh_from_db()
    return attempt, True


def _follow_up(appointment: AppointmentRequest, attempt: ContactAttempt, now: datetime) -> None:
    """The request's contact times, next try and flag after `attempt` (not saved)."""
    at, outcome = attempt.attempted_at, ContactOutcome(attempt.outcome)
    # Stored once; an attempt logged late but made earlier is the true first one.
    if appointment.first_attempt_at is None or at < appointment.first_attempt_at:
        appointment.first_attempt_at = at
    if outcome.reached:
        if appointment.first_reached_at is None or at < appointment.first_reached_at:
            appointment.first_reached_at = at
        appointment.next_attempt_due = appointment.flagged_at = None
    elif outcome == ContactOutcome.WRONG_NUMBER or _tries_used_up(appointment):
        appointment.next_attempt_due = None
        appointment.flagged_at = appointment.flagged_at or now
    else:
        appointment.next_attempt_due = add_business_minutes(
            appointment.location, at, NEXT_TRY_AFTER_BUSINESS_MINUTES
        )


def _tries_used_up(appointment: AppointmentRequest) -> bool:
    """Never reached, and the unanswered tries (this one counted) have reached the limit."""
    return (
        appointment.first_reached_at is None
        and appointment.contact_attempts.unanswered().count() >= MAX_UNANSWERED_ATTEMPTS
    )
