"""Emulation staff of each unit (cán bộ làm công tác TĐKT) and their training
(seed 000 §2, seed 001 §7)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.enums import StaffMode


class EmulationStaff(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("organisations.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="emulation_roles")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="emulation_staff")
    mode = models.CharField(_("mode"), max_length=10, choices=StaffMode.choices)
    duty = models.CharField(_("duty"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("emulation staff member")
        verbose_name_plural = _("emulation staff")
        ordering = ["unit__path", "person__search_text"]

    def __str__(self):
        return f"{self.person} – {self.unit}"


class TrainingSession(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    organiser = models.ForeignKey("organisations.Unit", verbose_name=_("organiser"),
                                  on_delete=models.PROTECT, related_name="training_sessions")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    location = models.CharField(_("location"), max_length=255, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    content = models.TextField(_("content"), blank=True)
    attendees = models.ManyToManyField(EmulationStaff, verbose_name=_("attendees"), blank=True,
                                       related_name="trainings")

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-start_date"]

    def __str__(self):
        return self.title
