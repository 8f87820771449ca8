"""The rules with side effects: saving a request, changing its status, telling people about it.

Views and the admin stay thin and call these.
"""

import logging
import smtplib
import uuid
from collections import Counter

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import TaskResultStatus

from armorpt.urgent_signs import marks_urgent

from . import audit, rate_limit, tasks
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


def submit_request(form, key: str, language: str) -> AppointmentRequest:
    """Save a valid request form, sent in `language`, in one transaction, with its e-mails
    queued in it.

    A second submit of the same form returns the request the first one saved: the form token
    is unique, and the form accepts a token only from the visitor it was issued to. Past the
    client's hourly limit it raises rate_limit.RateLimited and saves nothing.
    """
    for _ in range(REFERENCE_ATTEMPTS):
        appointment = form.save(commit=False)
        appointment.reference = new_reference()
        appointment.language = language
        appointment.urgent = marks_urgent(
            {name: getattr(appointment, name) for name in RED_FLAG_FIELDS}
        )
        try:
            with transaction.atomic():
                appointment.save()
                queue_notifications(appointment)
                # Last: the client's counter row stays locked until the commit, and every
                # request from one address (a clinic's shared connection) waits for it.
                rate_limit.count_submission(key)
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


class NoStaffAddress(Exception):
    """ARMORPT_STAFF_NOTIFICATION_EMAILS is empty."""


class NotificationNotSent(Exception):
    """An e-mail could not be sent. Its text names the request and the error's type only: the
    mail server's own message may quote the recipient's address."""

    def __init__(self, appointment: AppointmentRequest, whose: str, error: Exception):
        self.retryable = not (isinstance(error, NoStaffAddress) or refused_for_good(error))
        super().__init__(
            f"The {whose} e-mail for {appointment.reference} was not sent ({type(error).__name__})"
        )


def refused_for_good(error: Exception) -> bool:
    """The mail server answered 5xx: sending the same message again gets the same answer."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def queue_notifications(appointment: AppointmentRequest) -> None:
    """Queue the e-mails this request has not had yet, in the transaction that saves it."""
    for whose in appointment.unsent_notifications():
        tasks.enqueue_in_transaction(tasks.send_notification, appointment.pk, whose)


def send_notification(request_id: int, whose: str) -> bool:
    """Send one of a request's e-mails ("staff" or "patient") unless it went already.

    Returns whether it was sent now; False when it went before or the request is gone. The
    request's row stays locked from the check to the record of the time, so two workers, or a
    resend beside a retry, never send the same e-mail twice. Raises NotificationNotSent.
    """
    with transaction.atomic():
        try:
            appointment = (
                AppointmentRequest.objects.for_notifications()
                .select_for_update()
                .get(pk=request_id)
            )
        except AppointmentRequest.DoesNotExist:
            return False
        if whose not in appointment.unsent_notifications():
            return False
        send = notify_staff if whose == "staff" else confirm_to_patient
        try:
            send(appointment)
        except Exception as error:  # the request is saved; staff see "not sent" and can resend
            raise NotificationNotSent(appointment, whose, error) from None
        AppointmentRequest.objects.filter(pk=request_id).update(
            **{f"{whose}_notified_at": timezone.now()}
        )
    return True


def send_templated(kind: str, recipients: list[str], context) -> None:
    """The e-mail of templates appointments/email/<kind>_subject.txt and _body.txt."""
    subject = render_to_string(f"appointments/email/{kind}_subject.txt", context).strip()
    body = render_to_string(f"appointments/email/{kind}_body.txt", context)
    send_mail(subject, body, None, recipients)


def notify_staff(appointment: AppointmentRequest) -> None:
    recipients = settings.STAFF_NOTIFICATION_EMAILS
    if not recipients:
        raise NoStaffAddress
    context = {
        "appointment": appointment,
        "admin_url": settings.SITE_URL + appointment.get_absolute_url(),
    }
    # In English like the staff site, whichever page's request runs the task (its dates too).
    with translation.override(settings.LANGUAGE_CODE):
        send_templated("staff_notification", recipients, context)


def confirm_to_patient(appointment: AppointmentRequest) -> None:
    """In the language of the form the person sent: a worker runs it, in no page's language."""
    with translation.override(appointment.language):
        context = {"appointment": appointment, "clinic_location": kept_main_location()}
        send_templated("patient_confirmation", [appointment.email], context)


def resend_notifications(queryset) -> tuple[int, int, int]:
    """Queue again the e-mails not sent yet; returns how many were (sent, still failing, queued):
    a backend that runs tasks at once tells which went, with a worker they are all queued."""
    outcomes = Counter()
    for appointment in queryset.notification_not_sent():
        for whose in appointment.unsent_notifications():
            outcomes[tasks.send_notification.enqueue(appointment.pk, whose).status] += 1
    return (
        outcomes[TaskResultStatus.SUCCESSFUL],
        outcomes[TaskResultStatus.FAILED],
        outcomes[TaskResultStatus.READY],
    )
