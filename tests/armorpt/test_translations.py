"""The translation catalogues (every .po of the project and of each app): each entry translated,
none fuzzy, placeholders kept; and no marked string left out of them, gathered again as
scripts/makemessages gathers them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.conf import settings

from armorpt.management.commands.compile_translations import catalogues

CATALOGUES = catalogues()
GATHERED_FROM = ("locale", "exercises", "appointments", "templates", "armorpt", "static", "staff")


def read(path: Path) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file)


def entries(catalogue: Catalog) -> set[tuple[str | None, str]]:
    """(context, msgid) of each entry, the singular for plurals."""
    return {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue
        if message.id
    }


def test_the_project_s_own_catalogues_are_among_them():
    project = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES"

    assert {project / "django.po", project / "djangojs.po"} <= set(CATALOGUES)


@pytest.mark.parametrize(
    "path", CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_every_entry_is_translated_none_is_fuzzy_and_placeholders_are_kept(path):
    catalogue = read(path)

    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and not all(message.string if isinstance(message.string, tuple) else (message.string,))
    ]
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    mismatched = [
        (message.id, [str(error) for error in errors]) for message, errors in catalogue.check()
    ]
    assert untranslated == []
    assert fuzzy == []
    assert mismatched == []


def test_no_marked_string_is_left_out_of_the_catalogues(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is missing: .ci/run installs it (apt: gettext)")
        pytest.skip("needs GNU gettext to gather the strings (apt-get install gettext)")
    copy = tmp_path / "site"
    copy.mkdir()
    for name in GATHERED_FROM:
        shutil.copytree(
            settings.BASE_DIR / name, copy / name, ignore=shutil.ignore_patterns("*.mo")
        )
    for name in ("manage.py", "scripts"):
        source = settings.BASE_DIR / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    # The script runs .venv/bin/python: the Python running these tests, with Django.
    (copy / ".venv").symlink_to(sys.prefix)

    subprocess.run([copy / "scripts" / "makemessages"], check=True, capture_output=True)

    left_out = {}
    for gathered in sorted(copy.glob("*/**/LC_MESSAGES/*.po")):
        committed = settings.BASE_DIR / gathered.relative_to(copy)
        kept = entries(read(committed)) if committed.exists() else set()
        if missing := sorted(entries(read(gathered)) - kept, key=str):
            left_out[str(gathered.relative_to(copy))] = missing
    assert left_out == {}, "marked strings missing from the catalogues: run scripts/makemessages"
