"""Debian's Chromium and the flags that keep it quiet on a closed network.

One list for the browser tests (tests/browser/conftest.py) and the scripts (scripts/harness.py:
Lighthouse, screenshots). Kept free of Django and pytest so the scripts can import it.
"""

import os
import shutil

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Playwright adds its own --headless; Lighthouse's Chrome launcher needs "--headless=new" added.
CHROMIUM_FLAGS = [
    "--no-sandbox",  # the tests and CI run as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
