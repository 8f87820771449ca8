from django.conf import settings
from django.core.management.base import BaseCommand

from appointments.services import expired_requests, purge_expired_requests


class Command(BaseCommand):
    help = (
        "Delete closed appointment requests older than ARMORPT_RETENTION_DAYS, with their notes, "
        "history and audit values. Run it daily (see docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run, **options):
        days = settings.APPOINTMENT_RETENTION_DAYS
        if dry_run:
            count = expired_requests().count()
            self.stdout.write(
                f"{count} closed request(s) closed more than {days} days ago would be deleted."
            )
            return
        count = purge_expired_requests()
        self.stdout.write(f"Deleted {count} closed request(s) closed more than {days} days ago.")
