"""The guided routine page (/exercises/routine/play/): what the server sends for player.js."""

import re

import pytest

from exercises.models import Exercise

pytestmark = pytest.mark.django_db

PLAYER = "/exercises/routine/play/"


def test_the_player_carries_each_exercise_in_the_link_s_order(client, demo_content):
    html = client.get(f"{PLAYER}?e=hip-bridge&e=clamshell").content.decode()

    exercises = re.findall(r"<article[^>]*data-player-exercise[^>]*>", html)
    assert [re.search(r'data-slug="([^"]+)"', tag)[1] for tag in exercises] == [
        "hip-bridge",
        "clamshell",
    ]
    clamshell = exercises[1]
    assert 'data-hold-seconds="10"' in clamshell
    assert 'data-reps="10"' in clamshell
    assert 'data-sides="2"' in clamshell
    assert 'data-sets="1"' in clamshell


def test_each_exercise_comes_with_its_picture_steps_and_dose(client, demo_content):
    clamshell = Exercise.objects.get(slug="clamshell")

    html = client.get(f"{PLAYER}?e=clamshell").content.decode()

    assert 'data-exercise-figure="clamshell"' in html
    assert clamshell.figure_stills in html
    assert clamshell.dose in html
    for step in clamshell.step_lines:
        assert f"<li>{step}</li>" in html


def test_without_javascript_the_page_says_so_and_links_the_printable_sheet(client, demo_content):
    html = client.get(f"{PLAYER}?e=clamshell&e=hip-bridge").content.decode()

    assert "The guided routine needs JavaScript" in html
    assert 'href="/exercises/routine/?e=clamshell&amp;e=hip-bridge">printable routine sheet' in html
    # The player itself stays hidden until player.js shows it.
    assert re.search(r'<div class="player" data-player hidden', html)


def test_the_pain_score_runs_from_0_to_10_with_words_at_the_ends(client, demo_content):
    html = client.get(f"{PLAYER}?e=clamshell").content.decode()

    for name in ("pain-before", "pain-after"):
        assert re.findall(rf'name="{name}" id="{name}-\d+" value="(\d+)"', html) == [
            str(score) for score in range(11)
        ]
    assert "0 = no pain" in html
    assert "10 = the worst pain you can imagine" in html
    assert "How does your hip feel now?" in html
    assert "Done for today" in html


def test_every_control_is_a_named_button(client, demo_content):
    html = client.get(f"{PLAYER}?e=clamshell").content.decode()

    for control in ("pause", "back", "skip", "exit"):
        assert re.search(rf'<button class="[^"]*" type="button" data-player-{control}>\w', html)


def test_unknown_and_draft_exercises_are_left_out(client, demo_content):
    Exercise.objects.filter(slug="hip-bridge").update(status="draft")

    html = client.get(f"{PLAYER}?e=clamshell&e=hip-bridge&e=no-such-thing").content.decode()

    assert html.count("data-player-exercise ") == 1
    assert "We could not find 2 of the exercises in your link" in html


def test_an_empty_routine_points_to_the_exercises(client, demo_content):
    html = client.get(PLAYER).content.decode()

    assert "Your routine is empty" in html
    assert "data-player " not in html
    assert "player.js" not in html


def test_the_routine_sheet_and_an_exercise_page_link_to_the_player(client, demo_content):
    sheet = client.get("/exercises/routine/?e=clamshell&e=hip-bridge").content.decode()
    exercise = client.get("/exercises/clamshell/").content.decode()

    assert f'href="{PLAYER}?e=clamshell&amp;e=hip-bridge">Start this routine</a>' in sheet
    assert f'href="{PLAYER}?e=clamshell">Start<span' in exercise


def test_the_player_page_is_kept_for_the_next_visitor(
    client, demo_content, django_assert_num_queries
):
    url = f"{PLAYER}?e=clamshell&e=hip-bridge&e=chair-squat"
    client.get(url)

    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies


def test_the_spanish_player_gets_its_script_s_words_in_spanish_first(client, demo_content):
    html = client.get("/es/exercises/routine/play/?e=clamshell").content.decode()
    scripts = re.findall(r'<script src="([^"]+)" defer>', html)

    assert scripts.index("/es/jsi18n/") < scripts.index("/static/js/player.js")
    catalog = client.get("/es/jsi18n/").content.decode()
    for spanish in ["Cambie de lado", "Ejercicio %(number)s de %(total)s", "Seguimos."]:
        assert spanish in catalog


def test_the_spanish_player_s_screens_speak_spanish(client, demo_content):
    html = client.get("/es/exercises/routine/play/?e=clamshell").content.decode()

    for spanish in ["Rutina guiada", "Empezar la rutina", "Listo, siguiente", "Terminé por hoy"]:
        assert spanish in html
    assert 'data-name="La almeja"' in html
