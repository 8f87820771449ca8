"""Home practice in the browser: the guided routine and the diary on the device.

The clock is Playwright's: time moves only when a test says, so a seven-minute routine runs
in a few seconds and every moment in it can be checked.
"""

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_no_axe_violations
from tests.browser.home_practice import PLAYER, ROUTINE_MS, START, THREE, open_player, phone

# Every "exercise:phase" event the page sends, kept where the test can read it.
RECORD_PHASES = """
window.phases = [];
document.addEventListener("exercise:phase", (event) => window.phases.push(event.detail));
"""

# Screen Wake Lock, watched: what the player asked for and gave back.
FAKE_WAKE_LOCK = """
window.wakeLocks = {requested: 0, released: 0};
Object.defineProperty(navigator, "wakeLock", {value: {request() {
  window.wakeLocks.requested += 1;
  const lock = new EventTarget();
  lock.release = () => { window.wakeLocks.released += 1; return Promise.resolve(); };
  return Promise.resolve(lock);
}}});
"""


def pick(page, score, name):
    page.locator(f"label[for='{name}-{score}']").click()


def test_a_routine_of_three_plays_to_the_end_and_is_kept_in_the_diary(site, open_page, tmp_path):
    page = phone(open_page, accept_downloads=True)
    requests = []
    page.context.on("request", lambda request: requests.append(request))

    page.goto(site + "/exercises/")
    for name in ["Hip bridge", "Standing hip abduction", "Squat with a chair"]:
        page.get_by_label(f"Add to my routine: {name}").check()
    page.get_by_role("button", name="Make my routine from the ticked exercises").click()
    page.get_by_role("link", name="Start this routine").click()
    expect(page).to_have_url(site + THREE)

    page.evaluate(RECORD_PHASES)
    pick(page, 6, "pain-before")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.get_by_role("heading", name="Hip bridge")).to_be_focused()
    expect(page.locator("[data-player-phase]")).to_have_text("Get ready")
    page.clock.run_for(5_000)
    expect(page.locator("[data-player-where]")).to_have_text("Rep 1 of 8")
    expect(page.locator("[data-player-announce]")).to_have_text("Rep 1 of 8.")
    page.clock.run_for(3_000)
    expect(page.locator("[data-player-phase]")).to_have_text("Hold")
    expect(page.get_by_text("0:05", exact=True)).to_be_visible()

    page.clock.run_for(ROUTINE_MS)
    expect(page.get_by_role("heading", name="Well done")).to_be_focused()
    phases = page.evaluate("window.phases")
    slugs = [p["slug"] for p in phases]
    assert list(dict.fromkeys(slugs)) == ["hip-bridge", "standing-hip-abduction", "chair-squat"]
    abduction = [p for p in phases if p["slug"] == "standing-hip-abduction"]
    holds = [(p["side"], p["rep"], p["durationMs"]) for p in abduction if p["phase"] == "hold"]
    assert holds == [("right", rep, 3000) for rep in range(1, 9)] + [
        ("left", rep, 3000) for rep in range(1, 9)
    ]
    assert {p["phase"] for p in abduction} == {"idle", "move", "hold", "release", "rest"}
    squat = [p["phase"] for p in phases if p["slug"] == "chair-squat"]
    assert "hold" not in squat  # no hold time: move and release
    assert squat.count("move") == squat.count("release") == 8
    assert phases[-1]["phase"] == "idle"

    pick(page, 2, "pain-after")
    page.get_by_role("button", name="Done for today").click()
    expect(page.get_by_text("Saved in your practice diary on this device.")).to_be_focused()
    page.get_by_role("link", name="Open my practice diary").click()

    today = page.locator(".diary-calendar__day.is-today")
    expect(today).to_have_class(re.compile("is-done"))
    expect(today).to_contain_text("Wednesday, March 4: done")
    row = page.locator("[data-diary-sessions] tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Hip bridge, Standing hip abduction, Squat with a chair")
    expect(row).to_contain_text("6 of 10")
    expect(row).to_contain_text("2 of 10")
    expect(page.locator(".diary-chart__before")).to_have_count(1)
    expect(page.locator(".diary-chart__after")).to_have_count(1)

    page.reload()
    expect(page.locator("[data-diary-sessions] tr")).to_have_count(1)

    with page.expect_download() as download:
        page.get_by_role("button", name="Save to a file").click()
    saved = tmp_path / "diary.json"
    download.value.save_as(saved)
    kept = json.loads(saved.read_text())
    assert [(s["painBefore"], s["painAfter"], s["completed"]) for s in kept["sessions"]] == [
        (6, 2, True)
    ]

    page.get_by_role("button", name="Delete everything on this device").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.get_by_role("status")).to_have_text("Your diary is deleted from this device.")
    expect(page.get_by_role("heading", name="Nothing recorded yet")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Nothing recorded yet")).to_be_visible()

    page.get_by_label("Load from a file").set_input_files(
        files=[{"name": "other.json", "mimeType": "application/json", "buffer": b'{"a": 1}'}]
    )
    expect(page.get_by_role("status")).to_have_text(
        "This file is not a diary saved from this site, so nothing was changed."
    )
    page.get_by_label("Load from a file").set_input_files(saved)
    expect(page.get_by_role("status")).to_have_text("Loaded 1 session from the file.")
    expect(page.locator("[data-diary-sessions] tr")).to_contain_text("6 of 10")

    page.get_by_role("link", name="Start it now").click()
    expect(page).to_have_url(site + THREE)
    page.go_back()
    expect(page.locator("[data-diary-sessions] tr")).to_have_count(1)

    # Nothing about the session went anywhere: no request but GETs, none to another host,
    # none carrying a score or the diary.
    assert requests
    for request in requests:
        assert request.method == "GET", request.url
        assert request.url.startswith(site), request.url
        assert request.post_data is None
        assert not re.search(r"pain|score|diary|session", urlsplit(request.url).query), request.url


def test_pause_back_skip_and_exit_and_the_screen_stays_awake_only_while_playing(site, open_page):
    page = phone(open_page)
    page.add_init_script(FAKE_WAKE_LOCK)
    open_player(page, site + THREE)
    page.get_by_role("button", name="Start the routine").click()
    page.clock.run_for(9_000)  # count-in 5 s, move 3 s, 1 s into the first hold
    clock = page.locator("[data-player-clock]")
    expect(clock).to_have_text("0:04")
    assert page.evaluate("window.wakeLocks") == {"requested": 1, "released": 0}

    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(100)  # the live region is emptied, then filled: read again if repeated
    announced = page.locator("[data-player-announce]")
    expect(announced).to_have_text("Paused. 4 seconds left in this step.")
    assert page.evaluate("window.wakeLocks") == {"requested": 1, "released": 1}
    page.clock.run_for(60_000)
    expect(clock).to_have_text("0:04")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(2_200)  # the display moves on the next tick, within 0.2 s
    expect(clock).to_have_text("0:02")
    assert page.evaluate("window.wakeLocks") == {"requested": 2, "released": 1}

    skip = page.get_by_role("button", name="Skip this exercise")
    skip.click()
    expect(page.locator("[data-player-progress]")).to_have_text("Exercise 2 of 3")
    expect(page.get_by_role("heading", name="Standing hip abduction")).to_be_visible()
    expect(skip).to_be_focused()
    page.get_by_role("button", name="Back to the previous exercise").click()
    expect(page.locator("[data-player-progress]")).to_have_text("Exercise 1 of 3")
    page.get_by_role("button", name="Back to the start of this exercise").click()
    expect(page.locator("[data-player-phase]")).to_have_text("Get ready")

    page.get_by_role("button", name="Exit the routine").click()
    expect(page.get_by_role("heading", name="You stopped early")).to_be_focused()
    expect(page.get_by_text("You did 1 of 3 exercises. That counts too.")).to_be_visible()
    assert page.evaluate("window.wakeLocks") == {"requested": 2, "released": 2}
    page.get_by_role("button", name="Done for today").click()
    session = page.evaluate("JSON.parse(localStorage.getItem('armorpt.diary')).sessions[0]")
    assert session["completed"] is False
    assert [e["slug"] for e in session["exercises"]] == ["hip-bridge"]
    assert session["painBefore"] is None
    assert session["painAfter"] is None


def test_the_player_works_by_keyboard_alone(site, open_page):
    page = phone(open_page)
    open_player(page, site + THREE)

    start = page.get_by_role("button", name="Start the routine")
    start.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Hip bridge")).to_be_focused()
    page.clock.run_for(9_000)
    page.keyboard.press("Tab")  # the steps
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Resume")).to_be_focused()
    page.keyboard.press("Space")
    for _ in range(2):
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Skip this exercise")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator("[data-player-progress]")).to_have_text("Exercise 3 of 3")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Exit the routine")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="You stopped early")).to_be_focused()

    page.keyboard.press("Tab")  # into the pain score
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#pain-after-2")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Done for today")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved in your practice diary on this device.")).to_be_focused()


