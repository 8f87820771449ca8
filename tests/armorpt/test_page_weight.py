"""Every public page is light on a slow phone: its HTML as the site sends it to a browser that
takes gzip, plus every stylesheet, script and image it references, compressed as whitenoise
sends them (gzip, the larger of its two encodings)."""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import resolve
from django.utils import translation

from tests.public_urls import PUBLIC_PAGES

HOME_LIMIT = 60 * 1024
PAGE_LIMIT = 100 * 1024
# The page's own HTML, as sent to a browser that takes no gzip: what every visit downloads
# again, and what a kept page costs the server per answer. Pictures that cards and routines
# repeat are files of their own, kept by the browser. An exercise page's figure (stills and
# the moving figure, inline) is about 12 KB of it; the shoulders added 0.5 KB.
HTML_LIMIT = 34 * 1024
# The library lists every published exercise, a card each (about 1 KB of HTML per card).
LIBRARY_HTML_LIMIT = 48 * 1024
# The guided routine draws each exercise's moving figure in the page, for figure.js to move.
PLAYER_HTML_LIMIT = 60 * 1024
# All the scripts of one page together, compressed: a phone parses them before it can play.
SCRIPT_LIMIT = 35 * 1024
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and {"stylesheet", "icon", "preload"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])
            if tag == "script":
                self.scripts.append(attrs["src"])
        if attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]


def page_name(url: str) -> str:
    """The page's URL name, the same in every language (exercises:list for /es/exercises/)."""
    path = urlsplit(url).path
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        return resolve(path).view_name


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def static_file(url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith("/" + settings.STATIC_URL.strip("/") + "/"), f"not a static file: {url}"
    found = finders.find(path.split("/", 2)[2])
    assert found, f"the page references a missing file: {url}"
    return Path(found)


def served(client, url: str) -> bytes:
    """A file a view makes (an exercise's stills, the JavaScript catalog), as the site sends it."""
    response = client.get(url)
    assert response.status_code == 200, f"the page references a missing file: {url}"
    kind = response["Content-Type"]
    assert kind.startswith(("image/", "text/javascript")), f"not a picture or a script: {url}"
    return response.content


def assets(urls: list[str], client=None) -> dict[str, bytes]:
    """Each file once (as a browser caches it), with what the stylesheets load in turn.

    Static files, and with a `client` what views serve (figures.py's stills, the catalog)."""
    seen: dict[str, bytes] = {}
    waiting = [url for url in urls if not url.startswith("data:")]
    while waiting:
        url = waiting.pop()
        if url in seen:
            continue
        if client is not None and not urlsplit(url).path.startswith(settings.STATIC_URL):
            seen[url] = served(client, url)
            continue
        file = static_file(url)
        seen[url] = file.read_bytes()
        if file.suffix == ".css":
            base = url.rsplit("/", 1)[0] + "/"
            waiting += [
                ref if ref.startswith("/") else base + ref
                for ref in CSS_URL.findall(seen[url].decode())
                if not ref.startswith(("data:", "#"))
            ]
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_each_public_page_is_light(client, demo_content, url):
    client.get(url)  # the first visit keeps the page; the second is what most people get
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    parser = References()
    parser.feed(gzip.decompress(response.content).decode())

    files = assets(parser.urls, client)
    weight = len(response.content) + sum(compressed(data) for data in files.values())

    limit = HOME_LIMIT if page_name(url) == "home" else PAGE_LIMIT
    print("WEIGHT", url, round(weight / 1024, 1))
    assert parser.urls, "the parser found no stylesheet: it would measure nothing"
    assert weight < limit, f"{url}: {weight / 1024:.1f} KB compressed (limit {limit // 1024} KB)"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_each_public_page_s_scripts_are_small(client, demo_content, url):
    parser = References()
    parser.feed(client.get(url).content.decode())

    weight = sum(compressed(data) for data in assets(parser.scripts, client).values())

    assert weight < SCRIPT_LIMIT, f"{url}: scripts {weight / 1024:.1f} KB compressed"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_each_public_page_s_own_html_is_small(client, demo_content, url):
    response = client.get(url)

    assert response.status_code == 200
    size = len(response.content)
    limit = {"exercises:player": PLAYER_HTML_LIMIT, "exercises:list": LIBRARY_HTML_LIMIT}.get(
        page_name(url), HTML_LIMIT
    )
    assert size < limit, f"{url}: its HTML is {size / 1024:.1f} KB (limit {limit // 1024} KB)"
