from django import template

from appointments.business_time import as_hours_and_minutes
from appointments.models import AppointmentRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def request_counts(context):
    """How many requests wait for a call, for staff allowed to see requests (else None)."""
    user = context["request"].user
    if not user.has_perm("appointments.view_appointmentrequest"):
        return None
    waiting = AppointmentRequest.objects.waiting_for_a_call()
    return {
        "new": waiting.count(),
        "urgent": AppointmentRequest.objects.open().urgent().count(),
    }


@register.filter
def business_time(minutes) -> str:
    """Business minutes as “2 h 5 min”; “—” when there is nothing to measure."""
    return "—" if minutes is None else as_hours_and_minutes(round(minutes))


@register.filter
def share(value) -> str:
    """A share from 0 to 1 as a whole percentage; “—” when nothing was received."""
    return "—" if value is None else f"{round(value * 100)}%"
