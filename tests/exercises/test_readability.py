"""Every published guide and exercise of the demo content reads at grade 8 or below, measured the
way the admin shows it (the grade stored on save, from the text as a patient sees it)."""

import pytest
import textstat
from django.utils import translation

from armorpt.readability import SPANISH_EASE, TARGET_GRADE, reading_grade, spanish_ease
from exercises.admin import ExerciseAdmin
from exercises.models import EducationPage, Exercise
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


def published_demo_content():
    return [*Exercise.objects.published(), *EducationPage.objects.published()]


def test_published_demo_content_reads_at_grade_8_or_below(demo_content):
    grades = {str(item): item.reading_grade for item in published_demo_content()}

    too_hard = {name: grade for name, grade in grades.items() if grade > TARGET_GRADE}
    assert not too_hard, f"Above grade {TARGET_GRADE}: {too_hard}"


def test_the_stored_grade_is_the_grade_of_what_patients_see(demo_content):
    for item in published_demo_content():
        assert item.reading_grade == reading_grade(item.patient_text()), item


def test_a_guides_grade_follows_its_body_on_save():
    page = EducationPageFactory(body="Walk.")
    easy = page.reading_grade

    page.body = "Osteoarthritis complicates rehabilitation considerably."
    page.save(update_fields=["body"])
    page.refresh_from_db()

    assert page.reading_grade > easy


def test_a_guide_is_read_with_its_title_summary_and_rendered_body():
    page = EducationPageFactory(title="Rest", summary="Short.", body="## Move\n\n- walk **often**")

    assert page.patient_text().split("\n")[:4] == ["Rest", "Short.", "Move", "walk often"]


def test_an_exercise_is_read_from_every_field_a_patient_sees():
    exercise = ExerciseFactory(before_you_start="Go slowly on stairs.")

    text = exercise.patient_text()

    for part in [exercise.name, exercise.summary, "Bend your knees.", "Go gently.", "Numbness."]:
        assert part in text
    assert "Go slowly on stairs." in text


def test_the_change_page_shows_the_grade_beside_the_target(admin_client):
    page = EducationPageFactory()

    html = admin_client.get(f"/admin/exercises/educationpage/{page.pk}/change/").content.decode()

    assert f"{page.reading_grade} (OK: at most {TARGET_GRADE}, aim for 5 to 6)" in html


def test_the_changelists_sort_by_reading_grade(admin_client):
    ExerciseFactory(name="Easy one", summary="Walk.")
    ExerciseFactory(name="Hard one", summary="Osteoarthritis complicates rehabilitation.")
    EducationPageFactory()

    html = admin_client.get("/admin/exercises/educationpage/").content.decode()
    assert "sortable column-reading_grade" in html
    column = ExerciseAdmin.list_display.index("reading_grade") + 1
    html = admin_client.get("/admin/exercises/exercise/", {"o": f"-{column}"}).content.decode()
    assert "sortable column-reading_grade sorted descending" in html
    assert html.index("Hard one") < html.index("Easy one")


def test_every_shipped_spanish_guide_is_fairly_easy_to_read(demo_content):
    with translation.override("es"):
        ease = {
            page.slug: spanish_ease(page.patient_text())
            for page in EducationPage.objects.published()
        }

    assert ease, "no guide was measured"
    too_hard = {slug: score for slug, score in ease.items() if score < SPANISH_EASE}
    assert not too_hard, f"Szigriszt-Pazos below {SPANISH_EASE}: {too_hard}"


def test_measuring_spanish_leaves_textstat_reading_english():
    before = reading_grade("The physiotherapist recommends strengthening exercises.")

    spanish_ease("El fisioterapeuta recomienda ejercicios para fortalecer.")

    assert reading_grade("The physiotherapist recommends strengthening exercises.") == before
    assert textstat.syllable_count("area") == 3
