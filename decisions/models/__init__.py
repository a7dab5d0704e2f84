"""Decisions (quyết định khen thưởng), their numbering, items (which write the ledger),
certificates, corrections and revocations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import fold_join
from decisions.enums import CertificateStatus, DecisionKind, DecisionState


def decision_search_text(number, symbol, summary, issuer_name, authority_title) -> str:
    """"05/QĐ-UBND" and "5/QĐ-UBND" both find decision number 5 (bulk loaders call this too)."""
    numbers = (f"{number:02d}/{symbol}", f"{number}/{symbol}") if number is not None else ()
    return fold_join(*numbers, summary, issuer_name, authority_title)[:1000]


def item_search_text(recipient_name, recipient_detail, unit_name, award_name) -> str:
    return fold_join(recipient_name, recipient_detail, unit_name, award_name)[:1000]


class NumberSeries(models.Model):
    """The last number used per issuer, symbol and calendar year (Decree 30/2020 Art. 15:
    numbered from 01 each year, unique). Taken under `select_for_update`."""

    issuer = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    symbol = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "symbol", "year"],
                                               name="one_series")]

    def __str__(self):
        return f"{self.symbol} {self.year}: {self.last_number}"


class Decision(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=DecisionKind.choices,
                            default=DecisionKind.AWARD)
    issuer = models.ForeignKey("organisations.Unit", verbose_name=_("issuing authority"),
                               on_delete=models.PROTECT, related_name="decisions")
    authority_title = models.CharField(
        _("authority"), max_length=255,
        help_text=_("e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG"))
    symbol = models.CharField(_("symbol"), max_length=40, default="QĐ-UBND")
    number = models.PositiveIntegerField(_("number"), null=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False, null=True)
    date = models.DateField(_("decision date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120)
    summary = models.CharField(_("summary (trích yếu)"), max_length=300)
    award_type = models.ForeignKey("awards.AwardType", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="decisions")
    legal_bases = models.TextField(_("legal bases"), help_text=_("One basis per line."))
    proposal_line = models.TextField(_("on the proposal of"), blank=True)
    achievement = models.CharField(_("achievement text"), max_length=500, blank=True)
    money_source = models.CharField(_("source of reward money"), max_length=255, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    signer_prefix = models.CharField(_("signing prefix"), max_length=120, blank=True,
                                     help_text=_("e.g. KT. CHỦ TỊCH"))
    signer_title = models.CharField(_("signer title"), max_length=120)
    signer_name = models.CharField(_("signer"), max_length=120)
    proposals = models.ManyToManyField("proposals.Proposal", blank=True,
                                       related_name="decisions")
    amends = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="amendments", verbose_name=_("amends decision"))
    reason = models.TextField(_("reason"), blank=True)
    # Folded number, summary and issuer for the public portal's search (core.text.fold).
    search_text = models.CharField(max_length=1000, editable=False, default="")
    state = models.CharField(_("state"), max_length=10, choices=DecisionState.choices,
                             default=DecisionState.DRAFT, editable=False)
    issued_at = models.DateTimeField(null=True, editable=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                  related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "-number"]
        constraints = [models.UniqueConstraint(fields=["issuer", "symbol", "year", "number"],
                                               condition=Q(number__isnull=False),
                                               name="decision_number_unique")]

    def __str__(self):
        return f"{self.number_label} — {self.summary}"

    def save(self, *args, **kwargs):
        # The number is given at issue (save with update_fields): the folded copy follows it.
        self.search_text = decision_search_text(self.number, self.symbol, self.summary,
                                                self.issuer.name, self.authority_title)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def number_label(self) -> str:
        """`05/QĐ-UBND`: numbers under 10 take a leading zero (Decree 30/2020 Appx I)."""
        if self.number is None:
            return f"…/{self.symbol}"
        return f"{self.number:02d}/{self.symbol}"


class DecisionItem(models.Model):
    """One awardee of a decision. Issuing writes `award_record` into the ledger."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="items")
    nominee = models.ForeignKey("proposals.Nominee", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="decision_items")
    award_type = models.ForeignKey("awards.AwardType", on_delete=models.PROTECT,
                                   related_name="+")
    person = models.ForeignKey("organisations.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    collective = models.ForeignKey("organisations.Collective", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("organisations.Household", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    kind = models.CharField(_("award kind"), max_length=20)
    # Snapshots printed in the annex and on the certificate (names may change later).
    recipient_name = models.CharField(_("name"), max_length=255)
    recipient_detail = models.CharField(_("position and unit"), max_length=400, blank=True)
    ordinal = models.PositiveIntegerField(_("no."))  # STT; the certificate's "số sổ vàng"
    # Snapshot of the person's death at drafting: the annex and the certificate say "truy tặng"
    # and the certificate names the next of kin who receives it.
    posthumous = models.BooleanField(_("posthumous"), default=False, db_default=False)
    received_by = models.CharField(_("received by (next of kin)"), max_length=255, blank=True,
                                   db_default="")
    coefficient = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(null=True, blank=True)
    # Signed: a correcting item holds the difference it makes (new − old amount).
    money = models.IntegerField(_("reward (VND)"), default=0)
    money_citation = models.CharField(max_length=255, blank=True)
    award_record = models.OneToOneField("awards.AwardRecord", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="decision_item")
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="corrections")
    # Folded name, position/unit and award for the public portal's search. Never the person's
    # own search_text: that one holds the CCCD, and a public search must not match a CCCD.
    search_text = models.CharField(max_length=1000, editable=False, default="")

    class Meta:
        ordering = ["decision", "ordinal"]
        constraints = [models.UniqueConstraint(fields=["decision", "ordinal"],
                                               name="item_ordinal_once")]

    def __str__(self):
        return f"{self.ordinal}. {self.recipient_name}"

    def save(self, *args, **kwargs):
        self.search_text = item_search_text(self.recipient_name, self.recipient_detail,
                                            self.unit.name, self.award_type.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def subject_kind(self) -> str:
        return "individual" if self.person_id else (
            "collective" if self.collective_id else "household")


class Certificate(models.Model):
    """The certificate of one decision item: a unique code, a QR to the public verification
    page, and a status that follows corrections and revocations."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("certificate code"), max_length=20, unique=True)
    item = models.ForeignKey(DecisionItem, on_delete=models.PROTECT,
                             related_name="certificates")
    status = models.CharField(_("status"), max_length=10, choices=CertificateStatus.choices,
                              default=CertificateStatus.VALID)
    status_reason = models.TextField(blank=True)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code


from decisions.models.credentials import Credential, IssuerKey, StatusList  # noqa: E402
from decisions.models.exchange import (  # noqa: E402
    Delivery,
    ExchangeEvent,
    Subscription,
)

__all__ = ["Certificate", "Credential", "Decision", "DecisionItem", "Delivery", "ExchangeEvent",
           "IssuerKey", "NumberSeries", "StatusList", "Subscription"]
