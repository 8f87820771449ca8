"""Whole pages kept for anonymous visitors, and forgotten as soon as staff change content.

Every cache key holds the content version, a random token that any change to an exercise, a
step, an education page, its related exercises or a location replaces: the next request then
misses and renders from the database. One rule for every page is simpler and safer than working
out which pages an edit touches; edits are rare and a cold page costs a few milliseconds.

A page is kept only when nothing in it can belong to one person: the request carries no
session or messages cookie (staff, a draft preview, a flash message), the response sets no
cookie, did not use the CSRF token, is not marked private or no-store, and showed no message.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age, set_response_etag

VERSION_KEY = "armorpt:content-version"
UNCACHEABLE = ("private", "no-store", "no-cache")


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # add(): when two workers start at once, both use the one that was stored first.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed(**kwargs) -> None:
    """Signal receiver: forget every kept page now, and again once the change is committed.

    The second bump closes a gap: a visitor's request that read the old rows while the edit's
    transaction was still open could otherwise store them under the new version.
    """
    bump_content_version()
    transaction.on_commit(bump_content_version)


def page_key(request: HttpRequest, version: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"armorpt:page:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def may_use_cache(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(f"/{settings.ADMIN_PATH}")
    )


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    messages = getattr(request, "_messages", None)
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not any(word in cache_control for word in UNCACHEABLE)
        and get_max_age(response) != 0
        and not (user is not None and user.is_authenticated)
        and not (messages is not None and len(messages))
    )


class AnonymousPageCacheMiddleware:
    """Serve kept pages before sessions, CSRF, authentication and the view run at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            return self.get_response(request)
        key = page_key(request, content_version())
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if may_store(request, response):
            # The ETag is worked out once, so a revisit gets a 304 (ConditionalGetMiddleware).
            set_response_etag(response)
            cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
        return response
