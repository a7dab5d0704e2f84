"""Who may grant what, dated: the table of granting authorities (Law 06/2022/QH15 Art. 77–80,
the 2003/2013 law before 2024, Decree 129/2025/NĐ-CP Art. 59 from 1/7/2025)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import AuthorityPower
from awards.models.catalogue import AwardType, SyncedValue
from organisations.enums import UnitKind, UnitLevel


class GrantingAuthority(SyncedValue):
    """A body of `unit_level` × `unit_kind` (the head of a department, the chairman of a
    commune's people's committee, …) grants `award_type`, or proposes it upward, from
    `valid_from` to `valid_to`. Rows are closed, never deleted (awards.domain.granting)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award_type = models.ForeignKey(AwardType, verbose_name=_("title / form"),
                                   on_delete=models.PROTECT, related_name="authorities")
    unit_level = models.CharField(_("level"), max_length=20, choices=UnitLevel.choices)
    unit_kind = models.CharField(_("kind of body"), max_length=30, choices=UnitKind.choices)
    power = models.CharField(_("power"), max_length=10, choices=AuthorityPower.choices,
                             default=AuthorityPower.GRANTS)
    office = models.CharField(_("office"), max_length=160,
                              help_text=_("Who signs, e.g. Chủ tịch UBND cấp xã."))

    class Meta(SyncedValue.Meta):
        verbose_name = _("granting authority")
        verbose_name_plural = _("granting authorities")
        ordering = ["award_type__sort_order", "unit_level", "unit_kind", "-valid_from"]
        indexes = [models.Index(fields=["unit_level", "unit_kind", "award_type", "valid_from"],
                                name="authority_lookup")]

    def __str__(self):
        return f"{self.award_type.code}: {self.office} ({self.valid_from})"
