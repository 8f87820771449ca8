"""The fingerprints of every value of the shipped exercises' figures and words that a release
shipped and today's content no longer has, by slug and field, from the git history of the
content files: what a data migration like exercises/migrations/0013 needs to know that a
stored value is still as shipped.

Usage: python scripts/shipped_fingerprints.py SINCE > FILE.json  (SINCE: 42b9328, which added
migration 0007, the first such; the working tree counts as today's content).
"""

import importlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "armorpt.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()
# The migration's own fingerprint and stored shape, so the two never disagree.
redraw = importlib.import_module("exercises.migrations.0013_redraw_shipped_figures")
ENGLISH, SPANISH = "exercises/content/exercises.toml", "exercises/content/exercises.es.toml"


def content_at(commit: str | None, path: str) -> dict:
    if commit is None:
        return tomllib.loads((PROJECT / path).read_text("utf-8"))
    shown = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=PROJECT, capture_output=True, text=True
    )
    return tomllib.loads(shown.stdout) if shown.returncode == 0 else {}


def values_at(commit: str | None) -> dict[str, dict]:
    spanish = {entry["slug"]: entry for entry in content_at(commit, SPANISH).get("exercise", [])}
    return {
        entry["slug"]: redraw.as_stored(entry, spanish.get(entry["slug"]))
        for entry in content_at(commit, ENGLISH).get("exercise", [])
        if "figure" in entry
    }


def main(since: str) -> None:
    log = ["git", "log", "--format=%H", f"{since}^..HEAD", "--", ENGLISH, SPANISH]
    commits = subprocess.run(log, cwd=PROJECT, capture_output=True, text=True, check=True)
    today = values_at(None)
    earlier: dict[str, dict[str, set]] = {}
    for commit in commits.stdout.split():
        for slug, values in values_at(commit).items():
            for field, value in values.items():
                if slug in today and value != today[slug].get(field):
                    earlier.setdefault(slug, {}).setdefault(field, set()).add(
                        redraw.fingerprint(value)
                    )
    for slug, values in today.items():
        if "figure_label_translations" in values:  # as every site held them before 0012
            earlier.setdefault(slug, {}).setdefault("figure_label_translations", set()).add(
                redraw.fingerprint({})
            )
    result = {
        slug: {field: sorted(prints) for field, prints in sorted(fields.items())}
        for slug, fields in sorted(earlier.items())
    }
    sys.stdout.write(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
