"""A backlog claim (hồ sơ tồn đọng) and what hangs off it: evidence items, the family's recorded
martyrs and war invalids, the verification checks and the state history. Thin: fields,
constraints, `__str__`, search text. State changes live in claims/domain/states.py."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from claims.enums import (
    CheckResult,
    ClaimKind,
    ClaimState,
    EvidenceKind,
    FamilyRelation,
    MemberStatus,
    Period,
    Relation,
    ServiceRole,
)
from core.text import fold


class Claim(models.Model):
    """One claim. The claimant may be living or deceased; a relative applies for a deceased
    claimant (`applicant_*`). `person` links the ledger's person record once the officer has
    one (a nominee needs it)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("claim code"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("claim kind"), max_length=20, choices=ClaimKind.choices)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("commune"),
                             on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("stage"), max_length=20, choices=ClaimState.choices,
                             default=ClaimState.REGISTERED, editable=False)
    state_changed_at = models.DateTimeField(editable=False)
    registered_on = models.DateField(_("registered on"))
    claimant_name = models.CharField(_("claimant's full name"), max_length=150)
    claimant_birth_year = models.PositiveSmallIntegerField(_("claimant's birth year"))
    claimant_deceased = models.BooleanField(_("claimant is deceased"), default=False)
    claimant_address = models.CharField(_("home address"), max_length=255)
    applicant_name = models.CharField(_("applicant's full name"), max_length=150, blank=True)
    applicant_relation = models.CharField(_("applicant's relation to the claimant"),
                                          max_length=20, choices=Relation.choices,
                                          default=Relation.SELF)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=20, blank=True)
    period = models.CharField(pgettext_lazy("service", "period"), max_length=20,
                              choices=Period.choices, blank=True)
    service_role = models.CharField(_("role"), max_length=20, choices=ServiceRole.choices,
                                    blank=True)
    service_from = models.PositiveSmallIntegerField(_("service from (year)"), null=True,
                                                    blank=True)
    service_to = models.PositiveSmallIntegerField(_("service to (year)"), null=True, blank=True)
    service_unit = models.CharField(_("unit served in"), max_length=255, blank=True)
    children_count = models.PositiveSmallIntegerField(
        _("number of children the mother had"), null=True, blank=True)
    originals_kept_at = models.CharField(_("where the originals are kept"), max_length=255)
    person = models.ForeignKey("organisations.Person", verbose_name=_("person record"),
                               null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    nominee = models.ForeignKey("proposals.Nominee", null=True, blank=True, editable=False,
                                on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason of the last step"), blank=True, editable=False)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("backlog claim")
        verbose_name_plural = _("backlog claims")
        ordering = ["-registered_on", "-id"]
        indexes = [models.Index(fields=["unit", "state"], name="claims_unit_state_h8"),
                   models.Index(fields=["state", "state_changed_at"], name="claims_state_age_h8")]
        constraints = [models.CheckConstraint(
            condition=models.Q(service_to__isnull=True) | models.Q(service_from__isnull=True)
            | models.Q(service_to__gte=models.F("service_from")),
            name="claims_service_years_h8")]

    def __str__(self):
        return f"{self.code} — {self.claimant_name}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.claimant_name} {self.applicant_name}")[:400]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class ClaimEvidence(models.Model):
    """A typed, dated document or witness statement; the file (optional: a paper original may
    only be described) is stored privately through core.uploads."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("evidence kind"), max_length=30, choices=EvidenceKind.choices)
    title = models.CharField(pgettext_lazy("evidence", "title"), max_length=255)
    dated = models.DateField(_("document date"))
    issuer = models.CharField(_("issued / signed by"), max_length=255, blank=True)
    path = models.CharField(max_length=255, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    file_kind = models.CharField(max_length=10, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    # Nothing is deleted: a wrong item is withdrawn with a reason.
    withdrawn = models.BooleanField(default=False)
    withdrawn_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("claim evidence")
        verbose_name_plural = _("claim evidence")
        ordering = ["dated", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class FamilyMember(models.Model):
    """A martyr or war invalid of the claimant's family, as recorded from the certificates."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="family")
    full_name = models.CharField(_("full name"), max_length=150)
    relation = models.CharField(_("relation"), max_length=10, choices=FamilyRelation.choices)
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices)
    disability_percent = models.PositiveSmallIntegerField(
        _("loss of working capacity (%)"), null=True, blank=True)
    certificate = models.CharField(_("certificate number"), max_length=60, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        ordering = ["id"]

    def __str__(self):
        return f"{self.full_name} ({self.get_relation_display()}, {self.get_status_display()})"


class ClaimCheck(models.Model):
    """One verification check: which item of the kind's checklist, who, when, the source
    consulted and the result. A later check of the same item supersedes an earlier one (both
    kept)."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="checks")
    item = models.CharField(_("check"), max_length=30)
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices)
    source = models.CharField(_("source consulted"), max_length=255)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True)
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("verification check")
        verbose_name_plural = _("verification checks")
        ordering = ["checked_at", "id"]

    def __str__(self):
        return f"{self.item}: {self.result}"


class ClaimStep(models.Model):
    """The history of a claim's stage (one row per change, like healthchecks' Flip): the
    dashboard's monthly trend and ages are read from it."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="steps")
    old = models.CharField(max_length=20, choices=ClaimState.choices, blank=True)
    new = models.CharField(max_length=20, choices=ClaimState.choices)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", null=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["new", "at"], name="claims_step_new_at_h8")]

    def __str__(self):
        return f"{self.old} → {self.new}"
