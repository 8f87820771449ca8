"""Moving the clock in tests instead of sleeping, or stopping it at a known time."""

from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.utils import timezone


@contextmanager
def _now_answered_by(now):
    """Every `timezone.now()` (Django's, django-axes') answers `now()`."""
    with (
        mock.patch("django.utils.timezone.now", now),
        mock.patch("axes.attempts.now", now),
        mock.patch("axes.handlers.proxy.now", now),
    ):
        yield


@contextmanager
def clock_moved(**delta):
    """Every `timezone.now()` answers `delta` later than the real time."""
    real_now = timezone.now
    with _now_answered_by(lambda: real_now() + timedelta(**delta)):
        yield


class StoppedClock:
    """Stands at `moment` until a test sets another: `clock.moment = ...`."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@contextmanager
def clock_stopped_at(moment: datetime):
    """Every `timezone.now()` answers the clock's moment; yields the clock."""
    clock = StoppedClock(moment)
    with _now_answered_by(clock):
        yield clock
