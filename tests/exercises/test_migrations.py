"""Data migrations of the exercises app move data both ways."""

import importlib
import json
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from exercises import migrations as migrations_folder
from exercises.content import exercise_content, shipped_figures, spanish_exercise_content
from exercises.figures import render_for
from exercises.models import Exercise
from tests.exercises.shipped import ENTRIES

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


BEFORE_REDRAW = [("exercises", "0006_safety_and_readability")]
REDRAW = [("exercises", "0007_redraw_figures")]


@pytest.mark.django_db(transaction=True)
def test_the_redraw_gives_shipped_poses_their_new_figure_and_keeps_what_staff_changed():
    earlier = json.loads(
        (Path(migrations_folder.__file__).parent / "0007_earlier_figures.json").read_text()
    )
    shipped = {entry["slug"]: entry for entry in exercise_content()}
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_REDRAW)
    try:
        old = executor.loader.project_state(BEFORE_REDRAW).apps.get_model("exercises", "Exercise")

        def make(slug, figure, alt, steps=""):
            return old.objects.create(
                slug=slug,
                kind="everyday",
                position="standing",
                figure=figure,
                illustration_alt=alt,
                steps=steps,
                figure_stills="<svg>old</svg>",
            )

        break_before = earlier["hourly-movement-break"]
        as_shipped = make(
            "hourly-movement-break", break_before["figure"], break_before["illustration_alt"]
        )
        lunge_before = earlier["low-lunge"]
        # The picture changed what the steps say: steps left as shipped follow it.
        lunge = make(
            "low-lunge",
            lunge_before["figure"],
            lunge_before["illustration_alt"],
            lunge_before["steps"],
        )
        staff_pose = {**earlier["clamshell"]["figure"], "move_seconds": 4}
        changed_by_staff = make("clamshell", staff_pose, "Our own words.")

        executor = MigrationExecutor(connection)
        executor.migrate(REDRAW)
        new = executor.loader.project_state(REDRAW).apps.get_model("exercises", "Exercise")
        redrawn = new.objects.get(pk=as_shipped.pk)
        assert redrawn.figure == shipped["hourly-movement-break"]["figure"]
        assert redrawn.illustration_alt == shipped["hourly-movement-break"]["illustration_alt"]
        assert ">Stand up<" in redrawn.figure_stills
        lunge_now = new.objects.get(pk=lunge.pk)
        assert lunge_now.steps == "\n".join(shipped["low-lunge"]["steps"])
        # Words longer than the column then held stay as they were, whole, for later migrations
        # and load_clinic_content; they are never cut to fit.
        room = old._meta.get_field("illustration_alt").max_length
        lunge_alt = shipped["low-lunge"]["illustration_alt"]
        assert lunge_now.illustration_alt == (
            lunge_alt if len(lunge_alt) <= room else lunge_before["illustration_alt"]
        )
        kept = new.objects.get(pk=changed_by_staff.pk)
        assert kept.figure == staff_pose
        assert kept.illustration_alt == "Our own words."
        assert kept.figure_stills.startswith('<svg class="figure-stills"')  # drawn anew

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_REDRAW)
        back = old.objects.get(pk=as_shipped.pk)
        assert back.figure == break_before["figure"]
        assert back.illustration_alt == break_before["illustration_alt"]
        assert old.objects.get(pk=lunge.pk).steps == lunge_before["steps"]
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


BEFORE_LABELS = [("exercises", "0011_spanish_review")]
LABELS = [("exercises", "0012_figure_labels")]


@pytest.mark.django_db(transaction=True)
def test_shipped_exercises_already_in_spanish_get_their_spanish_pose_labels_drawn():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_LABELS)
    try:
        old = executor.loader.project_state(BEFORE_LABELS).apps.get_model("exercises", "Exercise")
        common = {"kind": "strengthen", "position": "standing"}
        spanish = old.objects.create(
            slug="chair-squat",
            name_en="Chair squat",
            name_es="Sentadilla con silla",
            figure=shipped_figures()["chair-squat"],
            **common,
        )
        lunge = shipped_figures()["low-lunge"]
        restaged = old.objects.create(
            slug="low-lunge",
            name_en="Low lunge",
            name_es="Zancada baja",
            figure={**lunge, "hold": {**lunge["hold"], "label": "Lunge"}},  # staff's own
            **common,
        )

        executor = MigrationExecutor(connection)
        executor.migrate(LABELS)
        new = executor.loader.project_state(LABELS).apps.get_model("exercises", "Exercise")

        redrawn = new.objects.get(pk=spanish.pk)
        assert redrawn.figure_label_translations == {
            "es": {"Stand": "De pie", "Touch the seat": "Toque el asiento"}
        }
        assert ">Sentadilla con silla: De pie, Toque el asiento</title>" in redrawn.figure_stills_es
        assert new.objects.get(pk=restaged.pk).figure_label_translations == {}
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


