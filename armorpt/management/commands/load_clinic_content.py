from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from appointments.content import load_locations
from exercises.content import load_education_pages, load_exercises


class Command(BaseCommand):
    help = (
        "Load the clinic's demo content: adds only what is missing and never changes "
        "anything that is already there, so staff edits are safe. Safe to run again."
    )

    loaders = {
        "locations": load_locations,
        "exercises": load_exercises,
        # After the exercises: the guides link to them by slug.
        "education pages": load_education_pages,
    }

    def handle(self, *args, **options):
        # The content's own fields take the English (name_en, ...) whatever language is active.
        with translation.override("en"), transaction.atomic():
            for label, load in self.loaders.items():
                created = load()
                self.stdout.write(f"{label}: {created} added")
