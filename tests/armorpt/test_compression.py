"""Compression (armorpt/compression.py and the page cache's gzip copy): who gets gzip, who not."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_a_kept_page_comes_gzipped_to_a_browser_that_takes_it_and_plain_otherwise(
    client, demo_content
):
    url = "/exercises/clamshell/"
    takes_gzip = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    first = client.get(url, **takes_gzip)  # the miss that keeps the page

    zipped = client.get(url, **takes_gzip)
    plain = client.get(url)

    assert first["Content-Encoding"] == zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
    assert "Accept-Encoding" in zipped["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    assert client.get(url, HTTP_IF_NONE_MATCH=zipped["ETag"], **takes_gzip).status_code == 304


def test_pages_that_are_never_kept_come_gzipped_too(client, location):
    response = client.get("/appointments/request/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert b"Request an appointment" in gzip.decompress(response.content)


def test_admin_pages_are_not_gzipped(admin_client, location):
    """Patient details beside what staff type: what BREACH needs to read them from sizes."""
    admin = admin_client.get(
        "/admin/appointments/appointmentrequest/?q=zz", HTTP_ACCEPT_ENCODING="gzip"
    )

    assert admin.status_code == 200
    assert "Content-Encoding" not in admin