BEFORE_FIGURES = [("exercises", "0004_exercise_review_due_help")]
FIGURES = [("exercises", "0005_figures")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_drawing_s_exercise_its_figure():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_FIGURES)
    try:
        old = executor.loader.project_state(BEFORE_FIGURES).apps

        def make(**fields):
            model = old.get_model("exercises", "Exercise")
            return model.objects.create(kind="strengthen", position="lying_back", **fields)

        bridge = make(slug="hip-bridge", illustration="exercises/illustrations/hip-bridge.svg")
        # Staff made their own exercise and chose the clamshell's drawing for it.
        own = make(slug="side-lying-lift", illustration="exercises/illustrations/clamshell.svg")
        photo_only = make(slug="our-photo", photo="exercises/ours.jpg")

        executor = MigrationExecutor(connection)
        executor.migrate(FIGURES)
        new = executor.loader.project_state(FIGURES).apps.get_model("exercises", "Exercise")
        assert new.objects.get(pk=bridge.pk).figure == shipped_figures()["hip-bridge"]
        own_now = new.objects.get(pk=own.pk)
        assert own_now.figure == shipped_figures()["clamshell"]
        assert "Start" in own_now.figure_stills
        assert "data-frames" in own_now.figure_live
        assert new.objects.get(pk=photo_only.pk).figure == {}
        assert new.objects.get(pk=photo_only.pk).photo == "exercises/ours.jpg"

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_FIGURES)
        back = old.get_model("exercises", "Exercise").objects
        assert back.get(pk=own.pk).illustration == "exercises/illustrations/clamshell.svg"
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


BEFORE_SHIPPED_REDRAW = [("exercises", "0012_figure_labels")]
SHIPPED_REDRAW = [("exercises", "0013_redraw_shipped_figures")]


@pytest.mark.django_db(transaction=True)
def test_values_an_earlier_release_shipped_take_today_s_and_what_staff_changed_stays(
    monkeypatch,
):
    redraw = importlib.import_module("exercises.migrations.0013_redraw_shipped_figures")
    first_shipped = json.loads(
        (Path(migrations_folder.__file__).parent / "0007_earlier_figures.json").read_text()
    )
    shipped = {entry["slug"]: entry for entry in exercise_content()}
    spanish = spanish_exercise_content()
    # An earlier release's Spanish, which the repository keeps only as a fingerprint.
    earlier_spanish = "Una persona, en palabras de antes."
    for slug in ("chair-squat", "low-lunge"):
        earlier = redraw.EARLIER[slug]
        fingerprints = [
            *earlier.get("illustration_alt_es", []),
            redraw.fingerprint(earlier_spanish),
        ]
        monkeypatch.setitem(earlier, "illustration_alt_es", fingerprints)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_SHIPPED_REDRAW)
    try:
        old = executor.loader.project_state(BEFORE_SHIPPED_REDRAW).apps.get_model(
            "exercises", "Exercise"
        )

        def make(slug, figure, alt, alt_es="", **fields):
            return old.objects.create(
                slug=slug,
                name_en=shipped[slug]["name"],
                kind="strengthen",
                position="standing",
                figure=figure,
                illustration_alt_en=alt,
                illustration_alt_es=alt_es,
                figure_stills_en="<svg>old</svg>",
                **fields,
            )

        squat = make(
            "chair-squat",
            first_shipped["chair-squat"]["figure"],
            first_shipped["chair-squat"]["illustration_alt"],
            earlier_spanish,
            name_es=spanish["chair-squat"]["name"],
            spanish_reviewed_by="Ana at the front desk",
        )
        # Staff wrote their own Spanish: it stays, and now waits for the new English.
        walk_break = make(
            "hourly-movement-break",
            first_shipped["hourly-movement-break"]["figure"],
            first_shipped["hourly-movement-break"]["illustration_alt"],
            "Nuestras palabras.",
            name_es=spanish["hourly-movement-break"]["name"],
        )
        staff_pose = {**shipped_figures()["low-lunge"], "move_seconds": 4}
        staff_lunge = make(
            "low-lunge",
            staff_pose,
            "Our own words.",
            earlier_spanish,
            name_es=spanish["low-lunge"]["name"],
        )

        executor = MigrationExecutor(connection)
        executor.migrate(SHIPPED_REDRAW)
        new = executor.loader.project_state(SHIPPED_REDRAW).apps.get_model("exercises", "Exercise")
        squat_now = new.objects.get(pk=squat.pk)
        assert squat_now.figure == shipped["chair-squat"]["figure"]
        assert squat_now.illustration_alt_en == shipped["chair-squat"]["illustration_alt"]
        assert squat_now.illustration_alt_es == spanish["chair-squat"]["illustration_alt"]
        assert squat_now.figure_label_translations == {
            "es": spanish["chair-squat"]["figure_labels"]
        }
        assert squat_now.spanish_reviewed_by == ""  # nobody has read the new Spanish yet
        break_now = new.objects.get(pk=walk_break.pk)
        assert break_now.figure == shipped["hourly-movement-break"]["figure"]
        assert break_now.illustration_alt_es == "Nuestras palabras."
        assert break_now.english_changed_at is not None
        assert break_now.spanish_changed_at is None
        lunge_now = new.objects.get(pk=staff_lunge.pk)
        assert (lunge_now.figure, lunge_now.illustration_alt_en) == (staff_pose, "Our own words.")
        assert lunge_now.illustration_alt_es == earlier_spanish  # it follows only shipped English
        assert lunge_now.english_changed_at is None

        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
        for pk in (squat.pk, walk_break.pk, staff_lunge.pk):
            exercise = Exercise.objects.get(pk=pk)
            for language in ("en", "es"):
                with translation.override(language):
                    # Drawn as saving it in the admin would draw it.
                    assert (exercise.figure_stills, exercise.figure_live) == render_for(exercise)
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


