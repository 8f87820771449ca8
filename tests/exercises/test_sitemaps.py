"""The sitemaps of exercises and guides: published pages only."""

import re

import pytest

from exercises.models import Status
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


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
        "/exercises/clamshell/",
    ]
    assert sorted(locations) == sorted([*expected, published.get_absolute_url()])
