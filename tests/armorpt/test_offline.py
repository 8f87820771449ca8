"""Installable and offline: the web app manifest, the service worker at /sw.js, the offline
page, and the rule that lets the worker tell a personal response from a public one."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import path
from PIL import Image

from armorpt import urls as root_urls

pytestmark = pytest.mark.django_db


def test_the_manifest_names_the_app_its_start_page_and_its_icons(client):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Armor PT: hip exercises"
    assert manifest["short_name"] == "Armor PT"
    assert manifest["start_url"] == "/my-practice/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#1f5f6b"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert sizes == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }


def test_the_spanish_manifest_is_the_same_app_opening_the_spanish_diary(client):
    english = json.loads(client.get("/manifest.webmanifest").content)
    spanish = json.loads(client.get("/es/manifest.webmanifest").content)

    assert spanish["name"] == "Armor PT: ejercicios para la cadera"
    assert spanish["description"].startswith("Ejercicios suaves para la cadera")
    assert spanish["lang"] == "es"
    assert spanish["start_url"] == "/es/my-practice/"
    assert english["lang"] == "en"
    assert (spanish["id"], spanish["scope"], spanish["icons"]) == (
        english["id"],
        english["scope"],
        english["icons"],
    )


def test_a_spanish_page_links_the_spanish_manifest_and_registers_the_one_worker(client, location):
    html = client.get("/es/").text

    assert '<link rel="manifest" href="/es/manifest.webmanifest">' in html
    assert '<script src="/static/js/app.js" defer></script>' in html
    assert client.get("/es/sw.js").status_code == 404


def test_each_icon_is_a_png_of_the_size_the_manifest_says(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)

    for icon in manifest["icons"]:
        file = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(file) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon["sizes"]
            if icon.get("purpose") == "maskable":
                # Full bleed: a launcher's mask must find no transparent corner.
                assert image.convert("RGBA").getpixel((0, 0))[3] == 255


def test_every_page_links_the_manifest_and_registers_the_worker(client, location):
    html = client.get("/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script src="/static/js/app.js" defer></script>' in html


def worker_settings(client) -> dict:
    body = client.get("/sw.js").content.decode()
    return json.loads(re.match(r"self\.ARMORPT = (\{.*?\});\n", body, re.DOTALL)[1])


def test_the_worker_is_served_from_the_root_and_always_checked_for_a_new_release(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert 'importScripts("/static/js/service-worker.js");' in response.content.decode()


def test_the_worker_s_cache_carries_the_release(client, settings):
    assert worker_settings(client)["cache"] == f"armorpt-{settings.RELEASE}"


def test_the_worker_keeps_the_shell_at_install_and_never_the_form_or_the_admin(client, settings):
    config = worker_settings(client)

    pages = ["/offline/", "/es/offline/", "/jsi18n/", "/es/jsi18n/"]
    assert config["shell"][: len(pages)] == pages
    for url in config["shell"][len(pages) :]:
        assert finders.find(url.removeprefix("/static/")), f"the shell names a missing file: {url}"
    assert set(config["never"]) == {
        "/appointments/request/",
        "/es/appointments/request/",
        f"/{settings.ADMIN_PATH}",
    }


def test_the_worker_falls_back_to_the_offline_page_in_the_language_of_the_address(client):
    offline = worker_settings(client)["offline"]

    # The worker takes the first whose prefix the address starts with.
    def fallback_for(path):
        return next(page for page in offline if path.startswith(page["prefix"]))

    assert fallback_for("/es/exercises/clamshell/")["page"] == "/es/offline/"
    assert fallback_for("/es/exercises/clamshell/")["words"] == "No tiene conexión a internet."
    assert fallback_for("/exercises/clamshell/")["page"] == "/offline/"
    assert fallback_for("/estimate/")["page"] == "/offline/"
    assert fallback_for("/")["words"] == "You are offline."


def test_the_shell_s_pages_may_be_kept(client, location):
    for url in worker_settings(client)["shell"][:4]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.has_header("Set-Cookie")
        assert "private" not in response.get("Cache-Control", "")


def test_the_content_security_policy_allows_only_the_site_s_own_worker_and_manifest(client):
    csp = client.get("/sw.js")["Content-Security-Policy"]

    assert "worker-src 'self'" in csp
    assert "manifest-src 'self'" in csp


def test_the_offline_page_gives_the_phone_number_and_is_not_indexed(client, location):
    html = client.get("/offline/").content.decode()

    assert "You are offline" in html
    assert f'href="{location.phone_href}">{location.phone}</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Ready on this device" in html


def test_the_spanish_offline_page_is_in_spanish(client, location):
    html = client.get("/es/offline/").content.decode()

    assert '<html lang="es">' in html
    assert "No tiene conexión a internet" in html
    assert "Listo en este dispositivo" in html
    assert f'href="{location.phone_href}">{location.phone}</a>' in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_offline_page_falls_back_to_the_configured_phone(client, db, settings):
    settings.CLINIC_FALLBACK_PHONE = "(212) 555-0177"

    html = client.get("/offline/").content.decode()

    assert 'href="tel:+12125550177">(212) 555-0177</a>' in html


def _sets_a_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("flavour", "oat")
    return response


def _sets_none(request):
    return HttpResponse("hello")


urlpatterns = [
    path("cookie/", _sets_a_cookie),
    path("plain/", _sets_none),
    *root_urls.urlpatterns,
]


def test_a_response_that_sets_a_cookie_is_marked_private(client, settings):
    settings.ROOT_URLCONF = __name__

    assert "private" in client.get("/cookie/")["Cache-Control"]
    assert not client.get("/plain/").has_header("Cache-Control")


@pytest.mark.parametrize("path", ["/appointments/request/", "/es/appointments/request/"])
def test_the_request_form_is_never_kept(client, location, path):
    cache_control = client.get(path)["Cache-Control"]

    assert "private" in cache_control
    assert "no-store" in cache_control
