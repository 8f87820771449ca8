"""The exercise card grid partial: its stylesheet linked once per page."""

import pytest
from django.urls import reverse

from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

STYLESHEET = 'href="/static/css/exercises.css"'


def test_the_exercise_list_links_its_stylesheet_once(client):
    ExerciseFactory.create_batch(2)

    html = client.get(reverse("exercises:list")).content.decode()

    assert html.count(STYLESHEET) == 1
    assert html.index(STYLESHEET) < html.index("</head>")


def test_an_exercise_page_with_related_cards_links_its_stylesheet_once(client):
    exercise, _related = ExerciseFactory.create_batch(2, kind="stretch")

    html = client.get(exercise.get_absolute_url()).content.decode()

    assert "exercise-card" in html
    assert html.count(STYLESHEET) == 1
    assert html.index(STYLESHEET) < html.index("</head>")


def test_a_card_grid_on_a_page_without_the_stylesheet_brings_it(client):
    page = EducationPageFactory(related_exercises=[ExerciseFactory()])

    html = client.get(page.get_absolute_url()).content.decode()

    assert html.count(STYLESHEET) == 1
