"""robots.txt: what it asks crawlers to skip, and what it must not announce."""

import pytest


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_robots_txt_does_not_announce_the_admin(client, settings):
    body = client.get("/robots.txt").content.decode()

    assert settings.ADMIN_PATH.strip("/") not in body
    assert "Disallow: /appointments/request/received/" in body
    assert "Disallow: /es/appointments/request/received/" in body


@pytest.mark.django_db
def test_the_admin_sign_in_page_keeps_itself_out_of_search_engines(client):
    html = client.get("/admin/login/").content.decode()

    assert '<meta name="robots" content="noindex, nofollow">' in html
