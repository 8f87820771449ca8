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


@register(Tags.security, deploy=True)
def proxies_are_named(app_configs, **kwargs):
    """The client's address (armorpt/client_ip.py) comes from X-Forwarded-For only when both
    proxy settings are set; otherwise every visitor behind the proxy shares the proxy's address,
    and with it one hourly request limit and one sign-in lock-out."""
    count, networks = settings.TRUSTED_PROXY_COUNT > 0, bool(settings.TRUSTED_PROXIES)
    shared = (
        "X-Forwarded-For is ignored, so behind a proxy every visitor has the proxy's address: "
        "one hourly request limit and one sign-in lock-out for everyone at once."
    )
    if count and not networks:
        return [
            Warning(
                "ARMORPT_TRUSTED_PROXY_COUNT is set without ARMORPT_TRUSTED_PROXIES. " + shared,
                hint="Set ARMORPT_TRUSTED_PROXIES to the networks the proxy connects from "
                "(e.g. 172.16.0.0/12 for Docker's): the header is believed only from them, as "
                "anyone reaching gunicorn directly could write any address into it.",
                id="armorpt.W002",
            )
        ]
    if networks and not count:
        return [
            Warning(
                "ARMORPT_TRUSTED_PROXIES is set without ARMORPT_TRUSTED_PROXY_COUNT. " + shared,
                hint="Set ARMORPT_TRUSTED_PROXY_COUNT to how many proxies append to "
                "X-Forwarded-For (1 for one nginx or Caddy in front of gunicorn).",
                id="armorpt.W002",
            )
        ]
    if not (count or networks):
        return [
            Warning(
                "Neither ARMORPT_TRUSTED_PROXY_COUNT nor ARMORPT_TRUSTED_PROXIES is set. " + shared,
                hint="Behind the TLS proxy production needs, set both (docs/deployment.md).",
                id="armorpt.W003",
            )
        ]
    return []
