from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def cache_is_shared(app_configs, **kwargs):
    """Content edits clear cached pages and the clinic's phone only in the cache they reach:
    with a per-process cache, the other gunicorn workers would keep serving the old ones."""
    if "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
        return [
            Warning(
                "CACHE_URL is locmem://, which each gunicorn worker keeps to itself.",
                hint="Set CACHE_URL to redis://… (or file:///… on a single machine) so that "
                "an edit in the admin shows on every worker at once.",
                id="armorpt.W001",
            )
        ]
    return []
