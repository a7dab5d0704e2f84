"""Initiatives (sáng kiến) and research topics (đề tài), their authors, and the one-use ledger.

An initiative backs at most one award claim (CV 5007/BNV-TĐKT, 05/9/2023; legal-reference §6):
`InitiativeUse` rows record every claim and its fate;
`emulation.initiatives.domain.initiative_uses` is the
only writer.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import Category
from core.text import fold_join
from emulation.initiatives.enums import (
    ACTIVE_USE_STATES,
    InitiativeKind,
    InitiativeScope,
    InitiativeState,
    InitiativeUseState,
)


class Initiative(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=InitiativeKind.choices,
                            default=InitiativeKind.INITIATIVE)
    title = models.CharField(_("initiative title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="initiatives")
    field = models.CharField(_("field / sector"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    applied_from = models.DateField(_("applied from"), null=True, blank=True)
    scope = models.CharField(_("scope of effect"), max_length=10,
                             choices=InitiativeScope.choices, blank=True)
    recognition_decision_number = models.CharField(_("recognition decision number"),
                                                   max_length=60, blank=True)
    recognition_date = models.DateField(_("recognition date"), null=True, blank=True)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    council = models.CharField(_("council"), max_length=255, blank=True,
                               help_text=_("The initiative or science council that assessed it."))
    state = models.CharField(_("state"), max_length=12, choices=InitiativeState.choices,
                             default=InitiativeState.DRAFT, editable=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True, editable=False)
    search_text = models.CharField(max_length=700, editable=False, db_index=True, default="")
    # Folded content words of title and summary for near-duplicate scoring
    # (emulation.initiatives.domain.similarity); candidates are picked through InitiativeToken.
    signature = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "-code"]
        indexes = [models.Index(fields=["-year", "-code"], name="initiative_list_order"),
                   models.Index(fields=["unit", "-year", "-code"], name="initiative_unit_order")]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.code, self.title, self.field)[:700]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class InitiativeAuthor(models.Model):
    """An author or co-author and their share of the contribution (percent; total 100)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("organisations.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="initiative_authorships")
    share = models.DecimalField(_("contribution share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("initiative author")
        verbose_name_plural = _("initiative authors")
        ordering = ["-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_once"),
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lte=100),
                                   name="initiative_author_share_range"),
        ]

    def __str__(self):
        return f"{self.person} ({self.share}%)"


class InitiativeToken(models.Model):
    """Derived index for near-duplicate search: one row per distinct title token. Rebuilt with
    the initiative's title; not a record of anything, so it is replaced rather than versioned."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["token", "initiative"], name="initiative_token_lookup")]

    def __str__(self):
        return self.token


class InitiativeUse(models.Model):
    """One award claim relying on an initiative: reserved when a nominee is proposed, confirmed
    when the decision is issued, released when the nominee is dropped or the award revoked."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="uses")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"),
                                   on_delete=models.PROTECT, related_name="initiative_uses")
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    claim_ref = models.CharField(_("claim reference"), max_length=100, db_index=True)
    claim_label = models.CharField(_("claim"), max_length=255)
    state = models.CharField(_("state"), max_length=10, choices=InitiativeUseState.choices,
                             default=InitiativeUseState.RESERVED, editable=False)
    override_note = models.TextField(_("council note allowing reuse"), blank=True)
    reason = models.TextField(_("reason for release"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("initiative use")
        verbose_name_plural = _("initiative uses")
        ordering = ["created_at", "id"]
        constraints = [
            # The one-use rule's last line of defence (the domain function locks the initiative
            # first): at most one active use that is not a council-approved reuse...
            models.UniqueConstraint(
                fields=["initiative"], name="initiative_one_active_use",
                condition=Q(state__in=ACTIVE_USE_STATES) & Q(override_note="")),
            # ...and one claim never holds the same initiative twice.
            models.UniqueConstraint(
                fields=["initiative", "claim_ref"], name="initiative_use_claim_once",
                condition=Q(state__in=ACTIVE_USE_STATES)),
        ]

    def __str__(self):
        return f"{self.initiative.code} → {self.claim_label}"
