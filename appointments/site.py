"""The clinic's locations as every page shows them, kept until the next content edit."""

from armorpt.page_cache import kept_until_content_changes, last_kept_value

from .models import Location

CACHE_KEY = "armorpt:site-location"


def kept_main_location() -> Location | None:
    """The first active location, whose phone and address appear on every page.

    Read from the cache; the database is queried only when the cache has not kept it yet.
    """
    return kept_until_content_changes(CACHE_KEY, lambda: Location.objects.active().first())


def last_kept_main_location() -> Location | None:
    """The main location as last kept, however old; never touches the database (the error page)."""
    return last_kept_value(CACHE_KEY)


def kept_locations_accepting_requests() -> list[Location]:
    """The clinics the request form offers (it asks only when there is more than one).

    Read from the cache; the database is queried only when the cache has not kept them yet.
    """
    return kept_until_content_changes(
        "armorpt:locations-accepting-requests",
        lambda: list(Location.objects.accepting_requests()),
    )
