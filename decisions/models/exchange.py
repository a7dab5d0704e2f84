"""Outbound exchange (issue 17 §4): events about issued, corrected and revoked decisions, the
systems subscribed to them (document management, the cadre HR system) and each delivery's log.
Nothing here is deleted: a subscription is deactivated, an event and its deliveries stay."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    ISSUED = "decision.issued", _("Decision issued")
    CORRECTED = "decision.corrected", _("Decision corrected (amending decision issued)")
    REVOKED = "award.revoked", _("Award revoked")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed, will be retried")
    ABANDONED = "abandoned", _("Abandoned after the last attempt")


RETRYABLE_STATES = (DeliveryState.PENDING, DeliveryState.FAILED)


class ExchangeEvent(models.Model):
    """One published fact, its payload frozen when it happened (the feed and every delivery
    send these very bytes' content, whatever changes later)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    decision = models.ForeignKey("decisions.Decision", on_delete=models.PROTECT,
                                 related_name="exchange_events")
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.kind} {self.public_id}"


class Subscription(models.Model):
    """A system that receives events by signed webhook. `issuer` narrows it to decisions of
    that authority (empty: every issuer); `kinds` to some events (empty: all)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("receiving system"), max_length=200)
    url = models.URLField(_("endpoint URL"), max_length=500)
    kinds = models.JSONField(_("events"), default=list, blank=True)
    issuer = models.ForeignKey("organisations.Unit", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("only decisions of"))
    # The HMAC key, sealed (accounts.domain.sealing): it must be read back to sign.
    secret_sealed = models.TextField(editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook subscription")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One event to one subscriber: attempts, the next try (exponential back-off), the last
    answer. Claimed by a conditional update before sending, so two workers never send twice
    at once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(ExchangeEvent, on_delete=models.PROTECT, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT,
                                     related_name="deliveries")
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices,
                             default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["event", "subscription"],
                                               name="one_delivery_per_subscriber")]

    def __str__(self):
        return f"{self.event_id} → {self.subscription_id}: {self.state}"
