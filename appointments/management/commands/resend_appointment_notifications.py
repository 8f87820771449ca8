from django.core.management.base import BaseCommand, CommandError

from appointments.models import AppointmentRequest
from appointments.services import resend_notifications


class Command(BaseCommand):
    help = (
        "Send the e-mails about appointment requests that could not be sent before (the mail "
        "server was down, for example): queued again for the worker. Safe to run again: sent "
        "e-mails are not repeated."
    )

    def handle(self, *args, **options):
        sent, failed, queued = resend_notifications(AppointmentRequest.objects.all())
        if failed:
            raise CommandError(f"{sent} e-mail(s) sent, {failed} still failing.")
        self.stdout.write(f"{sent} e-mail(s) sent, {queued} queued for sending.")
