from django import template

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
