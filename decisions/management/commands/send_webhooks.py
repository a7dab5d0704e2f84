"""`manage.py send_webhooks`: deliver the webhooks that are due — retries whose time has come
(when the task backend cannot defer them) and deliveries whose worker died. Run from cron like
`send_outbox` (docs/deployment.md)."""

from django.core.management.base import BaseCommand

from decisions.domain.webhooks import deliver_one, due_deliveries


class Command(BaseCommand):
    help = "Deliver the outbound webhooks that are due."

    def handle(self, *args, **options):
        outcomes = [deliver_one(delivery_id) for delivery_id in due_deliveries()]
        self.stdout.write(", ".join(f"{state}: {outcomes.count(state)}"
                                    for state in sorted(set(outcomes))) or "0")
