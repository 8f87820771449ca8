"""The exercise library in a real browser: filtering, the hold timer, building a routine."""

import re
from datetime import datetime, timedelta

from playwright.sync_api import expect

START = datetime(2026, 1, 5, 9, 0)


def freeze_clock(page):
    """Time moves only when the test says so (run_for), never by itself."""
    page.clock.pause_at(START + timedelta(minutes=1))


def test_filter_to_lying_exercises_open_the_clamshell_and_run_the_timer(site, page):
    page.clock.install(time=START)
    page.goto(site + "/exercises/")

    page.get_by_label("Position").select_option("lying_side")
    page.get_by_role("button", name="Show exercises").click()

    expect(page).to_have_url(re.compile(r"position=lying_side"))
    expect(page.get_by_role("heading", name="2 exercises")).to_be_visible()
    page.get_by_role("link", name="Clamshell", exact=True).click()

    expect(page.get_by_role("heading", name="Clamshell", level=1)).to_be_visible()
    freeze_clock(page)
    timer = page.locator("[data-hold-timer]")
    clock = timer.get_by_role("timer")
    announcer = timer.locator("[data-timer-announce]")
    expect(timer.locator("[data-timer-where]")).to_have_text("Left side, rep 1 of 10")
    expect(clock).to_have_text("0:10")

    timer.get_by_role("button", name="Start").press("Enter")  # keyboard operable
    page.clock.run_for(2000)  # the figure gets into position before the count starts
    page.clock.run_for(1000)
    expect(announcer).to_have_text("Left side, rep 1 of 10: hold for 10 seconds. Go.")
    page.clock.run_for(3000)
    expect(clock).to_have_text("0:06")
    page.clock.run_for(1500)
    expect(announcer).to_have_text("Halfway. 5 seconds left.")

    timer.get_by_role("button", name="Pause").click()
    page.clock.run_for(5000)
    expect(clock).to_have_text("0:05")  # paused: no time passes
    timer.get_by_role("button", name="Resume").click()
    page.clock.run_for(6000)

    expect(clock).to_have_text("0:10")
    expect(timer.locator("[data-timer-where]")).to_have_text("Right side, rep 1 of 10")
    expect(announcer).to_contain_text("Time is up. Left side, rep 1 of 10 done.")
    expect(timer.get_by_role("button", name="Start")).to_be_focused()

    timer.get_by_role("button", name="Reset").click()
    expect(timer.locator("[data-timer-where]")).to_have_text("Left side, rep 1 of 10")


def test_a_single_hold_finishes(site, page):
    page.clock.install(time=START)
    page.goto(site + "/exercises/daily-walk/")
    freeze_clock(page)
    timer = page.locator("[data-hold-timer]")
    expect(timer.get_by_role("timer")).to_have_text("15:00")

    timer.get_by_role("button", name="Start").click()
    page.clock.run_for(1000 + 15 * 60 * 1000 + 1000)  # into position, the walk, a last tick

    expect(timer.get_by_role("timer")).to_have_text("0:00")
    expect(timer.locator("[data-timer-where]")).to_have_text("All done")
    expect(timer.locator("[data-timer-announce]")).to_have_text("Time is up. All done, well done.")
    expect(timer.get_by_role("button", name="Start")).to_be_disabled()


def test_add_two_exercises_to_a_routine(site, page):
    page.goto(site + "/exercises/")

    page.get_by_label("Add to my routine: Hip bridge").check()
    page.get_by_label("Add to my routine: Clamshell").check()
    page.get_by_role("button", name="Make my routine from the ticked exercises").click()

    expect(page).to_have_url(re.compile(r"/exercises/routine/\?e=hip-bridge&e=clamshell$"))
    items = page.locator(".routine-item h2")
    expect(items).to_have_text(["1. Hip bridge", "2. Clamshell"])
    expect(page.locator("svg.routine-qr")).to_be_visible()
    expect(page.get_by_role("button", name="Print this routine")).to_be_visible()

    # The picks are remembered: an exercise page adds to them.
    page.goto(site + "/exercises/low-lunge/")
    page.get_by_role("link", name="Add to my routine").click()
    expect(items).to_have_text(["1. Hip bridge", "2. Clamshell", "3. Low lunge"])


def test_the_routine_form_works_without_javascript(site, open_page):
    page = open_page(java_script_enabled=False)
    page.goto(site + "/exercises/")

    page.get_by_label("Add to my routine: Squat with a chair").check()
    page.get_by_label("Add to my routine: Daily 15-minute walk").check()
    page.get_by_role("button", name="Make my routine from the ticked exercises").click()

    expect(page.locator(".routine-item h2")).to_have_text(
        ["1. Squat with a chair", "2. Daily 15-minute walk"]
    )
    page.goto(site + "/exercises/clamshell/")
    expect(page.get_by_text("Hold for 10 seconds, 10 times on each side.")).to_be_visible()
    expect(page.get_by_role("timer")).to_be_hidden()


def test_the_routine_of_five_prints_on_at_most_three_pages(site, page, tmp_path):
    """Each exercise carries its own when-to-stop, and the sheet its safety box and phone."""
    page.goto(
        site + "/exercises/routine/?e=hip-flexor-stretch&e=hip-bridge&e=clamshell"
        "&e=chair-squat&e=low-lunge"
    )
    page.emulate_media(media="print")

    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this routine")).to_be_hidden()
    expect(page.locator(".tick-table")).to_be_visible()
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 3, f"{paper}: {pages} pages"
