"""Moving the clock in tests instead of sleeping."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from django.utils import timezone


@contextmanager
def clock_moved(**delta):
    """Every `timezone.now()` (Django's, django-axes') answers `delta` later than the real time."""
    real_now = timezone.now
    later = lambda: real_now() + timedelta(**delta)  # noqa: E731
    with (
        mock.patch("django.utils.timezone.now", later),
        mock.patch("axes.attempts.now", later),
        mock.patch("axes.handlers.proxy.now", later),
    ):
        yield


@contextmanager
def clock_at(moment):
    """Every `timezone.now()` answers `moment`: the clock stands still there.

    Model defaults keep the real `timezone.now` (they hold the function itself): give such
    fields their moment explicitly.
    """
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield
