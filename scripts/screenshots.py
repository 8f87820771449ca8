"""Save every public page at phone and desktop widths into docs/screenshots/.

Each page whole (`home-phone.png`), and on a phone also just its first screen
(`home-phone-first-screen.png`, what the README's gallery shows).

Run under scripts/with-postgres after changing how pages look; the README shows the results.
"""

import re
import shutil
from pathlib import Path

from harness import CHROMIUM, CHROMIUM_FLAGS, PROJECT, serve
from PIL import Image
from playwright.sync_api import sync_playwright

from tests.public_urls import PUBLIC_PAGES

WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}
FOLDER = PROJECT / "docs" / "screenshots"


def file_name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def save_small(png: Path) -> None:
    """256 colours are plenty for these flat pages and keep the repository small."""
    with Image.open(png) as shot:
        small = shot.convert("RGB").quantize(colors=256)
    small.save(png, optimize=True)


def main() -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    with serve(DJANGO_SECURE_SSL_REDIRECT="0") as (port, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in PUBLIC_PAGES:
                page.goto(f"http://127.0.0.1:{port}{path}")
                target = FOLDER / f"{file_name(path)}-{label}.png"
                page.screenshot(path=target, full_page=True)
                save_small(target)
                if label == "phone":
                    first_screen = target.with_name(f"{target.stem}-first-screen.png")
                    page.screenshot(path=first_screen)
                    save_small(first_screen)
                print(target.relative_to(PROJECT))
        browser.close()


if __name__ == "__main__":
    main()
