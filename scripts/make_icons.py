"""Draw the app icons in static/icons/ from the clinic's logo, static/favicon.svg.

Run it after changing the logo: `.venv/bin/python scripts/make_icons.py`. Chromium draws the
SVG (Pillow reads no SVG); the PNGs are committed, so the site needs no browser to run.

- icon-192.png, icon-512.png: the logo as it is (rounded square, transparent corners).
- icon-maskable-512.png, icon-maskable-192.png: the same logo with square corners.
"""

import re
from pathlib import Path

from harness import CHROMIUM, CHROMIUM_FLAGS, PROJECT
from PIL import Image
from playwright.sync_api import sync_playwright

LOGO = PROJECT / "static" / "favicon.svg"
FOLDER = PROJECT / "static" / "icons"
SIZES = (192, 512)


def maskable(svg: str) -> str:
    """The logo's square without its rounded corners: the teal then reaches the edges a mask
    cuts, and the shield, stroke included, already stays within 36 % of the width from the
    centre, inside the 40 % circle every launcher keeps."""
    return re.sub(r' rx="[^"]*"', "", svg, count=1)


def draw(page, svg: str, size: int, target: Path) -> None:
    sized = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(f"<html><body style='margin:0'>{sized}</body></html>")
    page.screenshot(
        path=target, omit_background=True, clip={"x": 0, "y": 0, "width": size, "height": size}
    )
    with Image.open(target) as image:
        image.convert("RGBA").save(target, optimize=True)
    print(target.relative_to(PROJECT))


def main() -> None:
    FOLDER.mkdir(exist_ok=True)
    logo = LOGO.read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for size in SIZES:
            draw(page, logo, size, FOLDER / f"icon-{size}.png")
            draw(page, maskable(logo), size, FOLDER / f"icon-maskable-{size}.png")
        browser.close()


if __name__ == "__main__":
    main()
