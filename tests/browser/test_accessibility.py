"""axe-core on every public page at phone and desktop widths; no sideways scrolling at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.public_urls import PUBLIC_PAGES

axe = Axe()


def describe(violations) -> str:
    return "\n".join(
        f"{v['impact']}: {v['id']} — {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violation(site, page, path):
    page.goto(site + path)

    results = axe.run(page)

    violations = results.response["violations"]
    assert violations == [], describe(violations)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_fits_a_320px_screen(site, browser, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site + path)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
