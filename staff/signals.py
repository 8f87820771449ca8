from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import start_signed_in_clock


@receiver(user_logged_in)
def _start_signed_in_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_signed_in_clock(request)
