"""Background work of the outbox. Thin: a primitive id in, the domain does the rest."""

from django_tasks import task

from notifications.domain import outbox


@task()
def send_outbox_mail(mail_public_id: str) -> str:
    return outbox.send_one(mail_public_id)
