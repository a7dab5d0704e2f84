"""The award ledger (who holds what) and annual task ratings."""

import uuid

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Lower, Replace
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardKind, Rating, RecordSource

ONE_SUBJECT = (Q(person__isnull=False, collective__isnull=True, household__isnull=True)
               | Q(person__isnull=True, collective__isnull=False, household__isnull=True)
               | Q(person__isnull=True, collective__isnull=True, household__isnull=False))


# One live (non-revoked) award per subject, award type and year of achievement: a subject
# is never awarded the same title or form twice for the same year (awards.domain.ledger
# checks it and names the existing decision; these indexes hold it under concurrency).
LIVE_AWARD_CONSTRAINTS = [
    models.UniqueConstraint(fields=[subject, "award_type", "year"],
                            condition=Q(**{f"{subject}__isnull": False}, revoked=False),
                            name=f"award_one_live_{subject}")
    for subject in ("person", "collective", "household")]


class AwardRecord(models.Model):
    """One award a subject holds. `unit` is the subject's unit when awarded: it keeps the record
    in the right scope after reorganisations (the closure table covers predecessors). Records are
    never deleted; revocation is a flag with the revoking decision and a reason, and revoked
    records never count. `issuer_unit` is the granting authority: only its staff (or its
    successor's, after a reorganisation) may revoke or correct the record (Law 06/2022/QH15
    Art. 93: the authority that awarded cancels)."""

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
    # The number as the ledger search compares it (core.text.fold folds the typed words: "7/QĐ",
    # "7/qd" → "7/qd"). Computed by the database, so the bulk inserts of the imports, the
    # issuing and the seeds keep it right without calling save(). Symbols of Decree
    # 30/2020/NĐ-CP (Appendix I: QĐ, NQ, HĐND, QyĐ…) carry no diacritic but Đ, hence only Đ/đ
    # are replaced; lower() of the rest is ASCII on SQLite, as the symbols are.
    decision_number_folded = models.GeneratedField(
        expression=Lower(Replace(Replace(F("decision_number"), Value("Đ"), Value("d")),
                                 Value("đ"), Value("d"))),
        output_field=models.CharField(max_length=100), db_persist=True)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=255)
    issuer_unit = models.ForeignKey("organisations.Unit", verbose_name=_("granting authority"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="granted_award_records")
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoking_decision_number = models.CharField(_("revoking decision number"), max_length=100,
                                                blank=True)
    revoking_decision_date = models.DateField(_("revoking decision date"), null=True,
                                              blank=True)
    revoking_issuer = models.CharField(_("revoking decision issued by"), max_length=255,
                                       blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices,
                              default=RecordSource.MANUAL)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # `unit`'s province, set by the database on every write (see `Unit.province`).
    province = models.ForeignKey("organisations.Unit", null=True, editable=False,
                                 on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
                                 related_name="+")

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        # One direction throughout, so the ledger pages by seek key: `(year, decision_date, id)
        # < (…)` starts reading the index below at the last row shown (core/interfaces/paging.py).
        ordering = ["-year", "-decision_date", "-id"]
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="award_one_subject"),
                       *LIVE_AWARD_CONSTRAINTS]
        # The ledger lists a million records newest first: without an index in that order the
        # database sorts them all for every page (3 s on PostgreSQL); with it, it reads 51.
        indexes = [models.Index(fields=["person", "year"]),
                   # The ledger's order within each unit, the revoked flag and the person
                   # carried: an officer's page reads each unit of the scope's first records from
                   # it alone and merges them (awards.domain.queries.first_in_units), a search
                   # of many people probing their ids on its entries (session 16 hC); by
                   # (unit, year) as before.
                   models.Index(fields=["unit", "year", "decision_date", "id"],
                                include=["revoked", "person"], name="award_unit_ledger_order"),
                   models.Index(fields=["award_type", "year"]),
                   models.Index(fields=["collective", "year"]),
                   # The unit and the person carried: the board's page past the first walks it
                   # to its ids by the index alone (the scope's `unit_id IS NOT NULL` read from
                   # the table for each entry passed: 2,551 for page 50), and a search of many
                   # people probes their ids on its entries (session 16 hC).
                   models.Index(fields=["year", "decision_date", "id"],
                                include=["unit", "person"], name="award_ledger_order"),
                   # The same order within one province (a board when provinces share a database).
                   models.Index(fields=["province", "year", "decision_date", "id"],
                                name="award_province_ledger_order"),
                   models.Index(fields=["award_type", "year", "decision_date", "id"],
                                name="award_type_ledger_order"),
                   # Every column the eligibility screening reads of a person's records
                   # (awards.domain.queries.cases._histories), so a batch of people is read from
                   # the index alone, not row by row from the table (a third of the screening).
                   models.Index(fields=["person", "award_type", "year", "kind", "revoked"],
                                name="award_person_history")]

    def __str__(self):
        return f"{self.award_type} {self.year} — {self.subject}"

    @property
    def subject(self):
        return self.person or self.collective or self.household

    @property
    def revoking_decision(self) -> str:
        """"12/QĐ-UBND ngày 05/03/2026 của Chủ tịch UBND tỉnh" — empty for a live record or one
        revoked before revocations named their decision (imported history)."""
        if not self.revoking_decision_number:
            return ""
        return _("%(number)s dated %(date)s by %(issuer)s") % {
            "number": self.revoking_decision_number,
            "date": self.revoking_decision_date.strftime("%d/%m/%Y"),
            "issuer": self.revoking_issuer}


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
    # `unit`'s province, set by the database on every write (see `Unit.province`).
    province = models.ForeignKey("organisations.Unit", null=True, editable=False,
                                 on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
                                 related_name="+")

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
        # As `award_person_history`: the screening's reads of ratings come from the index alone.
        # Partial like `rating_person_year`, or SQLite's planner prefers that one (no covering).
        indexes = [models.Index(fields=["person", "year", "rating"],
                                condition=Q(person__isnull=False),
                                name="rating_person_history"),
                   models.Index(fields=["province", "year", "id"], name="rating_province_order"),
                   # "Who qualifies" for CSTĐ cơ sở: the year's excellent ratings of a window
                   # of ids read as one range, not one probe per person (qualify.candidates).
                   models.Index(fields=["year", "rating", "person"],
                                condition=Q(person__isnull=False), name="rating_year_level")]

    def __str__(self):
        return f"{self.person or self.collective} {self.year}: {self.get_rating_display()}"
