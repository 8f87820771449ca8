"""Overdue alerts: the front-desk list told, once per level, about a request nobody has tried.

An urgent request not tried within one business hour, and any request not tried within one
business day. `manage.py send_overdue_alerts` sends them; each alert is a row claimed in the
transaction that sends its e-mail, so two runs at once send it once, and a failed send is
rolled back and tried again by the next run.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .business_time import BUSINESS_DAY, BUSINESS_HOUR, as_hours_and_minutes
from .models import AlertLevel, AppointmentRequest, OverdueAlert
from .services import NoStaffAddress, send_templated

# Log lines name the reference only, as in services.py.
logger = logging.getLogger(__name__)

ALERT_AFTER_MINUTES = {AlertLevel.URGENT_HOUR: BUSINESS_HOUR, AlertLevel.BUSINESS_DAY: BUSINESS_DAY}


@dataclass(frozen=True)
class DueAlert:
    appointment: AppointmentRequest
    level: AlertLevel
    waited_minutes: int


class AlertNotSent(Exception):
    """Its text names the request and the error's type only, never an address."""


def levels_for(appointment: AppointmentRequest) -> list[AlertLevel]:
    if appointment.urgent:
        return [AlertLevel.URGENT_HOUR, AlertLevel.BUSINESS_DAY]
    return [AlertLevel.BUSINESS_DAY]


def due_alerts(now: datetime | None = None) -> list[DueAlert]:
    """The alerts owed now and not sent yet, oldest request first (four queries)."""
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


def send_alert(due: DueAlert) -> bool:
    """Send one alert unless it went already or the request has been tried meanwhile.

    Returns whether it was sent now. Raises AlertNotSent; nothing is recorded then.
    """
    appointment = due.appointment
    recipients = settings.FRONT_DESK_ALERT_EMAILS
    try:
        with transaction.atomic():
            # A second sender waits here on the unique row until the first commits or fails.
            OverdueAlert.objects.create(
                request=appointment, level=due.level, sent_at=timezone.now()
            )
            if not AppointmentRequest.objects.not_attempted().filter(pk=appointment.pk).exists():
                raise _NoLongerDue
            if not recipients:
                raise NoStaffAddress
            send_templated("overdue_alert", recipients, _context(due))
    except (IntegrityError, _NoLongerDue):
        return False
    except Exception as error:
        raise AlertNotSent(
            f"The {due.level} alert for {appointment.reference} was not sent "
            f"({type(error).__name__})"
        ) from None
    return True


def send_due_alerts(now: datetime | None = None) -> tuple[int, list[str]]:
    """Send every alert owed now: returns how many went, and the errors of those that did not."""
    sent, errors = 0, []
    for due in due_alerts(now):
        try:
            sent += send_alert(due)
        except AlertNotSent as error:
            logger.warning("%s", error)
            errors.append(str(error))
    return sent, errors


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
