"""The rules with side effects: saving a request, changing its status, telling people about it.

Views and the admin stay thin and call these.
"""

import logging
import uuid
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from armorpt.urgent_signs import marks_urgent

from . import audit, rate_limit
from .models import (
    RED_FLAG_FIELDS,
    AppointmentRequest,
    RequestStatus,
    StaffNote,
    StatusChange,
    new_reference,
)
from .site import kept_main_location

# Log lines name the reference only: never a name, contact detail or anything typed.
logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 5


def find_by_token(token: str | None) -> AppointmentRequest | None:
    """The request already sent with this form, if any (a double click or a resubmit)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return AppointmentRequest.objects.filter(form_token=token).first()


def submit_request(form, key: str) -> AppointmentRequest:
    """Save a valid request form in one transaction; e-mails go out only after it commits.

    A second submit of the same form returns the request the first one saved (the form
    token is unique). Past the client's hourly limit it raises rate_limit.RateLimited and saves
    nothing.
    """
    for _ in range(REFERENCE_ATTEMPTS):
        appointment = form.save(commit=False)
        appointment.reference = new_reference()
        appointment.urgent = marks_urgent(
            {name: getattr(appointment, name) for name in RED_FLAG_FIELDS}
        )
        try:
            with transaction.atomic():
                appointment.save()
                rate_limit.count_submission(key)
                transaction.on_commit(partial(send_notifications, appointment))
        except IntegrityError:
            existing = find_by_token(appointment.form_token)
            if existing:
                return existing
            if not AppointmentRequest.objects.filter(reference=appointment.reference).exists():
                raise
            continue  # the random reference was taken: draw another
        return appointment
    raise RuntimeError("Could not find a free reference")


@transaction.atomic
def change_status(appointment: AppointmentRequest, to: str, by, close_reason: str = "") -> bool:
    """Move a request to another status and write the step into its history.

    Returns False when the request already had that status: no history is written, so a
    closed request keeps its closing date (the retention clock) even if closed again; a new
    close reason is only a correction of the old one.
    """
    to = RequestStatus(to)
    # Two people handling one request at once: the second waits, then sees the first's change.
    current = (
        AppointmentRequest.objects.select_for_update()
        .values("status", "close_reason")
        .get(pk=appointment.pk)
    )
    appointment.status, appointment.close_reason = current["status"], current["close_reason"]
    if appointment.status == to:
        if close_reason and close_reason != appointment.close_reason:
            appointment.close_reason = close_reason
            appointment.save(update_fields=["close_reason", "updated_at"])
        return False
    if to == RequestStatus.CLOSED and not close_reason:
        raise ValueError("A closed request needs a reason.")
    StatusChange.objects.create(
        request=appointment, from_status=appointment.status, to_status=to, changed_by=by
    )
    appointment.status = to
    appointment.close_reason = close_reason if to == RequestStatus.CLOSED else ""
    appointment.save(update_fields=["status", "close_reason", "updated_at"])
    return True


# --- Retention ----------------------------------------------------------------------------


def expired_requests():
    """Closed requests past the retention period that the privacy page promises."""
    return AppointmentRequest.objects.past_retention(settings.APPOINTMENT_RETENTION_DAYS)


@transaction.atomic
def purge_expired_requests() -> int:
    """Delete expired requests with their notes and history, and empty their audit values.

    The audit keeps who viewed, changed or deleted each request and when, without the values.
    """
    rate_limit.forget_past_hours()
    request_ids = list(expired_requests().values_list("pk", flat=True))
    if not request_ids:
        return 0
    note_ids = list(
        StaffNote.objects.filter(request_id__in=request_ids).values_list("pk", flat=True)
    )
    AppointmentRequest.objects.filter(pk__in=request_ids).delete()
    audit.forget_values(request_ids, note_ids)
    logger.info("Deleted %s closed appointment request(s) past retention", len(request_ids))
    return len(request_ids)


# --- E-mail -------------------------------------------------------------------------------


def send_notifications(appointment: AppointmentRequest) -> tuple[int, int]:
    """Send the e-mails this request has not had yet; returns (sent, failed).

    Runs once the request is committed, and again from "resend": nothing here may fail the
    person's submit. The times of those sent are written in one update, also when a later one
    failed, so a resend never repeats them.
    """
    sent_at, failed = {}, 0
    try:
        for whose in appointment.unsent_notifications():
            send = notify_staff if whose == "staff" else confirm_to_patient
            if send(appointment):
                sent_at[f"{whose}_notified_at"] = timezone.now()
            else:
                failed += 1
    except Exception as error:  # the request is saved; staff see "not sent" and can resend
        logger.error(
            "Could not send the e-mails for %s (%s)", appointment.reference, type(error).__name__
        )
        failed += 1
    if sent_at:
        try:
            AppointmentRequest.objects.filter(pk=appointment.pk).update(**sent_at)
        except DatabaseError as error:
            logger.error(
                "Could not record the e-mails sent for %s (%s)",
                appointment.reference,
                type(error).__name__,
            )
    return len(sent_at), failed


def _send(appointment: AppointmentRequest, kind: str, recipients: list[str], context) -> bool:
    try:
        subject = render_to_string(f"appointments/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"appointments/email/{kind}_body.txt", context)
        send_mail(subject, body, None, recipients)
    except Exception as error:  # any mail failure must leave the request intact
        # The exception's text may quote the recipient's address: log its type only.
        logger.error(
            "Could not send the %s e-mail for %s (%s)",
            kind.replace("_", " "),
            appointment.reference,
            type(error).__name__,
        )
        return False
    return True


def notify_staff(appointment: AppointmentRequest) -> bool:
    recipients = settings.STAFF_NOTIFICATION_EMAILS
    if not recipients:
        logger.warning("No staff notification addresses set; %s not sent", appointment.reference)
        return False
    context = {
        "appointment": appointment,
        "admin_url": settings.SITE_URL + appointment.get_absolute_url(),
    }
    return _send(appointment, "staff_notification", recipients, context)


def confirm_to_patient(appointment: AppointmentRequest) -> bool:
    context = {"appointment": appointment, "clinic_location": kept_main_location()}
    return _send(appointment, "patient_confirmation", [appointment.email], context)


def resend_notifications(queryset) -> tuple[int, int]:
    """Send the e-mails that failed before; returns (sent, still failing)."""
    sent = failed = 0
    for appointment in queryset.notification_not_sent():
        outcome = send_notifications(appointment)
        sent, failed = sent + outcome[0], failed + outcome[1]
    return sent, failed
