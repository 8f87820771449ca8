from django.core.management.base import BaseCommand

from appointments.services import purge_expired_requests


class Command(BaseCommand):
    help = (
        "The same as purge_appointment_requests (its first name): delete closed requests past "
        "ARMORPT_RETENTION_DAYS with their notes, history and audit values."
    )

    def handle(self, *args, **options):
        deleted = purge_expired_requests()
        self.stdout.write(f"{deleted} closed request(s) deleted.")
