"""Home practice offline in the browser: pages opened once work without a network, a new
release's worker, installability, and the calendar reminders in the device's time zone."""

import re
from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_no_axe_violations
from tests.browser.home_practice import START, THREE, wait_until_kept

ROUTINE = "/exercises/routine/?e=hip-bridge&e=standing-hip-abduction&e=chair-squat"
KEPT_URLS = """
async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    urls.push(...(await cache.keys()).map((request) => request.url));
  }
  return urls;
}
"""

# Until the worker has activated: its activate step (removing old caches) has then finished.
ACTIVATED = """
navigator.serviceWorker.ready.then(({active}) => new Promise((done) => {
  if (active.state === "activated") { done(); }
  active.addEventListener("statechange", () => active.state === "activated" && done());
}))
"""


def test_pages_opened_once_work_offline_and_the_form_shows_the_phone(site, open_page):
    page = open_page(VIEWPORTS["phone"], service_workers="allow")
    page.clock.install(time=START)
    page.goto(site + ROUTINE)
    wait_until_kept(page, site + ROUTINE)
    page.goto(site + THREE)
    wait_until_kept(page, site + THREE)
    for library in ("/exercises/", "/exercises/?position=off_floor"):
        page.goto(site + library)
        wait_until_kept(page, site + library)
    page.goto(site + "/appointments/request/")  # seen online, never to be kept
    page.goto(site + "/admin/login/")

    page.context.set_offline(True)
    page.goto(site + ROUTINE)
    page.reload()
    expect(page.get_by_role("heading", name="My hip exercise routine")).to_be_visible()
    page.goto(site + THREE)
    page.reload()
    page.clock.pause_at(START + timedelta(minutes=5))
    page.get_by_role("button", name="Start the routine").click()
    page.clock.run_for(9_000)
    expect(page.locator("[data-player-phase]")).to_have_text("Hold")
    expect(page.locator("[data-player-clock]")).to_have_text("0:04")
    figure = page.locator("[data-player-exercise]:not([hidden]) .exercise-figure svg:visible")
    expect(figure.first).to_be_visible()

    page.goto(site + "/appointments/request/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    expect(page.get_by_role("link", name="(212) 555-0142").first).to_be_visible()
    ready = page.get_by_role("region", name="Ready on this device")
    expect(ready.get_by_role("link", name="Guided hip exercise routine")).to_be_visible()
    expect(ready.get_by_role("link", name="My hip exercise routine")).to_be_visible()
    # The library and its filtered view are one library, listed once.
    library = ready.get_by_role("link", name="Exercises for hip pain", exact=True)
    expect(library).to_have_count(1)
    expect(library).to_have_attribute("href", site + "/exercises/")

    kept = page.evaluate(KEPT_URLS)
    assert site + THREE in kept
    assert not [url for url in kept if "/appointments/" in url or "/admin/" in url]
    page.context.set_offline(False)
    for url in kept:
        response = page.request.get(url)
        assert response.ok, url
        assert "set-cookie" not in response.headers, url
        assert not re.search(r"private|no-store", response.headers.get("cache-control", "")), url


def test_a_new_release_s_worker_removes_the_old_caches(site, open_page, settings):
    page = open_page(VIEWPORTS["phone"], service_workers="allow")
    page.add_init_script("caches.open('armorpt-an-older-release')")
    page.goto(site + "/privacy/")
    page.evaluate(ACTIVATED)

    assert page.evaluate("caches.keys()") == [f"armorpt-{settings.RELEASE}"]


def test_chromium_finds_the_site_installable(site, playwright, tmp_path):
    from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

    context = playwright.chromium.launch_persistent_context(
        tmp_path, executable_path=CHROMIUM, args=CHROMIUM_FLAGS
    )
    try:
        page = context.new_page()
        page.goto(site + "/")
        page.evaluate("navigator.serviceWorker.ready")
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        manifest = cdp.send("Page.getAppManifest")
    finally:
        context.close()

    assert errors == []
    assert manifest["errors"] == []


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_the_offline_page_has_no_axe_violation(site, open_page, width):
    page = open_page(VIEWPORTS[width], service_workers="allow")
    page.goto(site + THREE)
    wait_until_kept(page, site + THREE)
    page.context.set_offline(True)
    page.goto(site + "/appointments/request/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    expect(page.get_by_role("region", name="Ready on this device")).to_be_visible()

    assert_no_axe_violations(page)


def test_reminders_come_in_the_device_s_own_time_zone(site, open_page, tmp_path):
    page = open_page(VIEWPORTS["phone"], timezone_id="Europe/Lisbon", accept_downloads=True)
    page.goto(site + ROUTINE)

    expect(page.get_by_label("Time zone")).to_have_value("Europe/Lisbon")
    page.get_by_label("Monday").check()
    page.get_by_label("Thursday").check()
    page.get_by_label("At", exact=True).fill("18:15")
    page.get_by_label("For how many weeks").fill("4")
    with page.expect_download() as download:
        page.get_by_role("button", name="Get the calendar file").click()
    saved = tmp_path / "reminders.ics"
    download.value.save_as(saved)

    (event,) = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["MO", "TH"]
    assert event["RRULE"]["COUNT"] == [8]
    start = event.decoded("DTSTART")
    assert (start.tzinfo.key, start.hour, start.minute) == ("Europe/Lisbon", 18, 15)
    assert str(event["URL"]) == site + THREE
