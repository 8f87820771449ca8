"""The practice diary page (/my-practice/): the same page for everyone, the diary itself only in
the browser (tests/browser/test_home_practice.py runs it)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_diary_page_says_the_diary_stays_on_the_device(client, location):
    html = client.get("/my-practice/").content.decode()

    assert "it is kept in this browser, on this device only" in html.lower()
    assert "the clinic never sees it" in html
    for action in (
        "Print for my physical therapist",
        "Save to a file",
        "Delete everything on this device",
    ):
        assert f">{action}</button>" in html
    assert '<input class="form-control" type="file" id="diary-file"' in html


def test_without_javascript_the_diary_page_says_it_needs_it(client, location):
    html = client.get("/my-practice/").content.decode()

    assert "The diary needs JavaScript" in html
    assert '<div class="diary" data-diary hidden' in html


def test_the_diary_page_has_no_form_that_could_send_it(client, location):
    html = client.get("/my-practice/").content.decode()

    assert "<form" not in html.split('<main id="main"')[1].split("</main>")[0]


def test_the_diary_page_is_the_same_for_everyone_and_kept(
    client, location, django_assert_num_queries
):
    first = client.get("/my-practice/")

    with django_assert_num_queries(0):
        second = client.get("/my-practice/")

    assert second.content == first.content
    assert not first.cookies


def test_the_privacy_page_says_what_the_diary_keeps_and_where(client, location):
    html = client.get("/privacy/").content.decode()

    assert "Nothing you do with them reaches us" in html
    assert "in your browser’s own storage on your device" in html
    assert 'href="/my-practice/"' in html


def test_the_diary_is_in_the_sitemap(client, location):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/my-practice/</loc>" in sitemap
