from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import timezone

from armorpt.client_ip import client_ip

SIGNED_IN_AT = "armorpt_signed_in_at"


def start_signed_in_clock(request) -> None:
    request.session[SIGNED_IN_AT] = timezone.now().timestamp()


class SignedInLimitMiddleware:
    """Signs a user out once SIGNED_IN_LIMIT has passed since they signed in, active or not.

    The idle limit is the session's own: SESSION_COOKIE_AGE, renewed on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            now = timezone.now().timestamp()
            if signed_in_at is None:
                request.session[SIGNED_IN_AT] = now
            elif now - signed_in_at > settings.SIGNED_IN_LIMIT.total_seconds():
                logout(request)
                hours = round(settings.SIGNED_IN_LIMIT.total_seconds() / 3600)
                messages.info(
                    request, f"You were signed out after {hours} hours. Please sign in again."
                )
        return self.get_response(request)


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, taking the address by the site's one rule (client_ip)."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        return None
