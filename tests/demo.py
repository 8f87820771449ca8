"""The clinic's demo content (`manage.py load_clinic_content`) for the tests that ask for it.

The command saves each exercise and guide one by one (reading grades, translation notes): over
a second a load. Each worker runs it once, in a transaction rolled back at once, and keeps the
rows it wrote, model by model; each test that asks for the content gets a copy of them. A test
that asks for none sees none.
"""

import io

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction

from armorpt.page_cache import bump_content_version


def kept_rows() -> dict:
    """The rows the command adds to this database, by model; {} where the content's tables
    are not empty to start with (every test then runs the command)."""
    models = apps.get_models(include_auto_created=True)
    with transaction.atomic():
        counts = {model: model._base_manager.count() for model in models}
        call_command("load_clinic_content", stdout=io.StringIO())
        added = [model for model in models if model._base_manager.count() != counts[model]]
        rows = {}
        if not any(counts[model] for model in added):
            for model in added:
                names = [field.attname for field in model._meta.concrete_fields]
                rows[model] = [
                    dict(zip(names, values, strict=True))
                    for values in model._base_manager.order_by("pk").values_list(*names)
                ]
        transaction.set_rollback(True)
    return rows


def load(rows: dict) -> None:
    """What `load_clinic_content` does to a database without content, from its kept rows.

    Where any of its tables already has rows (a location a test made first, say), the command
    itself runs, as it decides what to add. The rows keep their first load's primary keys:
    PostgreSQL's sequences are moved past them, as the command's saves would have.
    """
    if not rows or any(model._base_manager.exists() for model in rows):
        call_command("load_clinic_content", stdout=io.StringIO())
        return
    connection = connections["default"]
    with transaction.atomic():
        for model, model_rows in rows.items():
            model._base_manager.bulk_create(model(**row) for row in model_rows)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(rows)):
                cursor.execute(sql)
    # As the command's saves do: pages kept before the content arrived are stale.
    bump_content_version()
