from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from appointments.models import AppointmentRequest, Location
from exercises.models import EducationPage, Exercise, Kind, Position, Status

SCALED_SLUG_PREFIX = "scaled-"


class Command(BaseCommand):
    help = (
        "Add a scaled catalogue (exercises, guides with related exercises, appointment requests) "
        "next to the demo content, for the load benchmark (scripts/bench.py). A benchmark tool: "
        "it builds the rows with tests/factories.py, so it needs the dev dependencies "
        "(factory_boy)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--exercises", type=int, default=200)
        parser.add_argument("--guides", type=int, default=50)
        parser.add_argument("--requests", type=int, default=10_000)

    def handle(self, *args, exercises, guides, requests, **options):
        try:
            from tests.factories import (
                AppointmentRequestFactory,
                EducationPageFactory,
                ExerciseFactory,
            )
        except ImportError as error:
            raise CommandError(
                "seed_scaled_catalogue builds on the test factories: run it from a development "
                f"checkout with the dev dependencies ({error.name} is missing)."
            ) from error
        location = Location.objects.first()
        if location is None:
            raise CommandError("Load the demo content first: python manage.py load_clinic_content")
        if Exercise.objects.filter(slug__startswith=SCALED_SLUG_PREFIX).exists():
            raise CommandError("This database already has the scaled catalogue.")

        def status(n: int) -> Status:
            # One in ten is a draft, as on a real site.
            return Status.DRAFT if n % 10 == 0 else Status.PUBLISHED

        kinds, positions = list(Kind.values), list(Position.values)
        with transaction.atomic():
            demo_exercises = list(Exercise.objects.all())
            built = [
                ExerciseFactory.build(
                    name=f"Scaled exercise {n}",
                    slug=f"{SCALED_SLUG_PREFIX}exercise-{n}",
                    kind=kinds[n % len(kinds)],
                    position=positions[n % len(positions)],
                    status=status(n),
                    display_order=200 + n,
                )
                for n in range(exercises)
            ]
            for exercise in built:  # bulk_create skips save(), which draws the figure
                exercise.render_figure()
            scaled_exercises = Exercise.objects.bulk_create(built)
            pages = [
                EducationPageFactory.build(
                    title=f"Scaled guide {n}",
                    slug=f"{SCALED_SLUG_PREFIX}guide-{n}",
                    status=status(n),
                    display_order=500 + n,
                )
                for n in range(guides)
            ]
            for page in pages:  # bulk_create skips save(), which renders the body
                page.render_body()
            pages = EducationPage.objects.bulk_create(pages)

            # Each guide relates three scaled exercises and every demo one, so the demo
            # exercise pages, which the benchmark measures, link many guides.
            def related_to(i: int) -> list[Exercise]:
                if not exercises:
                    return demo_exercises
                scaled = [scaled_exercises[(i * 3 + j) % exercises] for j in range(3)]
                return [*scaled, *demo_exercises]

            through = EducationPage.related_exercises.through
            through.objects.bulk_create(
                through(educationpage_id=page.pk, exercise_id=exercise.pk)
                for i, page in enumerate(pages)
                for exercise in related_to(i)
            )
            AppointmentRequest.objects.bulk_create(
                (AppointmentRequestFactory.build(location=location) for _ in range(requests)),
                batch_size=2000,
            )
        # What autovacuum would do a minute later, in the middle of the measurements. PostgreSQL
        # runs VACUUM only outside a transaction (a caller's atomic block, a test's).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            f"Added {exercises} exercises, {guides} guides and {requests:,} appointment requests."
        )
