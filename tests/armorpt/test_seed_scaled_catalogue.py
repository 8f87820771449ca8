"""seed_scaled_catalogue: the benchmark's scaled catalogue, built from the test factories."""

import io

import pytest
from django.core.management import CommandError, call_command

from appointments.models import AppointmentRequest
from exercises.models import EducationPage, Exercise
from tests.factories import ExerciseFactory, LocationFactory

pytestmark = pytest.mark.django_db


def seed():
    call_command(
        "seed_scaled_catalogue", exercises=20, guides=10, requests=30, stdout=io.StringIO()
    )


def test_the_scaled_catalogue_joins_the_demo_content_once():
    LocationFactory()
    demo = ExerciseFactory(slug="clamshell")

    seed()

    assert Exercise.objects.filter(slug__startswith="scaled-").count() == 20
    assert Exercise.objects.published().filter(slug__startswith="scaled-").count() == 18
    guide = EducationPage.objects.get(slug="scaled-guide-1")
    assert guide.body_html.startswith("<h2>")
    assert guide.related_exercises.count() == 4
    assert demo.education_pages.count() == 10
    assert AppointmentRequest.objects.count() == 30
    with pytest.raises(CommandError, match="already has the scaled catalogue"):
        seed()


def test_the_scaled_catalogue_needs_a_location_for_its_requests():
    with pytest.raises(CommandError, match="load_clinic_content"):
        seed()
