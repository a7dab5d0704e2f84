"""Send what the outbox still holds: drafts whose task was lost and failed mails with
attempts left (fewer than 5). Run from cron every few minutes in production."""

from django.core.management.base import BaseCommand

from notifications.domain import outbox


class Command(BaseCommand):
    help = "Send outbox mails that are drafts or failed with fewer than 5 attempts."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, limit, **options):
        results = [outbox.send_one(mail_id) for mail_id in outbox.pending_mail_ids(limit)]
        self.stdout.write(", ".join(f"{state}: {results.count(state)}"
                                    for state in ("sent", "failed", "skipped")))
