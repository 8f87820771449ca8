from django.conf import settings
from django.core.management.base import BaseCommand

from appointments.models import AppointmentRequest


class Command(BaseCommand):
    help = (
        "Delete closed appointment requests, with their notes and history, once they have been "
        "closed for ARMORPT_RETENTION_DAYS days, as the privacy notice promises. Run it daily."
    )

    def handle(self, *args, **options):
        old = AppointmentRequest.objects.past_retention(settings.APPOINTMENT_RETENTION_DAYS)
        deleted = old.count()
        old.delete()
        self.stdout.write(f"{deleted} closed request(s) deleted.")
