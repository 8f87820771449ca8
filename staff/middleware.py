from contextvars import ContextVar

from auditlog.cid import set_cid
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


# Who is making the request and from where, while it runs: staff.signals puts them on each
# audit entry it writes.
audit_context: ContextVar[dict | None] = ContextVar("audit_context", default=None)


class AuditActorMiddleware:
    """The actor and address of django-auditlog's entries: the signed-in member of staff, and the
    client's address by the site's one rule (client_ip).

    auditlog's own middleware connects a signal receiver for each request and disconnects it
    after, and each time Django empties its cache of pre_save receivers for every model; here one
    receiver, connected once (staff.signals), reads what this sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        set_cid(request)
        user = request.user
        token = audit_context.set(
            {
                "actor": user if user.is_authenticated else None,
                "remote_addr": client_ip(request) or None,
            }
        )
        try:
            return self.get_response(request)
        finally:
            audit_context.reset(token)
