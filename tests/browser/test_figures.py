"""The exercise figure in a real browser: it moves with the hold timer, stops with it, plays
on its own when asked, and stays still for people who ask for less motion."""

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS

START = datetime(2026, 1, 5, 9, 0)
MOVE_MS = 2000  # the clamshell figure's move_seconds


def progress(page) -> float:
    return float(page.locator("[data-exercise-figure]").get_attribute("data-figure-progress"))


def open_clamshell(open_page, site, **context):
    page = open_page(viewport=VIEWPORTS["desktop"], **context)
    page.clock.install(time=START)
    page.goto(site + "/exercises/clamshell/")
    page.clock.pause_at(START + timedelta(minutes=1))  # time moves only when the test says
    return page


def test_the_figure_reaches_the_hold_as_the_count_starts_and_pauses_with_the_timer(site, open_page):
    page = open_clamshell(open_page, site)
    figure = page.locator("[data-exercise-figure]")
    timer = page.locator("[data-hold-timer]")
    clock = timer.get_by_role("timer")
    expect(figure.locator(".figure-stills")).to_be_visible()
    expect(figure.locator(".figure-live")).to_be_hidden()
    assert progress(page) == 0

    timer.get_by_role("button", name="Start").click()
    expect(figure.locator(".figure-live")).to_be_visible()
    expect(figure.locator(".figure-stills")).to_be_hidden()
    expect(timer.locator("[data-timer-where]")).to_contain_text("get into position")
    page.clock.run_for(MOVE_MS // 2)
    halfway = progress(page)
    assert 0.2 < halfway < 0.8
    expect(clock).to_have_text("0:10")  # the count waits for the figure

    timer.get_by_role("button", name="Pause").click()
    page.clock.run_for(3000)
    assert progress(page) == halfway  # paused with the timer

    timer.get_by_role("button", name="Start").click()
    page.clock.run_for(MOVE_MS // 2 + 100)
    assert progress(page) == 1  # at the hold pose ...
    expect(timer.locator("[data-timer-where]")).to_have_text("Left side, rep 1 of 10")
    page.clock.run_for(1000)
    expect(clock).to_have_text("0:09")  # ... as the count runs
    page.clock.run_for(4000)
    assert progress(page) == 1  # and it stays while it counts

    page.clock.run_for(5000 + MOVE_MS + 200)  # the hold ends: back to the start
    assert progress(page) == 0
    expect(timer.locator("[data-timer-where]")).to_have_text("Right side, rep 1 of 10")

    body = figure.locator("[data-figure-body]")
    assert body.get_attribute("transform") is None
    timer.get_by_role("button", name="Start").click()
    page.clock.run_for(100)
    assert "scale(-1 1)" in body.get_attribute("transform")  # the right side: mirrored


def test_play_loops_the_movement_a_few_times_then_stops(site, open_page):
    page = open_clamshell(open_page, site)
    play = page.get_by_role("button", name="Play the movement")
    play.click()
    pause = page.get_by_role("button", name="Pause the movement")
    expect(pause).to_have_attribute("aria-pressed", "true")
    page.clock.run_for(MOVE_MS + 100)
    assert progress(page) == 1

    page.clock.run_for(60_000)
    expect(play).to_have_attribute("aria-pressed", "false")
    assert progress(page) == 0
    still = page.locator("[data-figure-body] path").first.get_attribute("d")
    page.clock.run_for(10_000)
    assert page.locator("[data-figure-body] path").first.get_attribute("d") == still


@pytest.mark.parametrize("media", ["reduced-motion", "print"])
def test_with_reduced_motion_or_in_print_the_stills_stand_side_by_side(site, open_page, media):
    page = open_clamshell(open_page, site)
    if media == "reduced-motion":
        page.emulate_media(reduced_motion="reduce")
    figure = page.locator("[data-exercise-figure]")
    page.locator("[data-hold-timer]").get_by_role("button", name="Start").click()
    page.clock.run_for(MOVE_MS + 3000)
    if media == "print":
        page.emulate_media(media="print")

    expect(figure.locator(".figure-stills")).to_be_visible()
    expect(figure.locator(".figure-live")).to_be_hidden()
    if media == "reduced-motion":
        assert progress(page) == 0  # nothing moved, even out of sight
        expect(page.get_by_role("button", name="Play the movement")).to_be_hidden()
    stills = figure.get_by_role("img")
    expect(stills).to_have_accessible_name("Clamshell: how to start, and the position to hold")
    expect(stills).to_have_accessible_description(
        re.compile("^Seen from the front, a little from above: a person lying on their side")
    )