def test_spoken_cues_use_only_a_voice_of_the_device_s_own(site, open_page):
    page = phone(open_page)
    page.add_init_script("""
      window.spoken = [];
      const voices = [
        {name: "Cloud voice", lang: "en-US", localService: false},
        {name: "Phone voice", lang: "en-US", localService: true},
      ];
      window.SpeechSynthesisUtterance = function (text) { this.text = text; };
      Object.defineProperty(window, "speechSynthesis", {value: {
        getVoices: () => voices,
        cancel() {},
        speak(utterance) { window.spoken.push([utterance.voice.name, utterance.text]); },
      }});
    """)
    open_player(page, site + THREE)
    expect(page.get_by_label("Spoken cues, in your device’s own voice")).not_to_be_checked()
    page.get_by_label("Spoken cues, in your device’s own voice").check()
    page.get_by_role("button", name="Start the routine").click()
    page.clock.run_for(8_100)

    spoken = page.evaluate("window.spoken")
    assert spoken[:3] == [
        ["Phone voice", "Exercise 1 of 3: Hip bridge. Get into the starting position."],
        ["Phone voice", "Rep 1 of 8."],
        ["Phone voice", "Hold for 5 seconds."],
    ]


def test_without_javascript_the_player_points_to_the_printable_sheet(site, open_page):
    page = open_page(VIEWPORTS["phone"], java_script_enabled=False)
    page.goto(site + THREE)

    expect(page.get_by_role("heading", name="The guided routine needs JavaScript")).to_be_visible()
    expect(page.get_by_role("button", name="Start the routine")).to_be_hidden()
    page.get_by_role("link", name="printable routine sheet").click()
    expect(page.get_by_role("heading", name="Hip bridge")).to_be_visible()


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_the_player_and_the_diary_have_no_axe_violation(site, open_page, width):
    # Reduced motion: Bootstrap's buttons then change colour at once, so axe never measures a
    # button caught halfway through its hover transition.
    page = open_page(VIEWPORTS[width], reduced_motion="reduce")
    page.clock.install(time=START)
    page.goto(site + THREE)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Start the routine").click()
    page.clock.run_for(9_000)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Exit the routine").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Done for today").click()
    assert_no_axe_violations(page)

    page.goto(site + "/my-practice/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Delete everything on this device").click()
    assert_no_axe_violations(page)


