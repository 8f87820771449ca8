"""Easier and harder versions of an exercise (Exercise.easier_version): a ladder of exercises,
checked for loops, linked both ways on the page, kept by the demo loader, set in the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from exercises.content import exercise_content, load_exercises
from exercises.models import Exercise, Kind, Status
from tests.exercises.test_admin import admin_form_data
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

TOO_HARD = "<strong>Too hard?</strong> Try <a href="
MORE = "<strong>Ready for more?</strong> Try <a href="


def ladder(*names: str, **fields) -> list[Exercise]:
    """Exercises from easiest to hardest, each the easier version of the next."""
    rungs = []
    for name in names:
        rungs.append(
            ExerciseFactory(name=name, easier_version=rungs[-1] if rungs else None, **fields)
        )
    return rungs


# The page ----------------------------------------------------------------------------------


def test_the_page_links_to_the_easier_and_the_harder_version_and_they_link_back(client):
    squeeze, bridge, single = ladder("Squeezes", "Bridge", "Single-leg bridge")

    middle = client.get(bridge.get_absolute_url()).text
    bottom = client.get(squeeze.get_absolute_url()).text
    top = client.get(single.get_absolute_url()).text

    assert f'{TOO_HARD}"{squeeze.get_absolute_url()}">Squeezes</a>' in middle
    assert f'{MORE}"{single.get_absolute_url()}">Single-leg bridge</a>' in middle
    assert f'{MORE}"{bridge.get_absolute_url()}">Bridge</a>' in bottom
    assert "Too hard?" not in bottom
    assert f'{TOO_HARD}"{bridge.get_absolute_url()}">Bridge</a>' in top
    assert "Ready for more?" not in top


def test_an_exercise_without_versions_shows_no_versions_box(client):
    html = client.get(ExerciseFactory().get_absolute_url()).text

    assert "exercise-versions" not in html


def test_a_draft_version_is_linked_only_for_staff_previewing(client, staff_user):
    easier, exercise = ladder("Easier draft", "Published one")
    Exercise.objects.filter(pk=easier.pk).update(status=Status.DRAFT)

    assert "Easier draft" not in client.get(exercise.get_absolute_url()).text
    client.force_login(staff_user)
    assert f'{TOO_HARD}"{easier.get_absolute_url()}">Easier draft</a>' in (
        client.get(exercise.get_absolute_url()).text
    )


@pytest.mark.parametrize("size", [3, 60])
def test_versions_cost_no_extra_query_on_the_exercise_and_list_pages(
    client, location, django_assert_num_queries, size
):
    rungs = ladder(*(f"Rung {n}" for n in range(size)))
    client.get("/privacy/")  # caches the clinic's location, as on a running site
    middle = rungs[size // 2]

    with django_assert_num_queries(2):
        html = client.get(middle.get_absolute_url()).text
    with django_assert_num_queries(2):
        assert client.get("/exercises/").status_code == 200
    assert "Too hard?" in html
    assert "Ready for more?" in html


# Validation ---------------------------------------------------------------------------------


def test_an_exercise_cannot_be_its_own_easier_version():
    exercise = ExerciseFactory()
    exercise.easier_version = exercise

    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "cannot be its own easier version" in error.value.message_dict["easier_version"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(pk=exercise.pk).update(easier_version=exercise)


def test_a_loop_of_versions_is_refused_next_to_the_field():
    easiest, middle, hardest = ladder("Easiest", "Middle", "Hardest")
    easiest.easier_version = hardest

    with pytest.raises(ValidationError) as error:
        easiest.full_clean()
    assert (
        "“Hardest” is already harder than this exercise"
        in (error.value.message_dict["easier_version"][0])
    )
    Exercise.objects.get(pk=middle.pk).full_clean()  # as saved: a ladder, no loop


def test_two_exercises_cannot_share_one_easier_version():
    easier, harder = ladder("Easier", "Harder")

    with pytest.raises(ValidationError) as error:
        ExerciseFactory.build(easier_version=easier).validate_unique()
    assert (
        "already the easier version of another one"
        in (error.value.message_dict["easier_version"][0])
    )
    assert harder.easier_version == easier


def test_deleting_an_easier_version_leaves_the_harder_one_without_it():
    easier, harder = ladder("Easier", "Harder")

    easier.delete()

    harder.refresh_from_db()
    assert harder.easier_version is None


# The admin ----------------------------------------------------------------------------------


def test_staff_choose_the_easier_version_and_see_the_harder_one(admin_client):
    easier, middle, harder = ladder("Easier one", "Middle one", "Harder one")

    html = admin_client.get(reverse("admin:exercises_exercise_change", args=[middle.pk])).text

    section = html.split("Easier and harder versions")[1]
    assert 'data-ajax--url="/admin/autocomplete/"' in section
    assert f'<option value="{easier.pk}" selected>Easier one</option>' in section
    assert f'<div class="readonly">{harder.name}</div>' in section


def test_a_loop_chosen_in_the_admin_is_refused_and_nothing_is_lost(admin_client):
    easiest, _middle, hardest = ladder("Easiest", "Middle", "Hardest")
    url = reverse("admin:exercises_exercise_change", args=[easiest.pk])

    response = admin_client.post(
        url, admin_form_data(easiest, easier_version=hardest.pk, name_en="Easiest, renamed")
    )

    assert response.status_code == 200
    assert "easier_version" in response.context["adminform"].form.errors
    assert 'value="Easiest, renamed"' in response.text
    easiest.refresh_from_db()
    assert easiest.easier_version is None
    assert easiest.name == "Easiest"


# The demo content ---------------------------------------------------------------------------


def test_every_demo_strengthening_exercise_is_on_a_ladder_of_three_or_more(demo_content):
    strengthening = Exercise.objects.published().filter(kind=Kind.STRENGTHEN).with_versions()

    for exercise in strengthening:
        easier, harder = exercise.versions_shown(drafts=False)
        assert easier or harder, f"{exercise.slug} has no easier or harder version"
        rungs = [exercise]
        while rungs[0].easier_version:
            rungs.insert(0, rungs[0].easier_version)
        while (above := rungs[-1].versions_shown(drafts=False)[1]) is not None:
            rungs.append(above)
        assert len(rungs) >= 3, [rung.slug for rung in rungs]
        assert all(rung.kind == Kind.STRENGTHEN for rung in rungs)
        exercise.full_clean()


def test_the_clinics_first_strengthening_exercises_each_have_both_versions(demo_content):
    originals = ["hip-bridge", "chair-squat", "low-lunge", "standing-hip-abduction", "clamshell"]

    exercises = Exercise.objects.filter(slug__in=originals).with_versions()

    assert len(exercises) == len(originals)
    for exercise in exercises:
        easier, harder = exercise.versions_shown(drafts=False)
        assert easier, exercise.slug
        assert harder, exercise.slug


def test_loading_again_never_puts_back_a_link_staff_removed():
    load_exercises()
    Exercise.objects.filter(slug="hip-bridge").update(easier_version=None)

    load_exercises()

    assert Exercise.objects.get(slug="hip-bridge").easier_version is None


def test_an_exercise_added_later_is_linked_to_the_ones_already_there():
    load_exercises()
    Exercise.objects.filter(slug="single-leg-bridge").delete()

    assert load_exercises() == 1

    added = Exercise.objects.get(slug="single-leg-bridge")
    assert added.easier_version.slug == "hip-bridge"


def test_a_version_staff_already_chose_is_kept_when_loading():
    staff_own = ExerciseFactory(slug="bridge-on-a-ball")
    ExerciseFactory(slug="our-harder-bridge", easier_version=None)
    bridge_entry = next(e for e in exercise_content() if e["slug"] == "hip-bridge")
    ExerciseFactory(slug="hip-bridge", name=bridge_entry["name"], easier_version=staff_own)

    load_exercises()

    assert Exercise.objects.get(slug="hip-bridge").easier_version == staff_own
    assert Exercise.objects.get(slug="single-leg-bridge").easier_version.slug == "hip-bridge"
