"""Spanish pose labels for the figures.

A shipped exercise whose Spanish is already on the site, and whose figure is still the shipped
one, gets the shipped Spanish labels and its Spanish stills drawn again with them.
"""

from django.db import migrations, models
from django.utils import translation

import exercises.models
from exercises.content import shipped_figures, spanish_exercise_content
from exercises.figures import render


def shipped_spanish_labels(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    figures = shipped_figures()
    labels = {
        slug: entry["figure_labels"]
        for slug, entry in spanish_exercise_content().items()
        if "figure_labels" in entry
    }
    changed = []
    for exercise in Exercise.objects.filter(slug__in=labels, figure_label_translations={}):
        if exercise.figure != figures.get(exercise.slug) or not exercise.name_es:
            continue
        exercise.figure_label_translations = {"es": labels[exercise.slug]}
        with translation.override("es"):
            exercise.figure_stills_es, exercise.figure_live_es = render(
                exercise.figure,
                slug=exercise.slug,
                name=exercise.name_es,
                description=exercise.illustration_alt_es or exercise.illustration_alt_en,
                each_side=exercise.each_side,
                has_hold=bool(exercise.hold_seconds),
                label_words=labels[exercise.slug],
            )
        changed.append(exercise)
    Exercise.objects.bulk_update(
        changed, ["figure_label_translations", "figure_stills_es", "figure_live_es"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0011_spanish_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="figure_label_translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The words over the figure’s stills for the Spanish page, by language and English label: {"es": {"Stand": "De pie"}}. “Start”, “Hold” and “Then” are translated already; a label missing here shows in English.',
                validators=[exercises.models.validate_label_translations],
                verbose_name="figure labels in other languages",
            ),
        ),
        migrations.RunPython(shipped_spanish_labels, migrations.RunPython.noop),
    ]
