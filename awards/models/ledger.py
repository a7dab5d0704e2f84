"""The award ledger (who holds what) and annual task ratings."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardKind, Rating, RecordSource

ONE_SUBJECT = (Q(person__isnull=False, collective__isnull=True, household__isnull=True)
               | Q(person__isnull=True, collective__isnull=False, household__isnull=True)
               | Q(person__isnull=True, collective__isnull=True, household__isnull=False))


class AwardRecord(models.Model):
    """One award a subject holds. `unit` is the subject's unit when awarded: it keeps the record
    in the right scope after reorganisations (the closure table covers predecessors). Records are
    never deleted; revocation is a flag with a reason, and revoked records never count."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("title / form"),
                                   on_delete=models.PROTECT, related_name="records")
    person = models.ForeignKey("organisations.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="award_records")
    collective = models.ForeignKey("organisations.Collective", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="award_records")
    household = models.ForeignKey("organisations.Household", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="award_records")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="award_records")
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    kind = models.CharField(_("award kind"), max_length=20, choices=AwardKind.choices,
                            default=AwardKind.MERIT)
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=255)
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices,
                              default=RecordSource.MANUAL)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        # One direction throughout, so the ledger pages by seek key: `(year, decision_date, id)
        # < (…)` starts reading the index below at the last row shown (core/interfaces/paging.py).
        ordering = ["-year", "-decision_date", "-id"]
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="award_one_subject")]
        # The ledger lists a million records newest first: without an index in that order the
        # database sorts them all for every page (3 s on PostgreSQL); with it, it reads 51.
        indexes = [models.Index(fields=["person", "year"]), models.Index(fields=["unit", "year"]),
                   models.Index(fields=["award_type", "year"]),
                   models.Index(fields=["collective", "year"]),
                   models.Index(fields=["year", "decision_date", "id"], name="award_ledger_order"),
                   models.Index(fields=["award_type", "year", "decision_date", "id"],
                                name="award_type_ledger_order")]

    def __str__(self):
        return f"{self.award_type} {self.year} — {self.subject}"

    @property
    def subject(self):
        return self.person or self.collective or self.household


class TaskRating(models.Model):
    """Annual task rating (đánh giá, xếp loại chất lượng) of a person or a collective."""

    person = models.ForeignKey("organisations.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="task_ratings")
    collective = models.ForeignKey("organisations.Collective", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="task_ratings")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices,
                              default=RecordSource.MANUAL)

    class Meta:
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, collective__isnull=True)
                                   | Q(person__isnull=True, collective__isnull=False),
                                   name="rating_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False),
                                    name="rating_person_year"),
            models.UniqueConstraint(fields=["collective", "year"],
                                    condition=Q(collective__isnull=False),
                                    name="rating_collective_year"),
        ]

    def __str__(self):
        return f"{self.person or self.collective} {self.year}: {self.get_rating_display()}"
