"""The request form's rate limit: at most ARMORPT_REQUESTS_PER_HOUR requests per client an hour.

Clients are counted in SubmissionCount rows under a keyed hash of their address and the hour, so
the address is never stored and rows from different hours cannot be linked to each other.
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from armorpt.client_ip import client_ip

from .models import SubmissionCount


class RateLimited(Exception):
    """The client has sent as many requests this hour as ARMORPT_REQUESTS_PER_HOUR allows."""


def client_key(request: HttpRequest, now: datetime | None = None) -> str:
    """A keyed hash of the client's address and the current hour; the address is not kept."""
    hour = (now or timezone.now()).strftime("%Y-%m-%dT%H")
    message = f"appointment-rate-limit|{hour}|{client_ip(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def current_window(now: datetime | None = None) -> datetime:
    return (now or timezone.now()).replace(minute=0, second=0, microsecond=0)


def count_submission(key: str) -> None:
    """Count one more request from this client this hour; RateLimited past the hour's limit.

    Call it inside the transaction that saves the request: the counter row stays locked until
    that transaction ends, so two requests at once are counted one after the other and never
    both slip under the limit, and a refused request rolls back with its count.
    """
    if _one_more_this_hour(key) > settings.ARMORPT_REQUESTS_PER_HOUR:
        raise RateLimited


def _one_more_this_hour(key: str) -> int:
    window = current_window()
    this_hour = SubmissionCount.objects.filter(client_key=key, window_start=window)
    if not this_hour.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                SubmissionCount.objects.create(client_key=key, window_start=window, count=1)
            return 1
        except IntegrityError:  # another request from the same client made the row first
            this_hour.update(count=F("count") + 1)
    return this_hour.values_list("count", flat=True).get()


def forget_past_hours() -> None:
    """Delete the counts of hours long past: a count is of no use after its hour."""
    SubmissionCount.objects.filter(window_start__lt=timezone.now() - timedelta(days=1)).delete()
