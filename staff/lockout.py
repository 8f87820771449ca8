"""Two limits on wrong passwords, both counted by django-axes: one for a username from one
address, and a higher one for a username from anywhere, so that guessing one account's password
from many addresses is stopped too.

Axes counts the failures of each entry of AXES_LOCKOUT_PARAMETERS but compares only the largest
count with its one AXES_FAILURE_LIMIT. The username's count is never below the pair's, so the
limit it meets is the pair's once this address has used up its tries, and the username's
otherwise.
"""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def recent_failures(request, credentials=None, **filters) -> int:
    """Wrong passwords for this username within the cool-off window (narrowed by filters)."""
    attempts = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        attempt_time__gte=get_cool_off_threshold(request),
        **filters,
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def locked_from_this_address(request, credentials=None) -> bool:
    failures = recent_failures(request, credentials, ip_address=request.axes_ip_address)
    return failures >= settings.LOGIN_FAILURE_LIMIT


def locked_everywhere(request, credentials=None) -> bool:
    return recent_failures(request, credentials) >= settings.LOGIN_USERNAME_FAILURE_LIMIT


def failure_limit(request, credentials=None) -> int:
    """AXES_FAILURE_LIMIT: the limit the username's failures from anywhere are compared with."""
    if locked_from_this_address(request, credentials):
        return settings.LOGIN_FAILURE_LIMIT
    return settings.LOGIN_USERNAME_FAILURE_LIMIT
