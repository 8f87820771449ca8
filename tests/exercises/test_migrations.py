"""Data migrations of the exercises app move data both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db


BEFORE_STEPS_AS_LINES = [("exercises", "0002_education_page")]
STEPS_AS_LINES = [("exercises", "0003_steps_as_lines")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_exercise_s_steps_into_lines_in_order_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_STEPS_AS_LINES)
    try:
        old = executor.loader.project_state(BEFORE_STEPS_AS_LINES).apps
        make = old.get_model("exercises", "Exercise").objects.create
        clamshell = make(slug="clamshell", kind="strengthen", position="lying_side")
        without_steps = make(slug="no-steps", kind="stretch", position="standing")
        step = old.get_model("exercises", "ExerciseStep").objects.create
        step(exercise=clamshell, order=2, text="Lift your top knee.")
        step(exercise=clamshell, order=1, text="Lie on your side,\nknees bent.")
        step(exercise=clamshell, order=2, text="Lower it slowly.")  # same number: saved order
        step(exercise=clamshell, order=3, text="  ")

        executor = MigrationExecutor(connection)
        executor.migrate(STEPS_AS_LINES)
        new = executor.loader.project_state(STEPS_AS_LINES).apps.get_model("exercises", "Exercise")
        assert new.objects.get(pk=clamshell.pk).steps == (
            "Lie on your side, knees bent.\nLift your top knee.\nLower it slowly."
        )
        assert new.objects.get(pk=without_steps.pk).steps == ""

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_STEPS_AS_LINES)
        back = old.get_model("exercises", "ExerciseStep").objects.filter(exercise=clamshell.pk)
        assert list(back.values_list("order", "text")) == [
            (1, "Lie on your side, knees bent."),
            (2, "Lift your top knee."),
            (3, "Lower it slowly."),
        ]
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
