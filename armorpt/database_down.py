"""What a visitor gets while the database does not answer: a page that says so, never a 500.

Pages the page cache keeps are still served (armorpt/page_cache.py asks only the cache); any
other page answers 503 with the clinic's phone, rendered without the database: the main
location as last kept, else settings.CLINIC_FALLBACK_PHONE. When the database is back, the
next request works: CONN_HEALTH_CHECKS replaces a persistent connection that died meanwhile.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from appointments.phones import tel_href
from appointments.site import last_kept_main_location

# A connection refused, dropped or timed out; never bad data (IntegrityError, DataError).
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60

logger = logging.getLogger(__name__)


def clinic_phone_context() -> dict:
    """What includes/call_the_clinic.html shows, found without the database."""
    return {
        "clinic_location": last_kept_main_location(),
        "fallback_phone": settings.CLINIC_FALLBACK_PHONE,
        "fallback_phone_href": tel_href(settings.CLINIC_FALLBACK_PHONE),
    }


def unavailable(body: str) -> HttpResponse:
    """A 503 the browser asks again for in a minute, and that no cache keeps."""
    response = HttpResponse(body, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    add_never_cache_headers(response)
    return response


def log_database_down(error: Exception, what: str) -> None:
    # The type only: a driver's message can quote the statement and its values.
    logger.error("The database did not answer %s (%s)", what, type(error).__name__)


class DatabaseDownMiddleware:
    """Turns a view's failure to reach the database into the friendly 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        log_database_down(exception, "for a page")
        return unavailable(loader.render_to_string("503.html", clinic_phone_context()))
