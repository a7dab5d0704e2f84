"""Sending the outbox. A mail is claimed before it is sent, so that two workers (a task and
the `send_outbox` command, or two workers after a retry) never send it twice.

The claim is a conditional UPDATE that must touch exactly one row (the pattern healthchecks
uses in `sendalerts`): it succeeds only while the mail is sendable, has attempts left and is
not leased by another sender. The lease (`claimed_at`) expires after CLAIM_SECONDS, so a mail
whose sender died mid-way is picked up again by the next `send_outbox` run.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone

from notifications.enums import MAX_ATTEMPTS, SENDABLE_STATES, MailState
from notifications.models import OutboxMail

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 600


def _claimable(now) -> Q:
    return (Q(state__in=SENDABLE_STATES, attempts__lt=MAX_ATTEMPTS)
            & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - timedelta(
                seconds=CLAIM_SECONDS))))


def claim(mail_public_id) -> OutboxMail | None:
    """Lease the mail for sending: the mail, or None when it is sent, out of attempts, or
    being sent by someone else."""
    now = timezone.now()
    claimed = OutboxMail.objects.filter(_claimable(now), public_id=mail_public_id).update(
        claimed_at=now, attempts=F("attempts") + 1)
    if claimed != 1:
        return None
    return OutboxMail.objects.get(public_id=mail_public_id)


def send_claimed(mail: OutboxMail) -> str:
    """Send a claimed mail with django.core.mail and record the outcome.

    Side effects: the e-mail; the row becomes `sent` (with `sent_at`) or `failed` (with
    `last_error`); either way the lease is released. Returns the new state.
    """
    try:
        send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
    except Exception as error:  # SMTP, DNS, socket errors: all mean "try again later"
        logger.warning("Outbox mail %s to %s failed: %s", mail.public_id, mail.to, error)
        values = {"state": MailState.FAILED, "last_error": f"{type(error).__name__}: {error}"}
    else:
        values = {"state": MailState.SENT, "sent_at": timezone.now(), "last_error": ""}
    OutboxMail.objects.filter(pk=mail.pk).update(claimed_at=None, **values)
    return values["state"]


def send_one(mail_public_id) -> str:
    """Claim and send one mail; "skipped" when it could not be claimed."""
    mail = claim(mail_public_id)
    return "skipped" if mail is None else send_claimed(mail)


def pending_mail_ids(limit: int = 1000) -> list:
    """Drafts and failed mails with attempts left and no live lease, oldest first."""
    return list(OutboxMail.objects.filter(_claimable(timezone.now()))
                .order_by("created_at", "id").values_list("public_id", flat=True)[:limit])
