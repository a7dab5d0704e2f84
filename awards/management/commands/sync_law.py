"""Bring the database's law to the data files now (what the sync migrations do on deploy):
prints what changed and every conflict kept for the administrator to settle on the law
screen. Re-runnable; changes nothing when the database is up to date."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from awards.data.sync import sync_law


class Command(BaseCommand):
    help = "Load awards/data (the law's dated values) into the database, keeping edits."

    def handle(self, *args, **options):
        with transaction.atomic():
            report = sync_law(apps)
        self.stdout.write(f"created {len(report.created)}, updated {len(report.updated)}, "
                          f"removed {len(report.removed)}, conflicts {len(report.conflicts)}")
        for label in report.updated + report.removed:
            self.stdout.write(f"  {label}")
        for conflict in report.conflicts:
            self.stdout.write(self.style.WARNING(
                f"  conflict {conflict['row']}.{conflict['field']}: kept {conflict['kept']!r}, "
                f"file {conflict['file']!r} ({conflict['citation']})"))
