"""How an exercise stores its figure: drawn when saved, a photo in its place, named in the words
under the stills (the migrations that gave exercises their figures: test_migrations.py)."""

import pytest
from django.template.loader import render_to_string

from exercises import figures
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


@pytest.mark.django_db
def test_the_words_under_the_stills_name_them_in_order(demo_content):
    page = render_to_string(
        "exercises/includes/figure.html",
        {"exercise": Exercise.objects.get(slug="hourly-movement-break")},
    )
    assert "Left to right: Sit, Stand up, Walk about." in page
    clamshell = Exercise.objects.get(slug="clamshell")
    assert clamshell.figure_stills_caption == "Left: how to start. Right: the position to hold."
    twist = Exercise.objects.get(slug="double-hip-rotation")
    assert twist.figure_stills_caption == (
        "Left to right: Knees bent, feet flat, Hold. "
        "The pale outline shows where the legs were at the start."
    )
