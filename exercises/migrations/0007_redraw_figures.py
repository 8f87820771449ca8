"""The figures redrawn after a blind check: feet with heel and toes, feet that stay planted, motion
arrows, a chair drawn from the side it is seen from, and new poses for the shipped exercises.

Each exercise still posed as the site first shipped it takes the new poses (and, where the
picture changed, the words that describe it or the steps it shows, when staff left those as
shipped); a figure or words staff changed are kept as they made them.
Every figure is drawn again, so the stored stills match the drawing code.
"""

import contextlib
import json
from pathlib import Path

from django.db import migrations

from exercises.content import exercise_content
from exercises.figures import FigureError, render_for

EARLIER = json.loads(Path(__file__).with_name("0007_earlier_figures.json").read_text("utf-8"))
# The words that go with a picture; EARLIER holds them as stored (steps one per line).
WORDS = ("illustration_alt", "steps")


def stored_words(entry: dict) -> dict[str, str]:
    return {"illustration_alt": entry["illustration_alt"], "steps": "\n".join(entry["steps"])}


def fits(Exercise, field: str, words: dict) -> bool:
    # Today's words can be longer than the column held here; bulk_update's cast to it would cut
    # them mid-sentence on PostgreSQL, so they wait for load_clinic_content.
    room = Exercise._meta.get_field(field).max_length
    return room is None or len(words[field]) <= room


def redraw(exercise) -> None:
    # A pose the new checks refuse keeps its drawing until staff fix it in the admin.
    with contextlib.suppress(FigureError):
        exercise.figure_stills, exercise.figure_live = render_for(exercise)


def swap(apps, *, forward: bool) -> None:
    Exercise = apps.get_model("exercises", "Exercise")
    shipped = {entry["slug"]: entry for entry in exercise_content()}
    changed = []
    for exercise in Exercise.objects.exclude(figure={}):
        if exercise.slug in EARLIER and exercise.slug in shipped:
            earlier, now = EARLIER[exercise.slug], shipped[exercise.slug]
            now = {"figure": now["figure"], **stored_words(now)}
            # Words the redraw left alone are the same either way.
            earlier = {**now, **earlier}
            was, becomes = (earlier, now) if forward else (now, earlier)
            if exercise.figure == was["figure"]:
                exercise.figure = becomes["figure"]
                for field in WORDS:
                    if getattr(exercise, field) == was[field] and fits(Exercise, field, becomes):
                        setattr(exercise, field, becomes[field])
        redraw(exercise)
        changed.append(exercise)
    Exercise.objects.bulk_update(
        changed, ["figure", *WORDS, "figure_stills", "figure_live"], batch_size=100
    )


def forwards(apps, schema_editor):
    swap(apps, forward=True)


def backwards(apps, schema_editor):
    swap(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0006_safety_and_readability")]
    operations = [migrations.RunPython(forwards, backwards)]
