"""The clinic's main location, shared by every page and cached between content edits."""

from django.core.cache import cache

from .models import Location

CACHE_KEY = "armorpt:site-location"


def site_location() -> Location | None:
    """The first active location: its phone and address appear on every page."""
    location = cache.get(CACHE_KEY)
    if location is None:
        location = Location.objects.active().first() or False
        cache.set(CACHE_KEY, location, timeout=None)
    return location or None


def cached_site_location() -> Location | None:
    """The cached location without touching the database (for the error page)."""
    return cache.get(CACHE_KEY) or None


def forget_site_location(**kwargs) -> None:
    cache.delete(CACHE_KEY)
