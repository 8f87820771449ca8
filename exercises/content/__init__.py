"""The clinic's demo content for this app, loaded by `manage.py load_clinic_content`."""

import functools
import tomllib
from pathlib import Path

from django.utils import translation

from armorpt.translation_review import record_translation_edit

from ..models import EducationPage, Exercise, Status

EXERCISES_FILE = Path(__file__).with_name("exercises.toml")
EDUCATION_FILE = Path(__file__).with_name("education.toml")
# The Spanish of each, keyed by slug, with the same field names.
SPANISH_EXERCISES_FILE = Path(__file__).with_name("exercises.es.toml")
SPANISH_EDUCATION_FILE = Path(__file__).with_name("education.es.toml")
# Fields staff edit one item per line, written in the TOML as lists.
ONE_PER_LINE = ("steps", "tips", "when_to_stop", "before_you_start", "sources")


@functools.cache
def exercise_content() -> list[dict]:
    return tomllib.loads(EXERCISES_FILE.read_text(encoding="utf-8"))["exercise"]


@functools.cache
def spanish_exercise_content() -> dict[str, dict]:
    entries = tomllib.loads(SPANISH_EXERCISES_FILE.read_text(encoding="utf-8"))["exercise"]
    return {entry["slug"]: entry for entry in entries}


def spanish_fields(entry: dict) -> dict:
    """A Spanish TOML entry as the model's Spanish fields (name_es, steps_es, ...), and an
    exercise's pose labels as its figure's Spanish labels."""
    fields = {
        f"{key}_es": "\n".join(value) if isinstance(value, list) else value
        for key, value in entry.items()
        if key not in SPANISH_NOT_FIELDS
    }
    if "figure_labels" in entry:
        fields["figure_label_translations"] = {"es": entry["figure_labels"]}
    return fields


def add_spanish(model, entries: dict[str, dict], english_of) -> int:
    """Give each row whose English is still the shipped English, and has no Spanish yet, the
    shipped Spanish, written now and not yet reviewed by anyone at the clinic. Rows staff have
    edited or translated are theirs: never touched."""
    added = 0
    for row in model.objects.filter(slug__in=entries):
        english, spanish = english_of(row.slug), spanish_fields(entries[row.slug])
        unedited = all(getattr(row, f"{field}_en") == value for field, value in english.items())
        untranslated = not any(getattr(row, field) for field in spanish)
        if unedited and untranslated:
            for field, value in spanish.items():
                setattr(row, field, value)
            record_translation_edit(row, spanish)
            row.save()
            added += 1
    return added


def shipped_figures() -> dict[str, dict]:
    """Each shipped exercise's figure, by slug."""
    return {entry["slug"]: entry["figure"] for entry in exercise_content() if "figure" in entry}


# Keys of an [[exercise]] that are not fields of its own.
NOT_FIELDS = {"order", "easier_version", *ONE_PER_LINE}
# Keys of a Spanish entry that are not Spanish fields.
SPANISH_NOT_FIELDS = {"slug", "figure_labels"}


def load_exercises() -> int:
    """Add each exercise whose slug is missing; an exercise staff already have is never touched.

    The demo wording has not been reviewed by the clinic yet, so reviewed by/on stay empty and
    the TOML's review note tells staff what still needs checking.
    """
    entries = exercise_content()
    existing = set(Exercise.objects.values_list("slug", flat=True))
    added = set()
    for entry in entries:
        if entry["slug"] in existing:
            continue
        Exercise.objects.create(
            **{key: value for key, value in entry.items() if key not in NOT_FIELDS},
            **{key: "\n".join(entry.get(key, [])) for key in ONE_PER_LINE},
            display_order=entry["order"],
            status=Status.PUBLISHED,
            reviewed_by="",
            reviewed_on=None,
        )
        added.add(entry["slug"])
    link_versions(entries, added)
    add_spanish(Exercise, spanish_exercise_content(), shipped_exercise_english)
    return len(added)


def shipped_exercise_english(slug: str) -> dict[str, str]:
    """The shipped English of the fields a Spanish entry translates, as the model stores them."""
    entry = next(entry for entry in exercise_content() if entry["slug"] == slug)
    spanish = spanish_exercise_content()[slug]
    return {
        key: "\n".join(entry.get(key, [])) if key in ONE_PER_LINE else entry[key]
        for key in spanish
        if key not in SPANISH_NOT_FIELDS
    }


def link_versions(entries: list[dict], added: set[str]) -> None:
    """Link each pair of versions the TOML names where this load added one of the two.

    A pair that was already on the site is staff's to keep or change: a link they removed is
    never put back. An exercise whose easier link (or an easier one whose harder link) staff
    already set keeps it.
    """
    pairs = {
        entry["slug"]: entry["easier_version"]
        for entry in entries
        if "easier_version" in entry and {entry["slug"], entry["easier_version"]} & added
    }
    exercises = Exercise.objects.in_bulk([*pairs, *pairs.values()], field_name="slug")
    taken = set(
        Exercise.objects.filter(harder_version__isnull=False).values_list("slug", flat=True)
    )
    for harder_slug, easier_slug in pairs.items():
        harder, easier = exercises.get(harder_slug), exercises.get(easier_slug)
        if harder is None or easier is None or harder.easier_version_id or easier_slug in taken:
            continue
        harder.easier_version = easier
        harder.save(update_fields=["easier_version"])
        taken.add(easier_slug)


# Education pages ----------------------------------------------------------------------------


@functools.cache
def education_content() -> dict:
    return tomllib.loads(EDUCATION_FILE.read_text(encoding="utf-8"))


@functools.cache
def spanish_education_content() -> dict:
    return tomllib.loads(SPANISH_EDUCATION_FILE.read_text(encoding="utf-8"))


def shipped_page_english(slug: str) -> dict[str, str]:
    entry = next(entry for entry in education_content()["page"] if entry["slug"] == slug)
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "body": entry["body"].strip(),
        "sources": "\n".join(entry.get("sources", [])),
    }


def hub_text() -> dict:
    """The hip pain hub's introduction and urgent-help box: fixed site text, not staff content."""
    english = education_content()["hub"]
    if translation.get_language() != "es":
        return english
    return {**english, **spanish_education_content()["hub"]}


def load_education_pages() -> int:
    """Add the demo hip-pain guides that are missing (by slug), linked to the exercises that
    exist. Pages already on the site are left exactly as staff made them."""
    existing = set(EducationPage.objects.values_list("slug", flat=True))
    created = 0
    for entry in education_content()["page"]:
        if entry["slug"] in existing:
            continue
        page = EducationPage.objects.create(
            slug=entry["slug"],
            title=entry["title"],
            summary=entry["summary"],
            body=entry["body"].strip(),
            sources="\n".join(entry.get("sources", [])),
            display_order=entry["order"],
            status=Status.PUBLISHED,
        )
        page.related_exercises.set(Exercise.objects.filter(slug__in=entry["related_exercises"]))
        created += 1
    spanish = {
        entry["slug"]: {**entry, "body": entry["body"].strip()}
        for entry in spanish_education_content()["page"]
    }
    add_spanish(EducationPage, spanish, shipped_page_english)
    return created
