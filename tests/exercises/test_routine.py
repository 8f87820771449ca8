"""The printable routine builder (exercises/routine.py)."""

import pytest

from exercises.models import Status
from exercises.routine import MAX_ROUTINE_EXERCISES, build_routine
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


# The routine -------------------------------------------------------------------------------


def test_routine_keeps_the_link_order_and_collapses_duplicates():
    first, second = ExerciseFactory(slug="one"), ExerciseFactory(slug="two")

    routine = build_routine(["two", "one", "two", " one "])

    assert routine.exercises == [second, first]
    assert routine.not_found == []


def test_routine_skips_unknown_and_unpublished():
    ExerciseFactory(slug="one")
    ExerciseFactory(slug="hidden", status=Status.DRAFT)

    routine = build_routine(["nope", "one", "hidden"])

    assert routine.slugs == ["one"]
    assert routine.not_found == ["nope", "hidden"]


def test_routine_holds_at_most_twelve():
    slugs = [ExerciseFactory().slug for _ in range(MAX_ROUTINE_EXERCISES + 2)]

    routine = build_routine(slugs)

    assert routine.slugs == slugs[:MAX_ROUTINE_EXERCISES]
    assert routine.left_out == 2


def test_routine_from_nothing_is_empty():
    routine = build_routine(["", "  "])

    assert routine.exercises == []
    assert routine.not_found == []


def test_the_spanish_routine_sheet_speaks_spanish_and_links_spanish_pages(client, demo_content):
    html = client.get("/es/exercises/routine/?e=clamshell&e=hip-bridge").content.decode()

    for spanish in ["Su rutina de ejercicios para la cadera", "Cuándo parar", "Día 7", "Cuídese"]:
        assert spanish in html
    assert 'href="/es/exercises/routine/play/?e=clamshell&amp;e=hip-bridge"' in html
    assert 'href="/es/exercises/clamshell/"' in html
    assert "http://testserver/es/exercises/routine/?e=clamshell&amp;e=hip-bridge" in html
