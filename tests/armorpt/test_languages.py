"""English at the plain addresses, Spanish under /es/: every public page in both, each linking
the other in its own language, told apart by the address alone (no cookie, no Accept-Language)."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.conf import settings

from appointments.models import Location
from tests.page_text import english_left_on
from tests.public_urls import ENGLISH_PAGES, PUBLIC_PAGES, in_spanish

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class _Languages(HTMLParser):
    """The page's language, its language links and the alternates in its head."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.links = []
        self.alternates = {}
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and "language-link" in attrs.get("class", "").split():
            self._link = {**attrs, "text": ""}

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None


def languages_of(html: str) -> _Languages:
    parser = _Languages()
    parser.feed(html)
    return parser


def without_query(path: str) -> str:
    return path.split("?")[0]


@pytest.mark.parametrize("english", ENGLISH_PAGES)
def test_each_page_links_itself_in_the_other_language_and_names_both_in_its_head(
    client, demo_content, english
):
    spanish = in_spanish(english)
    alternates = {
        "en": SITE + without_query(english),
        "es": SITE + without_query(spanish),
        "x-default": SITE + without_query(english),
    }

    english_page = languages_of(client.get(english).text)
    spanish_page = languages_of(client.get(spanish).text)

    assert (english_page.lang, spanish_page.lang) == ("en", "es")
    link = {"class": "language-link"}
    assert english_page.links == [
        {**link, "href": spanish, "hreflang": "es", "lang": "es", "text": "Español"}
    ]
    assert spanish_page.links == [
        {**link, "href": english, "hreflang": "en", "lang": "en", "text": "English"}
    ]
    assert english_page.alternates == spanish_page.alternates == alternates


def test_the_sitemap_lists_each_page_in_both_languages_with_its_alternates(client, demo_content):
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own page)
    urls = sitemap.findall("s:url", SITEMAP)
    alternates_of = {
        url.findtext("s:loc", namespaces=SITEMAP): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)
        }
        for url in urls
    }

    english = [loc for loc in alternates_of if not loc.startswith(f"{SITE}/es/")]
    assert f"{SITE}/" in english
    assert f"{SITE}/exercises/clamshell/" in english
    assert f"{SITE}/hip-pain/when-to-see-a-physical-therapist/" in english
    assert len(alternates_of) == 2 * len(english)
    for loc in english:
        spanish = SITE + in_spanish(loc.removeprefix(SITE))
        both = {"en": loc, "es": spanish, "x-default": loc}
        assert alternates_of[loc] == both
        assert alternates_of[spanish] == both


def test_no_page_remembers_a_language_in_a_cookie(client, demo_content):
    for path in PUBLIC_PAGES:
        response = client.get(path)

        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies, path
        assert "Accept-Language" not in response.get("Vary", ""), path


def test_the_browser_s_language_does_not_choose_the_page_s(client, demo_content):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")

    assert languages_of(response.text).lang == "en"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    assert languages_of(client.get("/es/", HTTP_ACCEPT_LANGUAGE="en").text).lang == "es"


def names_shown_in_both_languages() -> set[str]:
    """What a Spanish page may say exactly as the English one does: names (the languages' own
    among them) and the address."""
    names = {"Armor PT", "English", "Español"}
    for location in Location.objects.all():
        names |= {location.name, location.phone, *location.address_lines}
    return names


@pytest.mark.parametrize("english", ENGLISH_PAGES)
def test_no_english_interface_words_are_left_on_a_spanish_page(client, demo_content, english):
    english_html = client.get(english).text
    spanish_html = client.get(in_spanish(english)).text

    left = english_left_on(spanish_html, english_html, names_shown_in_both_languages())

    assert left == [], f"{in_spanish(english)} still says in English: {left}"
