"""Signed webhooks (issue 17 §4): subscriptions kept by the system administrator, and the
delivery of each event to each subscriber with retries.

Signature: header `X-TDKT-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
(the standard library's `hmac`; the timestamp inside the MAC lets a receiver refuse replays).
A delivery is claimed by a conditional update before it is sent (two workers never send it at
once); a 2xx answer delivers it; anything else — an error status, a redirect (not followed), a
timeout, a refused connection — is logged and retried with exponential back-off until
MAX_ATTEMPTS, then abandoned (the administrator can retry it from the screen)."""

import hashlib
import hmac
import json
import logging
import secrets
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_tasks import default_task_backend, task

from accounts.domain.sealing import seal, unseal
from audit.domain.record import record
from core import state
from core.text import is_number
from decisions.models import Delivery, Subscription
from decisions.models.exchange import RETRYABLE_STATES, DeliveryState

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 60  # 1, 3, 9, 27, 81 min, 4 h, 12 h: a receiver down for a day is caught
BACKOFF_FACTOR = 3
CLAIM_SECONDS = 300
SIGNATURE_HEADER = "X-TDKT-Signature"
# A claimed delivery's outcome is written whatever happened to it meanwhile (a subscription
# deactivated mid-send abandons it, yet the POST went out): only "delivered" is final.
SENDING = (DeliveryState.PENDING, DeliveryState.FAILED, DeliveryState.ABANDONED)

# Task-driven rows: each step is one conditional UPDATE that must touch exactly one row
# (healthchecks' `sendalerts`). Not audited per delivery (the log is the delivery list); the
# administrator's "send again" writes its own audit entry.
DELIVERY = state.Machine(
    name="decisions.delivery", model=Delivery, states=DeliveryState, lock="update",
    transitions=(
        state.step("deliver", SENDING, DeliveryState.DELIVERED, DeliveryState.DELIVERED.label),
        state.step("fail", SENDING, DeliveryState.FAILED, DeliveryState.FAILED.label),
        state.step("give_up", SENDING, DeliveryState.ABANDONED, DeliveryState.ABANDONED.label),
        # The subscription is deactivated: what still waits is never sent.
        state.step("stop", RETRYABLE_STATES, DeliveryState.ABANDONED,
                   _lazy("Subscription deactivated.")),
        state.step("retry", (DeliveryState.FAILED, DeliveryState.ABANDONED),
                   DeliveryState.PENDING, _lazy("Send again"),
                   permission="decisions.manage_webhooks",
                   refusal=_lazy("Only a failed delivery of an active subscription can be "
                                 "retried.")),
    ))


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def signature_valid(secret: str, header: str, body: bytes, *, now: int,
                    tolerance: int = 300) -> bool:
    """What a receiver does (docs/exchange.md): recompute, compare in constant time, and
    refuse a timestamp older than `tolerance` seconds."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    if not is_number(parts.get("t", "")) or abs(now - int(parts["t"])) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, int(parts["t"]), body), header)


# Subscriptions ------------------------------------------------------------------------------

@transaction.atomic
def subscribe(actor, *, name: str, url: str, kinds: list[str], issuer=None):
    """A new subscription and its secret (returned once: shown to the administrator to give to
    the receiving system; stored sealed). Side effect: audit `decisions.webhook.subscribe`."""
    if not url.startswith(("https://", "http://")):
        raise ValidationError({"url": _("The endpoint must be an http(s) address.")})
    secret = secrets.token_urlsafe(32)
    subscription = Subscription.objects.create(name=name, url=url, kinds=kinds, issuer=issuer,
                                               secret_sealed=seal(secret), created_by=actor)
    record(actor, "decisions.webhook.subscribe", subscription, unit=issuer,
           changes={"url": [None, url], "kinds": [None, kinds]})
    return subscription, secret


@transaction.atomic
def deactivate(actor, subscription: Subscription, *, reason: str) -> Subscription:
    """No more deliveries; those waiting are abandoned. Side effect: audit
    `decisions.webhook.deactivate`."""
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if not locked.is_active:
        raise ValidationError(_("This subscription was already deactivated."))
    locked.is_active, locked.deactivated_at = False, timezone.now()
    locked.save(update_fields=["is_active", "deactivated_at"])
    state.transition(locked.deliveries.all(), DELIVERY, "stop", actor,
                     fields={"last_error": _("Subscription deactivated.")})
    record(actor, "decisions.webhook.deactivate", locked, unit=locked.issuer, reason=reason,
           changes={"is_active": [True, False]})
    return locked


@transaction.atomic
def retry(actor, delivery: Delivery) -> Delivery:
    """Send an abandoned or failed delivery again now (attempts start afresh). Side effect:
    audit `decisions.webhook.retry`."""
    # The subscription row is locked as `deactivate` locks it: of the two, one goes first.
    subscription = Subscription.objects.select_for_update().get(pk=delivery.subscription_id)
    if not subscription.is_active:
        raise ValidationError(DELIVERY["retry"].refusal)
    state.transition(delivery, DELIVERY, "retry", actor, fields={
        "attempts": 0, "next_attempt_at": None, "claimed_at": None})
    delivery.refresh_from_db()
    record(actor, "decisions.webhook.retry", delivery, unit=delivery.subscription.issuer,
           label=f"{delivery.subscription.name}: {delivery.event.kind}")
    transaction.on_commit(lambda: enqueue_deliveries([str(delivery.public_id)]))
    return delivery


# Delivery -----------------------------------------------------------------------------------

def _due(now) -> Q:
    return (Q(state__in=RETRYABLE_STATES, subscription__is_active=True)
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - timedelta(
                seconds=CLAIM_SECONDS))))


def claim(delivery_public_id, now=None) -> Delivery | None:
    now = now or timezone.now()
    claimed = Delivery.objects.filter(_due(now), public_id=delivery_public_id).update(
        claimed_at=now, attempts=F("attempts") + 1)
    if claimed != 1:
        return None
    return Delivery.objects.select_related("event", "subscription").get(
        public_id=delivery_public_id)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: following it would send the signed payload
    somewhere the administrator did not configure."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(delivery: Delivery, now) -> int:
    """POST the event; the HTTP status (an error status raises urllib's HTTPError)."""
    body = json.dumps(delivery.event.payload, ensure_ascii=False,
                      separators=(",", ":")).encode()
    secret = unseal(delivery.subscription.secret_sealed)
    request = urllib.request.Request(delivery.subscription.url, data=body, method="POST",
                                     headers={
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "TDKT-webhooks/1", "X-TDKT-Event": delivery.event.kind,
        "X-TDKT-Event-Id": str(delivery.event.public_id),
        "X-TDKT-Delivery": str(delivery.public_id),
        SIGNATURE_HEADER: sign(secret, int(now.timestamp()), body)})
    with _opener.open(request, timeout=settings.TDKT_WEBHOOK_TIMEOUT) as response:
        return response.status


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_BASE_SECONDS * BACKOFF_FACTOR ** (attempts - 1))


