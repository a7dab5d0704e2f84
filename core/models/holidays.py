from django.db import models
from django.utils.translation import gettext_lazy as _

from core.enums import DayKind


class PublicHoliday(models.Model):
    """One date of the working calendar that differs from Monday–Friday: a day off, or a
    weekend day made a working day. Rows are never deleted: a day announced wrongly is
    deactivated with a reason (`note`). Changed only through `core.domain.calendar`."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices,
                            default=DayKind.HOLIDAY)
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"