# Offline and installable ---------------------------------------------------------------------


def test_spoken_cues_stay_off_when_the_device_has_only_network_voices(site, open_page):
    page = phone(open_page)
    page.add_init_script("""
      window.spoken = [];
      window.SpeechSynthesisUtterance = function (text) { this.text = text; };
      Object.defineProperty(window, "speechSynthesis", {value: {
        getVoices: () => [{name: "Cloud voice", lang: "en-US", localService: false}],
        cancel() {},
        speak(utterance) { window.spoken.push(utterance.text); },
      }});
    """)
    open_player(page, site + THREE)
    spoken = page.get_by_label("Spoken cues, in your device’s own voice")
    spoken.click()

    expect(spoken).not_to_be_checked()
    expect(page.get_by_text("This device has no voice of its own that we can use")).to_be_visible()
    page.get_by_role("button", name="Start the routine").click()
    page.clock.run_for(9_000)
    assert page.evaluate("window.spoken") == []


def test_an_exercise_without_hold_or_reps_waits_for_the_person_and_skips_count(site, open_page):
    page = phone(open_page)
    open_player(page, site + f"{PLAYER}?e=hip-bridge&e=chair-squat&e=hourly-movement-break")
    page.get_by_role("button", name="Start the routine").click()
    page.clock.run_for(9_000)
    page.get_by_role("button", name="Skip this exercise").click()  # hip bridge, begun
    page.get_by_role("button", name="Skip this exercise").click()  # the squat, not begun
    page.clock.run_for(16_000)
    expect(page.locator("[data-player-phase]")).to_have_text("At your own pace")
    page.clock.run_for(600_000)
    done = page.get_by_role("button", name="Done, next")
    expect(done).to_be_focused()
    done.click()

    expect(page.get_by_role("heading", name="Well done")).to_be_focused()
    expect(page.get_by_text("You did 2 of 3 exercises. That counts too.")).to_be_visible()
    page.get_by_role("button", name="Done for today").click()
    session = page.evaluate("JSON.parse(localStorage.getItem('armorpt.diary')).sessions[0]")
    assert [e["slug"] for e in session["exercises"]] == ["hip-bridge", "hourly-movement-break"]
    assert session["completed"] is False
