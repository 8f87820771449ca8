"""An exercise's steps move from their own table into a text field, one step per line.

A page then reads its steps with the exercise, in the same query.
"""

import django.db.models.deletion
from django.db import migrations, models


def steps_into_lines(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    ExerciseStep = apps.get_model("exercises", "ExerciseStep")
    lines = {}
    for step in ExerciseStep.objects.order_by("exercise_id", "order", "pk"):
        # A step typed over several lines stays one step.
        text = " ".join(step.text.split())
        if text:
            lines.setdefault(step.exercise_id, []).append(text)
    exercises = list(Exercise.objects.filter(pk__in=lines).only("pk"))
    for exercise in exercises:
        exercise.steps = "\n".join(lines[exercise.pk])
    Exercise.objects.bulk_update(exercises, ["steps"], batch_size=500)


def lines_into_steps(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    ExerciseStep = apps.get_model("exercises", "ExerciseStep")
    ExerciseStep.objects.bulk_create(
        (
            ExerciseStep(exercise_id=exercise.pk, order=number, text=line)
            for exercise in Exercise.objects.only("pk", "steps")
            for number, line in enumerate(
                (line.strip() for line in exercise.steps.splitlines() if line.strip()), start=1
            )
        ),
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0002_education_page"),
    ]

    operations = [
        # The old steps' name on an exercise gives way to the new field (no database change).
        migrations.AlterField(
            model_name="exercisestep",
            name="exercise",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="old_steps",
                to="exercises.exercise",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="steps",
            field=models.TextField(
                default="", help_text="One step per line, in the order to do them."
            ),
            preserve_default=False,
        ),
        migrations.RunPython(steps_into_lines, lines_into_steps),
        migrations.DeleteModel(name="ExerciseStep"),
    ]
