"""The log filters (armorpt/log_filters.py)."""

import logging
from unittest import mock

from armorpt.log_filters import AtMostOncePer


def record() -> logging.LogRecord:
    return logging.LogRecord("django_redis.cache", logging.ERROR, __file__, 1, "x", None, None)


def test_one_record_a_minute_passes():
    once = AtMostOncePer(seconds=60)
    clock = [1000.0, 1000.1, 1059.9, 1060.0, 1061.0, 1200.0]

    with mock.patch("armorpt.log_filters.monotonic", side_effect=clock):
        passed = [once.filter(record()) for _ in clock]

    assert passed == [True, False, False, True, False, True]
