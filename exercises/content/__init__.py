"""The clinic's demo content for this app, loaded by `manage.py load_clinic_content`."""

import functools
import tomllib
from pathlib import Path

from ..models import EducationPage, Exercise, Status

EDUCATION_FILE = Path(__file__).with_name("education.toml")


@functools.cache
def education_content() -> dict:
    return tomllib.loads(EDUCATION_FILE.read_text(encoding="utf-8"))


def hub_text() -> dict:
    """The hip pain hub's introduction and urgent-help box: fixed site text, not staff content."""
    return education_content()["hub"]


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
            display_order=entry["order"],
            status=Status.PUBLISHED,
        )
        page.related_exercises.set(Exercise.objects.filter(slug__in=entry["related_exercises"]))
        created += 1
    return created
