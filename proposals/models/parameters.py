"""Procedure parameters as data: step deadlines in working days, fairness thresholds, quotas.
Provinces set most of them in their own regulations (legal-reference §5.2), so each value
carries its citation and whether it is verified."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcedureParameter(models.Model):
    key = models.CharField(_("parameter"), max_length=60, unique=True)
    value = models.JSONField(_("value"))
    citation = models.CharField(_("legal basis"), max_length=255)
    verified = models.BooleanField(_("verified"), default=False)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("procedure parameter")
        verbose_name_plural = _("procedure parameters")
        ordering = ["key"]

    def __str__(self):
        return f"{self.key} = {self.value}"
