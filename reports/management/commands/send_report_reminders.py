"""Remind target units of reports due soon and overdue. Run daily from cron (each filing is
reminded at most once of each kind, so running it more often is harmless)."""

from django.core.management.base import BaseCommand

from reports.domain.reminders import send_reminders
from reports.domain.timeliness import today_in_vietnam


class Command(BaseCommand):
    help = "Notify units of reports due within N working days and of overdue reports."

    def handle(self, *args, **options):
        sent = send_reminders(today_in_vietnam())
        self.stdout.write(f"due soon: {sent['due_soon']}, overdue: {sent['overdue']}")
