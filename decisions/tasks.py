"""Background work of the outbound exchange. Thin: a primitive id in, the domain does the rest."""

from django_tasks import default_task_backend, task

from decisions.domain import webhooks


@task()
def deliver_webhook(delivery_public_id: str) -> str:
    return webhooks.deliver_one(delivery_public_id)


def enqueue_deliveries(ids: list[str]) -> None:
    for delivery_id in ids:
        deliver_webhook.enqueue(delivery_id)


def schedule_retry(delivery_id: str, when) -> None:
    """The next attempt at `when` where the backend can defer (the database backend); otherwise
    `manage.py send_webhooks` picks it up when it is due."""
    if default_task_backend.supports_defer:
        deliver_webhook.using(run_after=when).enqueue(delivery_id)
