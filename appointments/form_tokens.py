"""The request form's token: issued to one visitor, with the time the form was shown, signed.

The token names the request a form makes, so that a double click or a resend finds the request
the first send saved instead of making a second one. Signing it with its start time and the
visitor it was issued to means that a token the server never issued is refused, that a page or
POST body someone else got hold of shows them a fresh form (never the other person's request),
and that a start time, which the bot timer trusts, serves one request: once that request is
saved, sending the token again finds it.

The visitor is the browser's CSRF secret: only that browser sends it back, a person without
cookies cannot post the form anyway, and a visitor needs no session or cookie of this app's.
"""

import time
import uuid
from typing import NamedTuple

from django.core import signing
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "appointments.request-form.token"


class Issued(NamedTuple):
    token: uuid.UUID
    started: float
    """When the form was shown (seconds since the epoch)."""


class NotIssued(Exception):
    """Not a token this server signed: garbled, tampered with, or from an older form."""


class IssuedToSomeoneElse(Exception):
    """A token this server signed for another visitor (another browser, or cookies cleared)."""


def visitor_of(request: HttpRequest) -> str:
    """Who a form is issued to: the browser's CSRF secret.

    Django keeps the unmasked secret in request.META["CSRF_COOKIE"], read from the browser's
    cookie; for a browser that sent none, get_token() makes one and has the response set its
    cookie. Not called when there is one: each call masks the secret with 32 new random
    characters, a good part of the form page's cost, for a token this would throw away.
    """
    if "CSRF_COOKIE" not in request.META:
        get_token(request)
    return request.META["CSRF_COOKIE"]


def _fingerprint(visitor: str) -> str:
    """What the token carries of the visitor: a keyed hash, so the page never holds the secret."""
    if not visitor:
        raise ValueError("A form token is issued to a visitor: pass visitor_of(request).")
    return salted_hmac(SALT, visitor).hexdigest()


def issue(visitor: str, started: float | None = None, token: uuid.UUID | None = None) -> str:
    """A new token for this visitor, started now unless told otherwise."""
    return signing.dumps(
        {
            "token": str(token or uuid.uuid4()),
            "started": time.time() if started is None else started,
            "visitor": _fingerprint(visitor),
        },
        salt=SALT,
    )


def read(value: str, visitor: str | None) -> Issued:
    """The token and start time of a posted value; NotIssued or IssuedToSomeoneElse."""
    try:
        payload = signing.loads(value, salt=SALT)
    except signing.BadSignature as error:
        raise NotIssued from error
    if visitor is None or not constant_time_compare(payload["visitor"], _fingerprint(visitor)):
        raise IssuedToSomeoneElse
    return Issued(uuid.UUID(payload["token"]), float(payload["started"]))
