"""The shipped exercises' content, by slug, for the figure tests."""

import re

from exercises.content import exercise_content

ENTRIES = {entry["slug"]: entry for entry in exercise_content()}
SLUGS = list(ENTRIES)
SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)


def figure_of(slug: str) -> dict:
    return ENTRIES[slug]["figure"]
