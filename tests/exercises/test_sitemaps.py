"""The sitemaps of exercises and guides: published pages only, in both languages, each with its
last edit."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.models import Status
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


def test_exercises_then_guides_each_carry_the_date_of_their_last_edit(client):
    exercise = ExerciseFactory(slug="clamshell")
    guide = EducationPageFactory(slug="why-hip-pain-starts")

    xml = client.get(reverse("sitemap")).content.decode()

    entries = [
        f"<url><loc>http://testserver{prefix}{item.get_absolute_url()}</loc>"
        f"<lastmod>{timezone.localdate(item.updated_at).isoformat()}</lastmod>"
        for item in (exercise, guide)
        for prefix in ("", "/es")
    ]
    assert all(entry in xml for entry in entries)
    assert [xml.index(entry) for entry in entries[::2]] == sorted(
        xml.index(entry) for entry in entries[::2]
    )


def test_sitemap_lists_published_exercises(client):
    published = ExerciseFactory()
    draft = ExerciseFactory(status=Status.DRAFT)

    xml = client.get("/sitemap.xml").text

    assert f"http://testserver{published.get_absolute_url()}" in xml
    assert draft.get_absolute_url() not in xml
    assert "http://testserver/exercises/</loc>" in xml


def test_sitemap_lists_exactly_the_published_pages_and_exercises(client):
    published = EducationPageFactory(slug="published-guide")
    EducationPageFactory(slug="draft-guide", status=Status.DRAFT)
    ExerciseFactory(slug="clamshell")
    ExerciseFactory(slug="secret-squat", status=Status.DRAFT)

    body = client.get("/sitemap.xml").content.decode()

    locations = re.findall(r"<loc>http://testserver([^<]*)</loc>", body)
    expected = [
        "/",
        "/privacy/",
        "/exercises/",
        "/hip-pain/",
        "/appointments/request/",
        "/my-practice/",
        "/exercises/clamshell/",
    ]
    english = [*expected, published.get_absolute_url()]
    assert sorted(locations) == sorted([*english, *(f"/es{path}" for path in english)])


def test_each_page_names_its_other_language_and_the_english_as_default(client):
    exercise = ExerciseFactory(slug="clamshell")

    body = client.get("/sitemap.xml").content.decode()

    alternates = (
        '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/exercises/clamshell/"/>'
        '<xhtml:link rel="alternate" hreflang="es" href="http://testserver/es/exercises/clamshell/"/>'
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/exercises/clamshell/"/>'
    )
    for address in (exercise.get_absolute_url(), f"/es{exercise.get_absolute_url()}"):
        assert re.search(
            rf"<url><loc>http://testserver{address}</loc><lastmod>[^<]+</lastmod>"
            + re.escape(alternates),
            body,
        )
