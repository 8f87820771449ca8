"""An exercise's stills as a file of their own (exercises.views.figure_stills), for its cards
and the routine sheet."""

import pytest
from django.utils import translation
from django.utils.cache import get_max_age

from exercises.models import Exercise, Status
from exercises.views import STILLS_MAX_AGE
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def test_the_stills_are_served_as_drawn_and_kept_for_a_year(client):
    exercise = ExerciseFactory()

    response = client.get(exercise.get_figure_stills_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.decode() == exercise.figure_stills
    assert get_max_age(response) == STILLS_MAX_AGE
    assert "immutable" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_a_new_drawing_gets_a_new_address_and_the_old_one_leads_to_it(client):
    exercise = ExerciseFactory()
    old_url = exercise.get_figure_stills_url()

    exercise.illustration_alt = "Lying on the side, knees bent, a pillow under the head."
    exercise.save()

    assert exercise.get_figure_stills_url() != old_url
    response = client.get(old_url)
    assert response.status_code == 302
    assert response["Location"] == exercise.get_figure_stills_url()
    assert "pillow under the head" in client.get(response["Location"]).content.decode()


def test_the_card_and_the_routine_sheet_point_at_the_stills(client):
    exercise = ExerciseFactory()

    for page in ("/exercises/", f"/exercises/routine/?e={exercise.slug}"):
        html = client.get(page).content.decode()
        assert f'src="{exercise.get_figure_stills_url()}"' in html, page
        assert '<svg class="figure-stills"' not in html, page


def test_a_draft_s_stills_are_404_to_the_public_and_never_kept_for_staff(client, staff_user):
    draft = ExerciseFactory(status=Status.DRAFT)

    assert client.get(draft.get_figure_stills_url()).status_code == 404
    client.force_login(staff_user)
    response = client.get(draft.get_figure_stills_url())
    assert response.status_code == 200
    assert get_max_age(response) == 0
    assert "private" in response["Cache-Control"]


def test_an_exercise_with_a_photo_only_has_no_stills(client):
    exercise = ExerciseFactory(figure={}, photo="exercises/ours.jpg")

    assert client.get(f"/exercises/{exercise.slug}/stills-0.svg").status_code == 404


def test_the_spanish_page_s_stills_are_drawn_in_spanish(client, demo_content):
    exercise = Exercise.objects.get(slug="chair-squat")
    english_url = exercise.get_figure_stills_url()
    with translation.override("es"):
        spanish_url = exercise.get_figure_stills_url()

    spanish = client.get(spanish_url).content.decode()

    assert spanish_url.startswith("/es/exercises/chair-squat/stills-")
    assert spanish_url.removeprefix("/es") != english_url
    assert ">Sentadilla con silla: De pie, Toque el asiento</title>" in spanish
    assert "Stand" not in spanish


def test_a_figure_without_labels_of_its_own_says_start_and_hold_in_spanish(client, demo_content):
    html = client.get("/es/exercises/clamshell/").content.decode()

    assert ">Inicio</text>" in html
    assert ">Mantenga</text>" in html
    assert "La almeja: cómo empezar, y la posición que debe mantener" in html
    assert "A la izquierda: cómo empezar. A la derecha: la posición que debe mantener." in html


def test_a_pose_label_is_drawn_in_spanish_from_the_exercise_s_own_table():
    exercise = ExerciseFactory()
    exercise.figure = {**exercise.figure, "hold": {**exercise.figure["hold"], "label": "Open"}}
    exercise.save()
    with translation.override("es"):
        assert ">Open</text>" in exercise.figure_stills

    exercise.figure_label_translations = {"es": {"Open": "Abra"}}
    exercise.save()
    with translation.override("es"):
        assert ">Abra</text>" in exercise.figure_stills
    assert ">Open</text>" in exercise.figure_stills


@pytest.mark.parametrize(
    ("prefix", "darker", "orange"),
    [
        ("", "drawn darker are on the side nearer you", "working, in orange"),
        ("/es", "más oscuros son los del lado más cercano", "en color naranja"),
    ],
)
def test_the_caption_says_what_the_darker_limbs_and_the_orange_mean(
    client, demo_content, prefix, darker, orange
):
    page = client.get(f"{prefix}/exercises/clamshell/").content.decode()
    caption = page.split("<figcaption")[1].split("</figcaption>")[0]

    assert darker in caption
    assert orange in caption
