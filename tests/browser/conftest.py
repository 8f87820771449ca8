"""Headless Chromium (Debian's) driven by Playwright against pytest-django's live server."""

import contextlib
import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import demo
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS

VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
}

axe = Axe()


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.path)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("ARMORPT_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}; install Debian's chromium.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return VIEWPORTS[request.param]


@pytest.fixture
def site(live_server, transactional_db, _isolated_site, demo_content_rows):
    """The live server's address, with the clinic's demo content loaded (committed: the live
    server's thread reads it; the test's flush empties the database after)."""
    demo.load(demo_content_rows)
    return live_server.url


@pytest.fixture
def open_page(browser):
    """Open pages of any size; each fails the test on any CSP or script error it reports.

    Without the service worker unless a test asks for it (`service_workers="allow"`: the
    journeys, offline use): its install fetches the site's shell in every new context, work
    that only those tests are about."""
    with contextlib.ExitStack() as pages:

        def open_page(viewport=None, service_workers="block", **context_options):
            context = browser.new_context(
                viewport=viewport, service_workers=service_workers, **context_options
            )
            pages.callback(context.close)
            page = context.new_page()
            errors = []
            page.on(
                "console",
                lambda msg: (
                    msg.type == "error" and errors.append(f"{msg.location['url']}: {msg.text}")
                ),
            )
            page.on("pageerror", lambda error: errors.append(str(error)))
            pages.callback(lambda: _assert_no_errors(page, errors))
            return page

        yield open_page


def _assert_no_errors(page, errors):
    assert errors == [], f"the browser reported errors: {errors}"


@pytest.fixture
def page(open_page, viewport):
    """A fresh browser page at phone and desktop size that fails on any CSP or script error."""
    return open_page(viewport)


def assert_no_axe_violations(page):
    """axe-core finds nothing, whatever the impact, on the page as it is now."""
    # No preload: it copies @import-ed stylesheets (the admin's forms.css has one) into <style>
    # elements, which the site's CSP rightly blocks. Only css-orientation-lock uses them.
    options = {"resultTypes": ["violations"], "preload": False}
    violations = axe.run(page, options=options).response["violations"]
    width = page.viewport_size["width"]
    assert violations == [], f"axe on {page.url} at {width} px:\n" + "\n".join(
        f"{v['impact']}: {v['id']} — {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


@pytest.fixture
def quick_form(settings):
    """No 3-second wait in the browser: the timing check has its own tests."""
    settings.ARMORPT_FORM_MIN_SECONDS = 0
