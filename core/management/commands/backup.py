"""`manage.py backup [--output DIR]`: database + private files into one archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.domain.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and the private files into a .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.VAR_DIR) / "backups"))

    def handle(self, *args, output, **options):
        try:
            archive = create_backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
