"""Facts that suspend or limit awards: discipline and pending matters (Decree 152/2025 Art. 4.4:
no award while discipline, investigation, inspection or a complaint is pending; achievements
count from the day a penalty ends)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "khien_trach", _("Reprimand")
    WARNING = "canh_cao", _("Warning")
    SALARY_DOWNGRADE = "ha_bac_luong", _("Salary downgrade")
    DEMOTION = "giang_chuc", _("Demotion")
    DISMISSAL_FROM_POST = "cach_chuc", _("Dismissal from post")
    DISMISSAL = "buoc_thoi_viec", _("Dismissal")


class PendingKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Disciplinary review")
    INVESTIGATION = "investigation", _("Investigation")
    INSPECTION = "inspection", _("Inspection or audit")
    COMPLAINT = "complaint", _("Complaint or denunciation")


class DisciplineRecord(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("organisations.Person", on_delete=models.PROTECT,
                               related_name="discipline_records")
    level = models.CharField(pgettext_lazy("discipline", "level"), max_length=20,
                             choices=DisciplineLevel.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("discipline")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.get_level_display()} {self.start}–{self.end or ''}"


class PendingMatter(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("organisations.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="pending_matters")
    collective = models.ForeignKey("organisations.Collective", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="pending_matters")
    kind = models.CharField(_("kind"), max_length=20, choices=PendingKind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("pending matter")
        verbose_name_plural = _("pending matters")
        ordering = ["-opened_on"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.opened_on})"
