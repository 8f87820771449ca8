"""Print the reading grade (Flesch–Kincaid) of every exercise and guide, hardest first.

    DJANGO_DEBUG=1 .venv/bin/python scripts/reading_grades.py

Grades are measured from the text as a patient sees it (armorpt/readability.py), from the demo
content loaded into a throwaway in-memory database, so the numbers match the readability test.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "armorpt.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from armorpt.readability import TARGET_GRADE  # noqa: E402
from exercises.models import EducationPage, Exercise  # noqa: E402


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("load_clinic_content", verbosity=0)
    items = [*Exercise.objects.all(), *EducationPage.objects.all()]
    for item in sorted(items, key=lambda item: item.reading_grade, reverse=True):
        words = len(item.patient_text().split())
        print(f"{item.reading_grade:>5}  {words:>4} words  {type(item).__name__:<13} {item}")
    return 1 if any(item.reading_grade > TARGET_GRADE for item in items) else 0


if __name__ == "__main__":
    sys.exit(main())
