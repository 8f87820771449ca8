"""The sitemaps of exercises and guides: published pages only, each with its last edit."""

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
        f"<url><loc>http://testserver{item.get_absolute_url()}</loc>"
        # The clinic's date, as the sitemap writes it (not UTC's, a day ahead in the evening).
        f"<lastmod>{timezone.localdate(item.updated_at).isoformat()}</lastmod></url>"
        for item in (exercise, guide)
    ]
    assert all(entry in xml for entry in entries)
    assert xml.index(entries[0]) < xml.index(entries[1])


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
    assert sorted(locations) == sorted([*expected, published.get_absolute_url()])
