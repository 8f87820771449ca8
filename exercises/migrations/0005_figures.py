"""Exercises get a figure posed from data in place of a hand-drawn picture file.

Each exercise whose picture was one of the drawings shipped with the site gets the figure of
that drawing's exercise (so an exercise staff made with the clamshell drawing shows the
clamshell figure); uploaded photos stay as they are.
"""

from pathlib import PurePosixPath

from django.db import migrations, models

import exercises.models
from exercises.content import shipped_figures
from exercises.figures import render_for


def drawings_into_figures(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    figures = shipped_figures()
    changed = []
    for exercise in Exercise.objects.all():
        drawing = PurePosixPath(exercise.illustration).stem if exercise.illustration else ""
        figure = figures.get(exercise.slug) or figures.get(drawing)
        if figure:
            exercise.figure = figure
            exercise.figure_stills, exercise.figure_live = render_for(exercise)
            changed.append(exercise)
    Exercise.objects.bulk_update(
        changed, ["figure", "figure_stills", "figure_live"], batch_size=100
    )


def figures_into_drawings(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    figures = shipped_figures()
    for exercise in Exercise.objects.exclude(figure={}):
        slug = next((slug for slug, figure in figures.items() if figure == exercise.figure), "")
        if slug:
            exercise.illustration = f"exercises/illustrations/{slug}.svg"
            exercise.save(update_fields=["illustration"])


class Migration(migrations.Migration):
    dependencies = [("exercises", "0004_exercise_review_due_help")]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="figure",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The drawn figure’s start and hold poses as joint angles (see the "
                "clinic’s exercises.toml for examples). A message says what to fix when a pose "
                "is not possible.",
                validators=[exercises.models.validate_figure],
                verbose_name="figure poses",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="figure_stills",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="exercise",
            name="figure_live",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(drawings_into_figures, figures_into_drawings),
        migrations.RemoveField(model_name="exercise", name="illustration"),
        migrations.AlterField(
            model_name="exercise",
            name="photo",
            field=models.ImageField(
                blank=True,
                help_text="Optional photo shown instead of the figure (JPEG, PNG or WebP, at most "
                "2 MB).",
                upload_to="exercises/",
                validators=[exercises.models.validate_photo],
            ),
        ),
    ]
