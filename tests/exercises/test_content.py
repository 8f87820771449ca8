"""The demo content loader (exercises/content/): loads once, never overwrites staff edits."""

import io

import pytest
from django.core.management import call_command

from exercises.content import education_content, load_education_pages, load_exercises
from exercises.models import EducationPage, Exercise, Status
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


# Demo content ------------------------------------------------------------------------------


def test_demo_content_loads_eleven_published_unreviewed_exercises_once():
    assert load_exercises() == 11
    assert load_exercises() == 0

    assert Exercise.objects.published().count() == 11
    assert not Exercise.objects.exclude(reviewed_by="").exists()
    assert not Exercise.objects.filter(reviewed_on__isnull=False).exists()
    clamshell = Exercise.objects.get(slug="clamshell")
    assert clamshell.hold_seconds == 10
    assert clamshell.each_side
    assert len(clamshell.step_lines) == 5
    assert len(clamshell.tip_lines) == 3
    assert "conservative default" in clamshell.review_note
    for exercise in Exercise.objects.all():
        exercise.full_clean()  # every drawing exists and every field is valid


def test_demo_content_never_changes_what_staff_edited():
    load_exercises()
    Exercise.objects.filter(slug="clamshell").update(name="Clamshell (edited)")

    load_exercises()

    assert Exercise.objects.get(slug="clamshell").name == "Clamshell (edited)"


def test_demo_pages_load_once_published_and_unreviewed():
    assert load_education_pages() == len(education_content()["page"])
    assert load_education_pages() == 0

    pages = list(EducationPage.objects.all())
    assert pages[0].slug == "why-hip-pain-starts"
    assert all(page.status == Status.PUBLISHED for page in pages)
    assert all(not page.reviewed_by and page.reviewed_on is None for page in pages)
    for page in pages:
        page.full_clean()
        assert "<h2>" in page.body_html


def test_demo_pages_link_the_exercises_that_exist_and_skip_the_rest():
    ExerciseFactory(slug="clamshell")

    load_education_pages()

    page = EducationPage.objects.get(slug="how-exercise-helps")
    assert list(page.related_exercises.values_list("slug", flat=True)) == ["clamshell"]


def test_loading_again_keeps_staff_edits():
    load_education_pages()
    EducationPage.objects.filter(slug="no-referral-needed").update(title="Edited by staff")

    call_command("load_clinic_content", stdout=io.StringIO())

    assert EducationPage.objects.get(slug="no-referral-needed").title == "Edited by staff"
