from auditlog.models import LogEntry
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_save
from django.dispatch import receiver

from .middleware import audit_context, start_signed_in_clock


@receiver(user_logged_in)
def _start_signed_in_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_signed_in_clock(request)


@receiver(pre_save, sender=LogEntry)
def _record_who_and_where(sender, instance, **kwargs):
    """An audit entry written during a request names its actor and the client's address."""
    context = audit_context.get()
    if context is None:
        return
    if instance.actor is None and context["actor"] is not None:
        instance.actor = context["actor"]
        instance.actor_email = context["actor"].email
    instance.remote_addr = context["remote_addr"]
    instance.remote_port = None
