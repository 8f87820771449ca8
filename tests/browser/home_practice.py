"""What the home-practice browser tests share: a phone whose clock is Playwright's, the player
and a routine of three."""

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
