"""The clinic's locations as every page shows them, kept until the next content edit."""

from armorpt.page_cache import kept_until_content_changes, last_kept_value

from .business_time import Schedule
from .models import Location

# Named for what it holds, the location with its hours: an entry kept without them is not read.
CACHE_KEY = "armorpt:site-location-with-hours"
SCHEDULE_KEY = "armorpt:main-location-schedule"
LOCATIONS_KEY = "armorpt:locations-accepting-requests"


def kept_main_location() -> Location | None:
    """The first active location, whose phone, address and hours appear on every page.

    Read from the cache; the database is queried only when the cache has not kept it yet.
    """
    return kept_until_content_changes(
        CACHE_KEY, lambda: Location.objects.active().first_with_hours()
    )


def kept_main_schedule() -> Schedule:
    """When the main location is open (the default hours when there is none): business time
    for a request with no location. Kept apart from the location, so that no public page
    reads closure days."""
    return kept_until_content_changes(
        SCHEDULE_KEY, lambda: Schedule.of(Location.objects.active().with_hours().first())
    )


def last_kept_main_location() -> Location | None:
    """The main location as last kept, however old; never touches the database (the error page)."""
    return last_kept_value(CACHE_KEY)


def kept_locations_accepting_requests() -> list[Location]:
    """The clinics the request form offers (it asks only when there is more than one).

    Read from the cache; the database is queried only when the cache has not kept them yet.
    """
    return kept_until_content_changes(
        LOCATIONS_KEY, lambda: list(Location.objects.accepting_requests())
    )


def last_kept_locations_accepting_requests() -> list[Location]:
    """The clinics the form offered when last kept, however old; never touches the database."""
    return last_kept_value(LOCATIONS_KEY) or []
