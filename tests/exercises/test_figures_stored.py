"""How an exercise stores its figure: drawn when saved, given by the migration, named in the
words under the stills."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template.loader import render_to_string

from exercises import figures
from exercises.content import shipped_figures
from exercises.models import Exercise


@pytest.mark.django_db
def test_the_figure_is_drawn_when_saved_and_a_photo_takes_its_place(demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    assert exercise.figure_stills, exercise.figure_live
    assert (exercise.figure_stills, exercise.figure_live) == figures.render_for(exercise)

    exercise.illustration_alt = "Lying on the side, knees bent."
    exercise.save(update_fields=["illustration_alt"])
    exercise.refresh_from_db()
    assert "Lying on the side, knees bent." in exercise.figure_stills

    card = render_to_string("exercises/includes/card.html", {"exercise": exercise})
    assert "figure-stills" in card
    exercise.photo.name = "exercises/clamshell.jpg"
    card = render_to_string("exercises/includes/card.html", {"exercise": exercise})
    assert 'src="/media/exercises/clamshell.jpg"' in card
    assert "figure-stills" not in card


BEFORE_FIGURES = [("exercises", "0004_exercise_review_due_help")]
FIGURES = [("exercises", "0005_figures")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_drawing_s_exercise_its_figure():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_FIGURES)
    try:
        old = executor.loader.project_state(BEFORE_FIGURES).apps

        def make(**fields):
            model = old.get_model("exercises", "Exercise")
            return model.objects.create(kind="strengthen", position="lying_back", **fields)

        bridge = make(slug="hip-bridge", illustration="exercises/illustrations/hip-bridge.svg")
        # Staff made their own exercise and chose the clamshell's drawing for it.
        own = make(slug="side-lying-lift", illustration="exercises/illustrations/clamshell.svg")
        photo_only = make(slug="our-photo", photo="exercises/ours.jpg")

        executor = MigrationExecutor(connection)
        executor.migrate(FIGURES)
        new = executor.loader.project_state(FIGURES).apps.get_model("exercises", "Exercise")
        assert new.objects.get(pk=bridge.pk).figure == shipped_figures()["hip-bridge"]
        own_now = new.objects.get(pk=own.pk)
        assert own_now.figure == shipped_figures()["clamshell"]
        assert "Start" in own_now.figure_stills
        assert "data-frames" in own_now.figure_live
        assert new.objects.get(pk=photo_only.pk).figure == {}
        assert new.objects.get(pk=photo_only.pk).photo == "exercises/ours.jpg"

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_FIGURES)
        back = old.get_model("exercises", "Exercise").objects
        assert back.get(pk=own.pk).illustration == "exercises/illustrations/clamshell.svg"
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_the_words_under_the_stills_name_them_in_order(demo_content):
    page = render_to_string(
        "exercises/includes/figure.html",
        {"exercise": Exercise.objects.get(slug="hourly-movement-break")},
    )
    assert "Left to right: Sit, Stand up, Walk about." in page
    clamshell = Exercise.objects.get(slug="clamshell")
    assert clamshell.figure_stills_caption == "Left: how to start. Right: the position to hold."
