"""Each translation's review state (armorpt/translation_review.py): worked out in the query,
recorded from the fields an edit changed, confirmed in bulk."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from appointments.models import Location
from armorpt.page_cache import VERSION_KEY, new_content_version
from armorpt.translation_review import SpanishState, record_translation_edit
from exercises.models import EducationPage, Exercise
from tests.factories import EducationPageFactory, ExerciseFactory, LocationFactory

pytestmark = pytest.mark.django_db

EARLIER = timezone.now() - timedelta(days=2)
LATER = timezone.now() - timedelta(days=1)


def state_of(item) -> str:
    return type(item).objects.with_spanish_state().get(pk=item.pk).spanish_state


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({}, SpanishState.MISSING),
        ({"translated": True, "steps_es": "", "spanish_reviewed_by": "Ana"}, SpanishState.MISSING),
        ({"translated": True, "spanish_changed_at": EARLIER}, SpanishState.NOT_REVIEWED),
        (
            {"translated": True, "spanish_changed_at": EARLIER, "english_changed_at": LATER},
            SpanishState.OUT_OF_DATE,
        ),
        ({"translated": True, "english_changed_at": LATER}, SpanishState.OUT_OF_DATE),
        (
            {
                "translated": True,
                "english_changed_at": EARLIER,
                "spanish_changed_at": LATER,
                "spanish_reviewed_by": "Ana Ruiz, DPT",
            },
            SpanishState.UP_TO_DATE,
        ),
    ],
    ids=[
        "no-spanish",
        "a-required-field-untranslated",
        "loaded",
        "english-edited-after",
        "english-edited-after-untracked-spanish",
        "reviewed",
    ],
)
def test_the_state_is_the_first_that_holds(fields, state):
    exercise = ExerciseFactory(**fields)

    assert state_of(exercise) == state
    assert list(Exercise.objects.spanish_in_state(state)) == [exercise]


def test_an_optional_field_left_in_english_is_not_missing():
    exercise = ExerciseFactory(translated=True, tips_es="", spanish_reviewed_by="Ana")

    assert state_of(exercise) == SpanishState.UP_TO_DATE


def test_an_english_edit_dates_the_english_only():
    exercise = ExerciseFactory(translated=True)

    record_translation_edit(exercise, ["summary_en", "hold_seconds"], reviewer="Ana")

    assert exercise.english_changed_at is not None
    assert (exercise.spanish_changed_at, exercise.spanish_reviewed_by) == (None, "")


def test_a_spanish_edit_by_a_person_is_their_review():
    exercise = ExerciseFactory(translated=True)

    record_translation_edit(exercise, ["steps_es"], reviewer="Ana Ruiz")

    assert exercise.english_changed_at is None
    assert exercise.spanish_changed_at is not None
    assert exercise.spanish_reviewed_by == "Ana Ruiz"
    assert exercise.spanish_reviewed_on == timezone.localdate()


def test_spanish_written_with_no_reviewer_waits_for_one():
    exercise = ExerciseFactory(
        translated=True, spanish_reviewed_by="Ana", spanish_reviewed_on=EARLIER
    )

    record_translation_edit(exercise, ["name_es"])

    assert (exercise.spanish_reviewed_by, exercise.spanish_reviewed_on) == ("", None)


def test_fields_of_no_language_change_nothing():
    location = LocationFactory()

    record_translation_edit(location, ["phone", "display_order"], reviewer="Ana")

    assert (location.english_changed_at, location.spanish_changed_at) == (None, None)


def test_confirming_leaves_out_what_has_no_spanish():
    out_of_date = ExerciseFactory(
        translated=True, english_changed_at=LATER, spanish_changed_at=EARLIER
    )
    untranslated = ExerciseFactory(english_changed_at=LATER)

    confirmed = Exercise.objects.confirm_spanish(reviewer="Ana Ruiz")

    assert confirmed == 1
    assert state_of(out_of_date) == SpanishState.UP_TO_DATE
    assert state_of(untranslated) == SpanishState.MISSING


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (Exercise, ExerciseFactory),
        (EducationPage, EducationPageFactory),
        (Location, LocationFactory),
    ],
    ids=["exercise", "guide", "location"],
)
@pytest.mark.parametrize(
    "bulk_edit",
    [
        lambda objects: objects.update(display_order=7),
        lambda objects: objects.confirm_spanish(reviewer="Ana"),
    ],
    ids=["update", "confirm"],
)
def test_a_bulk_edit_still_retires_the_kept_pages(model, factory, bulk_edit):
    factory(translated=True)
    before = new_content_version()

    assert bulk_edit(model.objects.all()) == 1
    assert cache.get(VERSION_KEY) != before
