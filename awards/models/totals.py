"""The ledger's live awards counted per unit, award type and year, kept by the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardTotal(models.Model):
    """How many live (unrevoked) award records of `award_type` for `year` the ledger holds for
    subjects of `unit` (`AwardRecord.unit`). Written only by the database's triggers on the
    ledger (awards.models.award_totals), on every insert, update and delete whatever the path,
    so the dashboard reads a few hundred of these instead of grouping a million records: a unit's
    scope and a subtree are sets of units, and these are keyed by unit. A row whose count fell to
    zero stays (a later award of the same key finds it); readers skip it."""

    # No foreign-key constraints: units and award types are never deleted, and a check per
    # upserted row would tax every import's statement. No index of their own: the key's
    # unique index leads with the unit, and nothing looks totals up by award type alone.
    unit = models.ForeignKey("organisations.Unit", on_delete=models.DO_NOTHING,
                             db_constraint=False, db_index=False, related_name="award_totals")
    award_type = models.ForeignKey("awards.AwardType", on_delete=models.DO_NOTHING,
                                   db_constraint=False, db_index=False, related_name="+")
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    live = models.IntegerField(_("live awards"), default=0)
    # `unit`'s province, set by the database (organisations.models.province_key, which keys
    # every table with a `unit` and a `province`): a board's scope of whole provinces then
    # reads its own provinces' totals by index, however many provinces share the table.
    province = models.ForeignKey("organisations.Unit", null=True, editable=False,
                                 on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
                                 related_name="+")

    class Meta:
        verbose_name = _("award total")
        verbose_name_plural = _("award totals")
        constraints = [models.UniqueConstraint(fields=["unit", "award_type", "year"],
                                               name="award_total_key")]
        indexes = [models.Index(fields=["province", "year"], name="award_total_province")]

    def __str__(self):
        return f"{self.unit_id} {self.award_type_id} {self.year}: {self.live}"
