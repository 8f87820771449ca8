"""The demo content loader (exercises/content/): loads once, never overwrites staff edits."""

import io
import re

import pytest
from django.core.management import call_command

from armorpt.translation_review import SpanishState
from exercises.content import (
    education_content,
    exercise_content,
    load_education_pages,
    load_exercises,
)
from exercises.models import EducationPage, Exercise, Kind, Position, Status
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


# Demo content ------------------------------------------------------------------------------


def test_demo_content_loads_its_published_unreviewed_exercises_once():
    shipped = len(exercise_content())
    assert shipped >= 20
    assert load_exercises() == shipped
    assert load_exercises() == 0

    assert Exercise.objects.published().count() == shipped
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


# Fields every shipped exercise fills in, so the new ones are as complete as the first eleven.
EVERY_EXERCISE_HAS = [
    "summary",
    "what_you_need",
    "starting_position",
    "steps",
    "tips",
    "when_to_stop",
    "before_you_start",
    "muscles",
    "illustration_alt",
    "figure",
]
# The clinic's first eleven carry the article's facts; the ones added since name their sources.
FIRST_ELEVEN = 110


@pytest.mark.parametrize("entry", exercise_content(), ids=lambda entry: entry["slug"])
def test_each_shipped_exercise_has_every_field_a_dose_and_a_figure(entry):
    missing = [field for field in EVERY_EXERCISE_HAS if not entry.get(field)]
    assert not missing, f"{entry['slug']} lacks {missing}"
    if entry["kind"] != Kind.EVERYDAY:
        assert entry.get("reps") or entry.get("hold_seconds"), "a dose: how many or how long"
    assert isinstance(entry["leave_out_after_hip_replacement"], bool)
    assert {"start", "hold"} <= set(entry["figure"])
    if entry["order"] > FIRST_ELEVEN:
        assert entry.get("sources"), f"{entry['slug']} names no public source"
        assert entry["review_note"].startswith("Defaults for the clinic to check")


def test_without_the_floor_a_whole_routine_is_still_on_offer(client, demo_content):
    """The list's filter "no need to get down on the floor" offers a stretch, a strengthening
    and a mobility exercise, each with a gentle one done sitting or lying on a bed."""
    for kind in (Kind.STRETCH, Kind.STRENGTHEN, Kind.MOBILITY):
        html = client.get(f"/exercises/?position=off_floor&kind={kind}").text
        slugs = re.findall(r'name="e" value="([\w-]+)"', html)
        offered = Exercise.objects.filter(slug__in=slugs)

        assert offered.exists(), f"no {kind} exercise off the floor"
        assert not any(exercise.done_on_the_floor for exercise in offered)
        assert offered.filter(
            difficulty="gentle", position__in=[Position.SEATED, Position.LYING_BED]
        ).exists(), f"no gentle {kind} done sitting or on a bed"


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


@pytest.mark.parametrize("model", [Exercise, EducationPage])
def test_the_shipped_spanish_waits_for_a_person_s_review(model):
    call_command("load_clinic_content", stdout=io.StringIO())

    states = set(model.objects.with_spanish_state().values_list("spanish_state", flat=True))

    assert states == {SpanishState.NOT_REVIEWED}
    assert not model.objects.filter(spanish_changed_at__isnull=True).exists()
