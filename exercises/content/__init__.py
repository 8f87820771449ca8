"""The clinic's demo content for this app, loaded by `manage.py load_clinic_content`."""

import tomllib
from pathlib import Path

from ..models import Exercise, ExerciseStep, Status

EXERCISES_FILE = Path(__file__).with_name("exercises.toml")


def load_exercises() -> int:
    """Add each exercise whose slug is missing; an exercise staff already have is never touched.

    The demo wording has not been reviewed by the clinic yet, so reviewed by/on stay empty and
    the TOML's review note tells staff what still needs checking.
    """
    entries = tomllib.loads(EXERCISES_FILE.read_text(encoding="utf-8"))["exercise"]
    existing = set(Exercise.objects.values_list("slug", flat=True))
    added = 0
    for entry in entries:
        if entry["slug"] in existing:
            continue
        steps = entry.pop("steps")
        exercise = Exercise.objects.create(
            **{
                key: value
                for key, value in entry.items()
                if key not in {"order", "tips", "when_to_stop"}
            },
            display_order=entry["order"],
            tips="\n".join(entry["tips"]),
            when_to_stop="\n".join(entry["when_to_stop"]),
            status=Status.PUBLISHED,
            reviewed_by="",
            reviewed_on=None,
        )
        ExerciseStep.objects.bulk_create(
            ExerciseStep(exercise=exercise, order=number, text=text)
            for number, text in enumerate(steps, start=1)
        )
        added += 1
    return added
