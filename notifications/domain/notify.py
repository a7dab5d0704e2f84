"""Telling users that something happened: in-app notifications and their e-mail copies.

Other apps' domain functions call `notify(...)` inside their own transaction, after the change
it announces; if that transaction rolls back, no notification exists and no mail is sent.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_tasks import task

from notifications.domain import outbox
from notifications.models import Notification, OutboxMail


def is_internal_path(url: str) -> bool:
    """A path on this site ("/proposals/…"), never another host: notification links are
    followed by the open view's redirect, which must not become an open redirect."""
    return (url.startswith("/") and not url.startswith(("//", "/\\"))
            and url_has_allowed_host_and_scheme(url, allowed_hosts=set()))


def _mail_body(body: str, url: str) -> str:
    link = f"\n\n{settings.TDKT_SITE_URL.rstrip('/')}{url}" if url else ""
    return f"{body}{link}\n\n-- \nTĐKT"


@task()
def send_outbox_mail(mail_public_id: str) -> str:
    """Background work of the outbox, declared beside the function that queues it. Thin: a
    primitive id in, the outbox does the rest."""
    return outbox.send_one(mail_public_id)


def _enqueue(mail_ids: list[str]) -> None:
    for mail_id in mail_ids:
        send_outbox_mail.enqueue(mail_id)


@transaction.atomic
def notify(recipients: Iterable, *, verb: str, title: str, body: str, url: str, actor=None,
           email: bool = True) -> list[Notification]:
    """Notify each distinct active user in `recipients`.

    Side effects: one `Notification` per recipient; with `email`, one `OutboxMail` draft per
    recipient who has an e-mail address; the task `send_outbox_mail` queued for each draft
    once the transaction commits (never sent inside the request). No audit entry: the change
    being announced is audited by its own domain function. Raises ValueError when `url` is not
    a path on this site.
    """
    if url and not is_internal_path(url):
        raise ValueError(f"Notification links must be paths on this site, not {url!r}")
    users = list({user.pk: user for user in recipients if user.is_active}.values())
    notes = Notification.objects.bulk_create([
        Notification(recipient=user, actor=actor, verb=verb, title=title[:200], body=body,
                     url=url) for user in users])
    _forget_unread(user.pk for user in users)
    if not email:
        return notes
    mails = OutboxMail.objects.bulk_create([
        OutboxMail(to=user.email, subject=title[:250], body=_mail_body(body, url),
                   notification=note)
        for user, note in zip(users, notes, strict=True) if user.email])
    mail_ids = [str(mail.public_id) for mail in mails]
    if mail_ids:
        transaction.on_commit(lambda: _enqueue(mail_ids))
    return notes


def notifications_for(user) -> QuerySet:
    """The user's own notifications, newest first. Nobody reads another's."""
    return Notification.objects.filter(recipient=user).select_related("actor")


# The header shows the unread count on every page: kept in the shared cache, dropped by every
# function here that changes it (a new notification, one or all read), at most this old.
UNREAD_CACHE_SECONDS = 300


def _unread_key(user_id: int) -> str:
    return f"tdkt:unread:{user_id}"


def _forget_unread(user_ids) -> None:
    """Now and when the transaction commits: a page rendered in between would cache the
    count from before the change."""
    keys = [_unread_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def unread_count(user) -> int:
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def unread_key_part(request, user) -> int:
    """The unread count, as a kept page's key holds it (core.interfaces.kept_pages.KEY_PARTS)."""
    return unread_count(user)


def mark_read(notification: Notification, user) -> Notification:
    """Mark `user`'s own notification read (no-op when already read). Raises
    Notification.DoesNotExist for someone else's, so a view answers 404. A conditional UPDATE:
    two tabs opening it at once keep the first reading time."""
    if notification.recipient_id != user.pk:
        raise Notification.DoesNotExist
    now = timezone.now()
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now):
        notification.read_at = now
        _forget_unread([user.pk])
    return notification


def mark_all_read(user) -> int:
    """Mark every unread notification of `user` read; returns how many."""
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now())
    _forget_unread([user.pk])
    return marked
