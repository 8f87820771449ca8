"""The clinic's main location, shared by every page and kept until the next content edit."""

from django.core.cache import cache

from armorpt.page_cache import kept_until_content_changes

from .models import Location

CACHE_KEY = "armorpt:site-location"


def site_location() -> Location | None:
    """The first active location: its phone and address appear on every page."""
    return kept_until_content_changes(CACHE_KEY, lambda: Location.objects.active().first())


def cached_site_location() -> Location | None:
    """The last location kept, however old, without touching the database (the error page)."""
    kept = cache.get(CACHE_KEY)
    return kept[1] if kept else None
