"""Overdue alerts: the front-desk list told, once per level, about a request nobody has tried.

An urgent request not tried within one business hour, and any request not tried within one
business day. `manage.py send_overdue_alerts` claims each alert owed (a row, unique per request
and level) and queues its e-mail in the same transaction, on the task queue of the request
e-mails (tasks.send_overdue_alert): two runs at once claim and queue it once. The task sends it
with the claim's row locked and records when it went, so a retry never sends it twice, and a
failed send is retried by the queue like the request e-mails.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import services, tasks
from .business_time import BUSINESS_DAY, BUSINESS_HOUR, as_hours_and_minutes
from .models import AlertLevel, AppointmentRequest, OverdueAlert

ALERT_AFTER_MINUTES = {AlertLevel.URGENT_HOUR: BUSINESS_HOUR, AlertLevel.BUSINESS_DAY: BUSINESS_DAY}


@dataclass(frozen=True)
class DueAlert:
    appointment: AppointmentRequest
    level: AlertLevel
    waited_minutes: int


def levels_for(appointment: AppointmentRequest) -> list[AlertLevel]:
    if appointment.urgent:
        return [AlertLevel.URGENT_HOUR, AlertLevel.BUSINESS_DAY]
    return [AlertLevel.BUSINESS_DAY]


def due_alerts(now: datetime | None = None) -> list[DueAlert]:
    """The alerts owed now and not claimed yet, oldest request first (four queries)."""
    now = now or timezone.now()
    # Business time never runs faster than the clock: younger requests cannot be overdue.
    youngest = now - timedelta(minutes=min(ALERT_AFTER_MINUTES.values()))
    candidates = (
        AppointmentRequest.objects.not_attempted()
        .filter(received_at__lte=youngest)
        .with_location_hours()
        .prefetch_related("overdue_alerts")
        .order_by("received_at")
    )
    due = []
    for appointment in candidates:
        sent = {alert.level for alert in appointment.overdue_alerts.all()}
        waited = appointment.business_minutes_waited(now)
        due += [
            DueAlert(appointment, level, waited)
            for level in levels_for(appointment)
            if level not in sent and waited >= ALERT_AFTER_MINUTES[level]
        ]
    return due


def claim_alert(due: DueAlert) -> bool:
    """Claim one alert and queue its e-mail, unless it is claimed already or the request has
    been tried meanwhile. Returns whether it was claimed now."""
    appointment = due.appointment
    try:
        with transaction.atomic():
            # A second run waits here on the unique row until the first commits or rolls back.
            alert = OverdueAlert.objects.create(
                request=appointment, level=due.level, claimed_at=timezone.now()
            )
            if not AppointmentRequest.objects.not_attempted().filter(pk=appointment.pk).exists():
                raise _NoLongerDue
            tasks.enqueue_in_transaction(tasks.send_overdue_alert, alert.pk)
    except (IntegrityError, _NoLongerDue):
        return False
    return True


def queue_due_alerts(now: datetime | None = None) -> int:
    """Claim and queue every alert owed now; returns how many."""
    return sum(claim_alert(due) for due in due_alerts(now))


def send_alert_email(alert_id: int) -> bool:
    """Send a claimed alert's e-mail unless it went already.

    Returns whether it went now. False when it went before or its request is gone, and when
    the request has been tried (or no longer waits for a call) since the claim: the claim is
    then dropped, as the alert is no longer owed. The claim's row stays locked from the check
    to the record of the time, so two attempts at once never send it twice. Raises
    services.NotificationNotSent.
    """
    with transaction.atomic():
        alert = (
            OverdueAlert.objects.select_for_update()
            .filter(pk=alert_id, sent_at__isnull=True)
            .first()
        )
        if alert is None:
            return False
        appointment = (
            AppointmentRequest.objects.not_attempted()
            .with_location_hours()
            .filter(pk=alert.request_id)
            .first()
        )
        if appointment is None:
            alert.delete()
            return False
        due = DueAlert(appointment, alert.level, appointment.business_minutes_waited())
        try:
            if not settings.FRONT_DESK_ALERT_EMAILS:
                raise services.NoStaffAddress
            services.send_templated(
                "overdue_alert", settings.FRONT_DESK_ALERT_EMAILS, _context(due)
            )
        except Exception as error:
            raise services.NotificationNotSent(appointment, f"{alert.level} alert", error) from None
        alert.sent_at = timezone.now()
        alert.save(update_fields=["sent_at"])
    return True


class _NoLongerDue(Exception):
    pass


def _context(due: DueAlert) -> dict:
    return {
        "appointment": due.appointment,
        "urgent": due.level == AlertLevel.URGENT_HOUR,
        "level": AlertLevel(due.level).label,
        "waited": as_hours_and_minutes(due.waited_minutes),
        "admin_url": settings.SITE_URL + due.appointment.get_absolute_url(),
    }
