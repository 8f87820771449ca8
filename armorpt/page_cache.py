"""Whole pages kept for anonymous visitors, and forgotten as soon as staff change content.

Every kept page holds the content version it was rendered under, a random token that any
change to the content a public page shows replaces: a page kept under another version is a
miss, and renders from the database. One rule for every page is simpler and safer than working
out which pages an edit touches, and edits are rare. Each app names the models it owns that
pages show, in its own signals.py (retire_kept_pages_when_changed); their querysets are
ContentQuerySets, so that a bulk write retires kept pages as a save does.

A page is kept only when nothing in it can belong to one person: the request carries no
session or messages cookie (staff, a draft preview, a flash message), the response sets no
cookie, did not use the CSRF token, is not marked private or no-store, and showed no message.
"""

import hashlib
import uuid
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import (
    get_conditional_response,
    get_max_age,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.text import compress_string

VERSION_KEY = "armorpt:content-version"
UNCACHEABLE = ("private", "no-store", "no-cache")

# Sent by ContentQuerySet for the rows it writes without saving a model (no post_save).
bulk_changed = Signal()


class Kept(NamedTuple):
    """A value and the content version it was computed under."""

    version: str
    value: Any


class Page(NamedTuple):
    """A response as the page cache keeps it in one encoding: the body and its headers."""

    content: bytes
    headers: dict


class ContentQuerySet(models.QuerySet):
    """The queryset of every model whose rows a public page shows.

    update() (and bulk_update(), which calls it) and bulk_create() save no model, so they send
    no post_save; they say what they changed here instead. A queryset's delete() needs nothing:
    Django sends post_delete for each row whenever a receiver listens to it.
    """

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        bulk_changed.send(sender=self.model)
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        bulk_changed.send(sender=self.model)
        return created


def new_content_version() -> str:
    """Start the content version when the cache has none (a fresh or emptied cache)."""
    proposed = uuid.uuid4().hex
    # add(): when two workers start at once, both use the one that was stored first.
    cache.add(VERSION_KEY, proposed, timeout=None)
    # None when the cache does not answer: the proposal then matches nothing kept anywhere.
    return cache.get(VERSION_KEY) or proposed


def bump_content_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed(**kwargs) -> None:
    """Signal receiver: forget every kept page now, and again once the change is committed.

    The second bump closes a gap: a visitor's request that read the old rows while the edit's
    transaction was still open could otherwise store them under the new version.
    """
    bump_content_version()
    transaction.on_commit(bump_content_version)


def retire_kept_pages_when_changed(model: type[models.Model]) -> None:
    """Connect content_changed to every way a row of `model` can change: a save, a delete, a
    link added or removed in one of its many-to-many fields, a ContentQuerySet bulk write."""
    name = model._meta.label_lower
    post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-saved-{name}")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-deleted-{name}")
    bulk_changed.connect(content_changed, sender=model, dispatch_uid=f"page-cache-bulk-{name}")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            content_changed,
            sender=field.remote_field.through,
            dispatch_uid=f"page-cache-links-{name}-{field.name}",
        )


def look_up(key: str) -> tuple[str, Kept | None]:
    """The current content version and what is kept at `key` under it (None: nothing is).

    One cache round trip for both, so that a value kept under an older version, or one that
    raced an edit's open transaction, is a miss once the edit's bumps are in.
    """
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or new_content_version()
    kept = found.get(key)
    return version, (kept if kept is not None and kept.version == version else None)


def keep(key: str, version: str, value, timeout: int | None) -> Kept:
    kept = Kept(version, value)
    cache.set(key, kept, timeout=timeout)
    return kept


def kept_until_content_changes(key: str, compute, timeout: int | None = None):
    """A value computed once per content version, e.g. the clinic's location for every page.

    It is kept for `timeout` seconds at most (None: until the content changes).
    """
    version, kept = look_up(key)
    if kept is None:
        kept = keep(key, version, compute(), timeout)
    return kept.value


def last_kept_value(key: str):
    """What was last kept at `key`, under whatever content version (None: nothing is)."""
    kept = cache.get(key)
    return kept.value if kept is not None else None


def page_key(request: HttpRequest) -> str:
    """The scheme is in the key: a plain-HTTP request never gets the page kept for HTTPS."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"armorpt:page:{hashlib.sha256(address.encode()).hexdigest()}"


def encoding_for(request: HttpRequest) -> str:
    return "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""


def may_use_cache(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(f"/{settings.ADMIN_PATH}")
        and not request.path.startswith(settings.STATIC_URL)
    )


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        # get_token() puts this key in, and CsrfViewMiddleware sets it back to False once the
        # cookie is out: the page holds this visitor's token, whatever cookies it ends up with.
        and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
        and not any(word in cache_control for word in UNCACHEABLE)
        and get_max_age(response) != 0
        and not (user is not None and user.is_authenticated)
        and not len(get_messages(request))
    )


class AnonymousPageCacheMiddleware:
    """Early in MIDDLEWARE (after /healthz and compression): a kept page is answered before
    anything else runs.

    It is kept as it left the whole stack, with the security, CSP and permissions headers on
    it. A plain-HTTP request has its own key, which nothing ever fills in production because
    SecurityMiddleware answers it with the HTTPS redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            return self.get_response(request)
        key, encoding = page_key(request), encoding_for(request)
        version, kept = look_up(f"{key}:{encoding}")
        if kept is not None:
            return kept_response(request, kept.value)
        response = self.get_response(request)
        if not may_store(request, response):
            return response
        # Each encoding under a key of its own, so that a hit fetches only the body it sends.
        pages = keepable(response)
        cache.set_many(
            {f"{key}:{each}": Kept(version, page) for each, page in pages.items()},
            timeout=settings.PAGE_CACHE_SECONDS,
        )
        return kept_response(request, pages[encoding])


def keepable(response: HttpResponse) -> dict[str, Page]:
    """The page as it is sent plain ("") and gzipped, the ETag worked out once, for 304s.

    Compressed once here, so a hit costs no compression: GZipMiddleware, outside this one,
    leaves a response that already has a Content-Encoding alone.
    """
    patch_vary_headers(response, ["Accept-Encoding"])
    if not response.has_header("ETag"):
        set_response_etag(response)
    headers = dict(response.items())
    # Two encodings of one page are not byte-for-byte equal: a weak ETag, as GZipMiddleware.
    gzip_headers = {
        **headers,
        "Content-Encoding": "gzip",
        "ETag": "W/" + headers["ETag"].removeprefix("W/"),
    }
    return {
        "": Page(response.content, headers),
        "gzip": Page(compress_string(response.content), gzip_headers),
    }


def kept_response(request: HttpRequest, page: Page) -> HttpResponse:
    response = HttpResponse(
        page.content, headers={**page.headers, "Content-Length": str(len(page.content))}
    )
    return get_conditional_response(request, etag=page.headers["ETag"], response=response)
