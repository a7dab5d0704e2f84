"""`manage.py restore ARCHIVE --yes`: replace the database and private files with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.domain.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (everything since it is lost)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true",
                            help="Confirm: the current database and files are replaced.")

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError("Restoring replaces the current data: add --yes to confirm.")
        try:
            manifest = restore_backup(Path(archive))
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {manifest['engine']} backup of {manifest['created']}")
