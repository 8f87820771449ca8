"""The request form's rate limit: at most ARMORPT_REQUESTS_PER_HOUR requests per client an hour.

Clients are counted in SubmissionCount rows under a keyed hash of their address and the hour, so
the address is never stored and rows from different hours cannot be linked to each other.
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from armorpt.client_ip import client_ip

from .models import SubmissionCount

# The ORM's upsert (bulk_create with update_conflicts) can only write the new row's values over
# the old ones, not add one to the old count; PostgreSQL and SQLite both take this.
COUNT_ONE_MORE = """
    INSERT INTO {table} (client_key, window_start, count) VALUES (%s, %s, 1)
    ON CONFLICT (client_key, window_start) DO UPDATE SET count = {table}.count + 1
    RETURNING count
"""


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
    """The client's count this hour with this request: one statement makes the hour's row or
    adds one to it (and locks it), and reads the count back."""
    table = connection.ops.quote_name(SubmissionCount._meta.db_table)
    window = connection.ops.adapt_datetimefield_value(current_window())
    with connection.cursor() as cursor:
        cursor.execute(COUNT_ONE_MORE.format(table=table), [key, window])
        return cursor.fetchone()[0]


def forget_past_hours() -> None:
    """Delete the counts of hours long past: a count is of no use after its hour."""
    SubmissionCount.objects.filter(window_start__lt=timezone.now() - timedelta(days=1)).delete()