LATER_REDRAWS = [
    ("0013_redraw_shipped_figures", "0014_redraw_round_thirteen"),
    ("0014_redraw_round_thirteen", "0015_redraw_round_eighteen"),
    ("0015_redraw_round_eighteen", "0016_redraw_round_twenty_eight"),
]


@pytest.mark.parametrize(("previous", "migration"), LATER_REDRAWS)
@pytest.mark.django_db(transaction=True)
def test_a_site_that_ran_the_last_redraw_gets_the_figures_drawn_since(
    monkeypatch, previous, migration
):
    second = importlib.import_module(f"exercises.migrations.{migration}")
    first = second.shipped_update
    ran = [("exercises", previous)]
    today = shipped_figures()
    # A figure as 0013 left it on a site, fingerprinted as shipped (the JSON holds the real ones).
    as_first_left = {**today["double-hip-rotation"], "move_seconds": 5}
    earlier_start = "Lie down, as an earlier release said."
    monkeypatch.setitem(
        second.EARLIER,
        "double-hip-rotation",
        {
            "figure": [first.fingerprint(as_first_left)],
            "starting_position_en": [first.fingerprint(earlier_start)],
        },
    )
    executor = MigrationExecutor(connection)
    executor.migrate(ran)
    try:
        old = executor.loader.project_state(ran).apps.get_model("exercises", "Exercise")
        staff_pose = {**today["clamshell"], "move_seconds": 4}
        twist, clamshell = (
            old.objects.create(
                slug=slug,
                name_en=slug,
                kind="mobility",
                position="lying_back",
                figure=figure,
                starting_position_en=earlier_start,
                figure_stills_en="<svg>old</svg>",
            )
            for slug, figure in (("double-hip-rotation", as_first_left), ("clamshell", staff_pose))
        )
        MigrationExecutor(connection).migrate([("exercises", migration)])
        twist_now = Exercise.objects.get(pk=twist.pk)
        assert twist_now.figure == today["double-hip-rotation"]
        assert twist_now.starting_position_en == ENTRIES["double-hip-rotation"]["starting_position"]
        assert twist_now.english_changed_at is not None
        kept = Exercise.objects.get(pk=clamshell.pk)
        assert kept.figure == staff_pose
        assert kept.figure_stills_en != "<svg>old</svg>"  # drawn again all the same
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.parametrize(
    "migration",
    ["0013_redraw_shipped_figures", *(migration for _, migration in LATER_REDRAWS)],
)
def test_no_value_shipped_today_counts_as_an_earlier_one(migration):
    """A value both shipped today and fingerprinted as earlier would hide the release it
    replaced (scripts/shipped_fingerprints.py compares each earlier value with today's)."""
    redraw = importlib.import_module(f"exercises.migrations.{migration}")
    first = importlib.import_module("exercises.migrations.0013_redraw_shipped_figures")
    for slug, today in first.shipped_now().items():
        for field, value in today.items():
            assert first.fingerprint(value) not in redraw.EARLIER.get(slug, {}).get(field, []), (
                slug,
                field,
            )