def send_claimed(delivery: Delivery, now=None) -> str:
    """Send and record the outcome; the lease is released either way. Returns the new state."""
    now = now or timezone.now()
    status, error = None, ""
    try:
        status = post(delivery, now)
    except urllib.error.HTTPError as answer:
        status, error = answer.code, f"HTTP {answer.code}"
    except (OSError, ValueError) as failure:  # timeout, refused, DNS, TLS, bad URL
        error = f"{type(failure).__name__}: {failure}"
    if status is not None and 200 <= status < 300:
        step, values = "deliver", {"delivered_at": now, "last_error": ""}
    elif delivery.attempts >= MAX_ATTEMPTS:
        step, values = "give_up", {"last_error": error[:500]}
    else:
        step, values = "fail", {"last_error": error[:500],
                                "next_attempt_at": now + backoff(delivery.attempts)}
    if error:
        logger.warning("Webhook %s to %s failed: %s", delivery.public_id,
                       delivery.subscription.url, error)
    try:
        state.transition(delivery, DELIVERY, step, None,
                         fields={"claimed_at": None, "last_status": status} | values)
    except DELIVERY.stale_error:
        # Delivered meanwhile by a worker that claimed it after this one's lease ran out:
        # that outcome stands, and no retry is scheduled over it.
        logger.warning("Webhook %s was delivered meanwhile; outcome %s not recorded",
                       delivery.public_id, step)
        return "skipped"
    if step == "fail":
        schedule_retry(str(delivery.public_id), values["next_attempt_at"])
    return delivery.state


def deliver_one(delivery_public_id, now=None) -> str:
    delivery = claim(delivery_public_id, now)
    return "skipped" if delivery is None else send_claimed(delivery, now)


def due_deliveries(now=None, limit: int = 500) -> list[str]:
    """Deliveries whose time has come, oldest first (the `send_webhooks` sweep: retries when
    the task backend cannot defer, and deliveries whose worker died mid-way)."""
    now = now or timezone.now()
    return [str(public_id) for public_id in Delivery.objects.filter(_due(now))
            .order_by("id").values_list("public_id", flat=True)[:limit]]


# Background work: the tasks sit beside the function they run (a primitive id in), so the
# queueing code needs no import back into a tasks module.
@task()
def deliver_webhook(delivery_public_id: str) -> str:
    return deliver_one(delivery_public_id)


def enqueue_deliveries(ids: list[str]) -> None:
    for delivery_id in ids:
        deliver_webhook.enqueue(delivery_id)


def schedule_retry(delivery_id: str, when) -> None:
    """The next attempt at `when` where the backend can defer (the database backend); otherwise
    `manage.py send_webhooks` picks it up when it is due."""
    if default_task_backend.supports_defer:
        deliver_webhook.using(run_after=when).enqueue(delivery_id)
