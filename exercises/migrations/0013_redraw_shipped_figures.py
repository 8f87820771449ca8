"""The shipped figures as drawn today, for sites that already hold the shipped exercises.

`load_clinic_content` only adds, so a site keeps the poses, words and drawings it first got.
Each stored value that an earlier release shipped takes today's shipped one: the figure, the
words that describe it and how to get into its position (English and Spanish) and its Spanish
pose labels. A value staff changed is theirs to keep. A Spanish value follows only when its
English is then today's shipped English, so that it translates what the page says.
0013_earlier_shipped.json holds a fingerprint of each value shipped since 0007 (not a copy of
old content): see `fingerprint`.

Every figure is drawn again, in each language, so the stored stills match the drawing code.
"""

import contextlib
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import migrations
from django.utils import timezone, translation

from exercises.content import exercise_content, spanish_exercise_content, spanish_fields
from exercises.figures import FigureError, render



def earlier_shipped(migration_file: str) -> dict[str, dict]:
    """The fingerprints a migration of this kind keeps beside it, in NNNN_earlier_shipped.json."""
    path = Path(migration_file)
    return json.loads(path.with_name(f"{path.name[:4]}_earlier_shipped.json").read_text("utf-8"))


EARLIER = earlier_shipped(__file__)
ENGLISH_WORDS = ("illustration_alt_en", "steps_en", "starting_position_en")
SPANISH_WORDS = ("illustration_alt_es", "steps_es", "starting_position_es")
SPANISH = (*SPANISH_WORDS, "figure_label_translations")
# The fields updated, each after the one it follows.
FIELDS = ("figure", *ENGLISH_WORDS, *SPANISH)
FOLLOWS = {
    "illustration_alt_es": "illustration_alt_en",
    "steps_es": "steps_en",
    "starting_position_es": "starting_position_en",
    "figure_label_translations": "figure",
}


def fingerprint(value) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def as_stored(entry: dict, spanish: dict | None) -> dict:
    """The fields this migration updates, as an exercise stores a shipped entry and its
    Spanish entry (also for scripts/shipped_fingerprints.py, on earlier releases' content)."""
    values = {
        "figure": entry["figure"],
        "illustration_alt_en": entry["illustration_alt"],
        "steps_en": "\n".join(entry["steps"]),
        "starting_position_en": entry["starting_position"],
        **(spanish_fields(spanish) if spanish else {}),
    }
    return {field: values[field] for field in FIELDS if field in values}


def shipped_now() -> dict[str, dict]:
    """Today's shipped value of each field this migration updates, by slug."""
    spanish = spanish_exercise_content()
    return {
        entry["slug"]: as_stored(entry, spanish.get(entry["slug"]))
        for entry in exercise_content()
        if "figure" in entry
    }


def take_shipped(exercise, now: dict, earlier: dict[str, list]) -> set[str]:
    """The fields of `exercise` that held an `earlier` shipped value and now hold `now`'s."""
    taken = set()
    for field in FIELDS:
        follows = FOLLOWS.get(field)
        if field not in now or (follows and getattr(exercise, follows) != now[follows]):
            continue
        # An exercise not yet in Spanish gets all of it from load_clinic_content.
        if field in SPANISH and not exercise.name_es:
            continue
        if fingerprint(getattr(exercise, field)) in earlier.get(field, ()):
            setattr(exercise, field, now[field])
            taken.add(field)
    return taken


def redraw(exercise) -> None:
    # A pose today's checks refuse keeps its drawing until staff fix it in the admin.
    for language, _name in settings.LANGUAGES:
        english = language == settings.LANGUAGE_CODE
        with translation.override(language), contextlib.suppress(FigureError):
            drawn = render(
                exercise.figure,
                slug=exercise.slug,
                name=(not english and getattr(exercise, f"name_{language}")) or exercise.name_en,
                description=(not english and getattr(exercise, f"illustration_alt_{language}"))
                or exercise.illustration_alt_en,
                each_side=exercise.each_side,
                has_hold=bool(exercise.hold_seconds),
                label_words=(exercise.figure_label_translations or {}).get(language, {}),
            )
            setattr(exercise, f"figure_stills_{language}", drawn[0])
            setattr(exercise, f"figure_live_{language}", drawn[1])


def update(apps, earlier: dict[str, dict]) -> None:
    """Each value fingerprinted in `earlier` (by slug and field) takes today's; every figure is
    drawn again. Later migrations of this kind run it with their own fingerprints."""
    Exercise = apps.get_model("exercises", "Exercise")
    shipped = shipped_now()
    moment = timezone.now()
    changed = []
    for exercise in Exercise.objects.exclude(figure={}):
        taken = take_shipped(
            exercise, shipped.get(exercise.slug, {}), earlier.get(exercise.slug, {})
        )
        # As the content loader records it: new shipped Spanish waits for a person's review.
        if taken & set(ENGLISH_WORDS):
            exercise.english_changed_at = moment
        if taken & set(SPANISH_WORDS):
            exercise.spanish_changed_at = moment
            exercise.spanish_reviewed_by, exercise.spanish_reviewed_on = "", None
        redraw(exercise)
        changed.append(exercise)
    languages = [code for code, _name in settings.LANGUAGES]
    Exercise.objects.bulk_update(
        changed,
        [
            *FIELDS,
            "english_changed_at",
            "spanish_changed_at",
            "spanish_reviewed_by",
            "spanish_reviewed_on",
            *(f"figure_{kind}_{code}" for kind in ("stills", "live") for code in languages),
        ],
        batch_size=100,
    )


def redrawing(earlier: dict[str, dict]) -> migrations.RunPython:
    """`update` with these fingerprints, as a migration's operation. Backwards keeps today's
    figures: the fingerprints cannot give the old ones back."""
    return migrations.RunPython(
        lambda apps, schema_editor: update(apps, earlier), migrations.RunPython.noop
    )


class Migration(migrations.Migration):
    dependencies = [("exercises", "0012_figure_labels")]
    operations = [redrawing(EARLIER)]
