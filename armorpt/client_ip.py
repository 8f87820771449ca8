"""The client's address: the connection's, or the one a trusted proxy put in X-Forwarded-For."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the lock-out, the audit trail and the request form's rate limit use.

    Each proxy appends the address it was connected from to X-Forwarded-For, so with N trusted
    proxies the client is the Nth entry from the right; anything further left was sent by the
    client itself and may be forged. With no trusted proxy the header is ignored.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote_addr  # not through the expected proxies: trust only the connection
    return forwarded[-proxies]
