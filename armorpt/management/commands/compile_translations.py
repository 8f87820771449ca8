from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues() -> list[Path]:
    """Every .po file Django reads: the project's locale/ and each of our apps' own."""
    folders = [Path(folder) for folder in settings.LOCALE_PATHS]
    folders += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if Path(config.path).parent == settings.BASE_DIR
    ]
    return sorted(po for folder in folders for po in folder.glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    requires_system_checks = []  # it reads no model; it runs before anything else is set up
    help = (
        "Compile the translation catalogues (.po to .mo) with Babel, so that no system "
        "gettext tools are needed (Django's compilemessages calls GNU msgfmt)."
    )

    def handle(self, *args, **options):
        for po_path in catalogues():
            with po_path.open("rb") as po_file:
                catalogue = read_po(po_file, abort_invalid=True)
            fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
            if fuzzy:
                raise CommandError(f"{po_path}: fuzzy entries to check first: {fuzzy[:3]}")
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalogue)
            self.stdout.write(f"compiled {mo_path.relative_to(settings.BASE_DIR)}")
