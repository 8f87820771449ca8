"""What the home-practice browser tests share: a phone whose clock is Playwright's, the player,
a routine of three, and waiting until the service worker keeps a page."""

from datetime import datetime, timedelta

from tests.browser.conftest import VIEWPORTS

START = datetime(2026, 3, 4, 8, 0)  # a Wednesday morning
PLAYER = "/exercises/routine/play/"
THREE = f"{PLAYER}?e=hip-bridge&e=standing-hip-abduction&e=chair-squat"
ROUTINE_MS = 10 * 60 * 1000  # longer than the three take, rests and count-ins included


def phone(open_page, **options):
    page = open_page(VIEWPORTS["phone"], **options)
    page.clock.install(time=START)
    return page


def open_player(page, url):
    """The player, with time standing still until the test moves it."""
    page.goto(url)
    page.clock.pause_at(START + timedelta(minutes=1))


def wait_until_kept(page, url, seconds=15):
    """Until the service worker has kept `url` (wait_for_function would not await the cache)."""
    for _ in range(seconds * 10):
        if page.evaluate("async (url) => Boolean(await caches.match(url))", url):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the service worker did not keep {url}")
