"""Logging filters for the settings' LOGGING."""

import logging
from time import monotonic


class AtMostOncePer(logging.Filter):
    """Lets one record through every `seconds`, per process: an outage that every request
    meets (the cache down) is told once a minute, not once per request."""

    def __init__(self, seconds: float = 60.0):
        super().__init__()
        self.seconds = seconds
        self.passed_at = float("-inf")

    def filter(self, record: logging.LogRecord) -> bool:
        now = monotonic()
        if now - self.passed_at < self.seconds:
            return False
        self.passed_at = now
        return True
