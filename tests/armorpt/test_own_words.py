"""The site carries facts from the clinic's article, never its sentences: no run of 6 words in
the demo content, the urgent signs, the page templates or the interface words (the English of
the translation catalogues) may appear in the article as well."""

import os
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from armorpt.management.commands.compile_translations import catalogues
from armorpt.urgent_signs import URGENT_TIERS

PROJECT = Path(__file__).resolve().parents[2]
SOURCES = Path(os.environ.get("ARMORPT_SOURCE_DIR", PROJECT.parent / "shared" / "source"))
RUN = 6
SENTENCE_END = re.compile(r"[.!?;:\n]")
TEMPLATE_SYNTAX = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<[^>]+>", re.DOTALL)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.replace("’", "'").lower())


def runs(text: str) -> set[tuple[str, ...]]:
    """Every 6 words in a row within one sentence (or one line: a step, a list item)."""
    found = set()
    for sentence in SENTENCE_END.split(text):
        sentence_words = words(sentence)
        found |= {tuple(sentence_words[i : i + RUN]) for i in range(len(sentence_words) - RUN + 1)}
    return found


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


def our_texts() -> dict[str, str]:
    texts = {}
    for path in PROJECT.glob("*/content/*.toml"):
        content = tomllib.loads(path.read_text(encoding="utf-8"))
        texts[str(path.relative_to(PROJECT))] = "\n".join(strings_in(content))
    for path in [*PROJECT.glob("templates/**/*.html"), *PROJECT.glob("*/templates/**/*.*")]:
        text = TEMPLATE_SYNTAX.sub(" ", path.read_text(encoding="utf-8"))
        texts[str(path.relative_to(PROJECT))] = text
    for path in catalogues():
        with path.open("rb") as po_file:
            english = [message.id for message in read_po(po_file) if message.id]
        texts[str(path.relative_to(PROJECT))] = "\n".join(
            text for msgid in english for text in ([msgid] if isinstance(msgid, str) else msgid)
        )
    texts["urgent signs"] = "\n".join(
        str(text)
        for tier in URGENT_TIERS
        for text in [tier.heading, tier.action, *(sign.text for sign in tier.signs)]
    )
    return texts


def test_no_six_words_in_a_row_come_from_the_clinics_article():
    articles = list(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []
    if not articles:
        pytest.skip(f"no source articles in {SOURCES} (set ARMORPT_SOURCE_DIR)")
    theirs = set().union(*(runs(path.read_text(encoding="utf-8")) for path in articles))

    shared = {
        name: " ".join(next(iter(runs(text) & theirs)))
        for name, text in our_texts().items()
        if runs(text) & theirs
    }

    assert not shared, f"Reword these, they repeat the article: {shared}"
