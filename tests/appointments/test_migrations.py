"""The data migration that turns the hours text into rows
(appointments/migrations/0010_opening_hours_from_text.py)."""

import importlib
from datetime import time

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

hours_from_text = importlib.import_module("appointments.migrations.0010_opening_hours_from_text")

BEFORE = [("appointments", "0009_opening_hours")]
AFTER = [("appointments", "0010_opening_hours_from_text")]


@pytest.mark.parametrize(
    ("line", "spans"),
    [
        ("Monday to Friday: 7 am – 7 pm", [(day, time(7), time(19)) for day in range(5)]),
        ("Mon–Fri 07:00–19:00", [(day, time(7), time(19)) for day in range(5)]),
        ("Saturday: 8 a.m. - 1 p.m.", [(5, time(8), time(13))]),
        ("Sat & Sun: 9 am – noon", [(5, time(9), time(12)), (6, time(9), time(12))]),
        ("Fri to Mon: 9–11 am", [(day, time(9), time(11)) for day in (4, 5, 6, 0)]),
        (
            "Tuesday: 7 am – 12 pm, 1:30 pm – 7 pm",
            [(1, time(7), time(12)), (1, time(13, 30), time(19))],
        ),
        ("Sunday: closed", []),
    ],
)
def test_lines_people_write_are_read(line, spans):
    assert hours_from_text.spans_of_line(line) == spans


@pytest.mark.parametrize(
    "line", ["By appointment only", "Monday: 9 – 5", "Monday: 25:00 – 26:00", "Funday: 9 am – 5 pm"]
)
def test_a_line_it_cannot_read_is_refused(line):
    with pytest.raises(ValueError):  # noqa: PT011 - which ValueError does not matter
        hours_from_text.spans_of_line(line)


@pytest.fixture
def at_the_hours_text(transactional_db):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    yield executor
    # A location whose hours cannot be read would stop the way back to the latest migration.
    executor.loader.project_state(BEFORE).apps.get_model(
        "appointments", "Location"
    ).objects.all().delete()
    executor.loader.build_graph()
    executor.migrate(latest)


def location_with_hours(executor, hours: str):
    Location = executor.loader.project_state(BEFORE).apps.get_model("appointments", "Location")
    return Location.objects.create(
        name="Armor PT Midtown",
        street_address="250 West 40th Street",
        locality="New York",
        region="NY",
        postal_code="10018",
        phone="(212) 555-0142",
        hours=hours,
    )


def test_the_demo_hours_become_rows(at_the_hours_text):
    location = location_with_hours(
        at_the_hours_text, "Monday to Friday: 7 am – 7 pm\nSaturday: 8 am – 1 pm\nSunday: closed\n"
    )

    at_the_hours_text.loader.build_graph()
    at_the_hours_text.migrate(AFTER)

    apps = at_the_hours_text.loader.project_state(AFTER).apps
    rows = apps.get_model("appointments", "OpeningHours").objects.filter(location=location.pk)
    assert [(row.weekday, row.opens, row.closes) for row in rows.order_by("weekday")] == [
        *((day, time(7), time(19)) for day in range(5)),
        (5, time(8), time(13)),
    ]


def test_hours_it_cannot_read_stop_the_migration_naming_the_line(at_the_hours_text):
    location_with_hours(at_the_hours_text, "Monday to Friday: 7 am – 7 pm\nBy appointment only")

    at_the_hours_text.loader.build_graph()
    with pytest.raises(hours_from_text.UnreadableHours, match="“By appointment only”"):
        at_the_hours_text.migrate(AFTER)
