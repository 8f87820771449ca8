import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff import two_factor


class Command(BaseCommand):
    help = (
        "Create a local superuser for trying the admin, with a fresh set of backup codes for the "
        "second step (shown this once). Refuses to run when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="staff")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_local_staff is for local trials only and refuses to run with DEBUG off. "
                "In production use: python manage.py createsuperuser"
            )
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset the password of"
        self.stdout.write(f"{verb} local staff account “{username}”, password: {password}")
        codes = two_factor.new_backup_codes(user)
        self.stdout.write(
            "Backup codes for the second step (each works once; they are stored only as "
            "digests, so this is the only time they are shown): " + " ".join(codes)
        )
