"""The client's address: the connection's, or the one trusted proxies put in X-Forwarded-For."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the lock-out, the audit trail and the request form's rate limit use.

    Each proxy appends the address it was connected from to X-Forwarded-For. Read from the
    right, an entry is true while whoever appended it was one of our proxies, so the client is
    the first entry that is not a trusted proxy's address; anything further left was sent by the
    client itself and may be forged. The header is believed only on a connection from a trusted
    proxy (whoever reaches gunicorn directly could write any address into it), and never beyond
    TRUSTED_PROXY_COUNT entries: that many proxies append no more than that many.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0 or not is_trusted_proxy(remote_addr):
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    address = remote_addr
    for hop in reversed([part for part in forwarded if part][-proxies:]):
        if not is_address(hop):  # no proxy of ours writes this: believe the hop that passed it on
            break
        address = hop
        if not is_trusted_proxy(hop):
            break
    return address


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def is_trusted_proxy(address: str) -> bool:
    """Whether the address is in TRUSTED_PROXIES, the networks our proxies connect from."""
    if not is_address(address):
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in settings.TRUSTED_PROXIES)
