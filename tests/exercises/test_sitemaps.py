import pytest
from django.urls import reverse

from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


def test_exercises_then_guides_each_carry_the_date_of_their_last_edit(client):
    exercise = ExerciseFactory(slug="clamshell")
    guide = EducationPageFactory(slug="why-hip-pain-starts")

    xml = client.get(reverse("sitemap")).content.decode()

    entries = [
        f"<url><loc>http://testserver{item.get_absolute_url()}</loc>"
        f"<lastmod>{item.updated_at.date().isoformat()}</lastmod></url>"
        for item in (exercise, guide)
    ]
    assert all(entry in xml for entry in entries)
    assert xml.index(entries[0]) < xml.index(entries[1])
