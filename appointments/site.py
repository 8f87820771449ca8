"""The clinic's locations as every page shows them, kept until the next content edit."""

from armorpt.page_cache import kept_until_content_changes, last_kept_value

from .models import Location

CACHE_KEY = "armorpt:site-location"


def site_location() -> Location | None:
    """The first active location: its phone and address appear on every page."""
    return kept_until_content_changes(CACHE_KEY, lambda: Location.objects.active().first())


def cached_site_location() -> Location | None:
    """The last location kept, however old, without touching the database (the error page)."""
    return last_kept_value(CACHE_KEY)


def locations_accepting_requests() -> list[Location]:
    """The clinics the request form offers (it asks only when there is more than one)."""
    return kept_until_content_changes(
        "armorpt:locations-accepting-requests",
        lambda: list(Location.objects.accepting_requests()),
    )
