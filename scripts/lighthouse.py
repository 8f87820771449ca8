"""Lighthouse with mobile settings on one page of each kind, against the production configuration.

Fails when accessibility, best practices or SEO is below 100 or performance below 95, and
writes the scores to docs/quality.md. Run under scripts/with-postgres; needs Node.js and npm.
"""

import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from harness import CHROMIUM, CHROMIUM_FLAGS, npm_tool, serve, write_quality_section

from tests.public_urls import LIGHTHOUSE_PAGES

MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def audit(lighthouse: Path, url: str, report: Path) -> dict:
    # Headless Chromium now and then loses the page-load trace (NO_NAVSTART): try again.
    for _ in range(3):
        subprocess.run(
            [
                lighthouse,
                url,
                "--quiet",
                f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_FLAGS])}",
                "--only-categories=" + ",".join(MINIMUM),
                # Unused here, and taking it slows the run and the page's own trace.
                "--disable-full-page-screenshot",
                "--output=json",
                f"--output-path={report}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            check=False,
        )
        result = json.loads(report.read_text()) if report.exists() else {}
        if result and "runtimeError" not in result:
            return result
    sys.exit(f"Lighthouse could not audit {url}")


def steady_audit(lighthouse: Path, url: str, work: str) -> dict:
    """One run, or the median of three when the first misses a target.

    Lighthouse's own advice: performance moves from run to run with whatever else the machine
    is doing, so a single low score is checked twice more and the middle run counts.
    """
    first = audit(lighthouse, url, Path(work, "first.json"))
    if not shortfalls(first):
        return first
    runs = [first] + [audit(lighthouse, url, Path(work, f"again-{n}.json")) for n in (1, 2)]
    return sorted(runs, key=lambda run: run["categories"]["performance"]["score"])[1]


def shortfalls(result: dict) -> list[str]:
    """Each category under its minimum, with the audits that cost it points."""
    found = []
    for key, least in MINIMUM.items():
        category = result["categories"][key]
        if round(category["score"] * 100) < least:
            costly = [
                ref["id"]
                for ref in category["auditRefs"]
                if ref["weight"] and result["audits"][ref["id"]]["score"] not in (None, 1)
            ]
            found.append(f"{key} {round(category['score'] * 100)} < {least}: {', '.join(costly)}")
    return found


def main() -> int:
    lighthouse = npm_tool("lighthouse@12") / ".bin" / "lighthouse"
    rows, failures = [], []
    with serve(DJANGO_SECURE_SSL_REDIRECT="0") as (port, _), tempfile.TemporaryDirectory() as work:
        for path in LIGHTHOUSE_PAGES:
            result = steady_audit(lighthouse, f"http://127.0.0.1:{port}{path}", work)
            scores = [round(result["categories"][key]["score"] * 100) for key in MINIMUM]
            rows.append(f"| `{path}` | " + " | ".join(map(str, scores)) + " |")
            failures += [f"{path}: {problem}" for problem in shortfalls(result)]
    table = "\n".join(rows)
    write_quality_section(
        "lighthouse",
        f"""## Lighthouse

Lighthouse 12 with mobile settings (simulated slow 4G, a 4x slower CPU) in Debian's Chromium,
against the production configuration (gunicorn, DEBUG off, collected static files) and the
demo content, on {date.today():%Y-%m-%d}. Command: `scripts/with-postgres .venv/bin/python
scripts/lighthouse.py` (part of `make test`, which fails below 95 for performance or 100 for
the other three; a page that misses is audited twice more and the median run counts).

| page | performance | accessibility | best practices | SEO |
| --- | --- | --- | --- | --- |
{table}
""",
    )
    print("\n".join(["lighthouse:", *rows, *failures]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
