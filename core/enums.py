"""Choice sets of the core app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import calendar


class DayKind(models.TextChoices):
    """What a row of the holiday calendar does to a date (Labour Code 2019 Art. 111–112)."""

    HOLIDAY = calendar.HOLIDAY, _("Public holiday")
    COMPENSATORY = calendar.COMPENSATORY, _("Compensatory day off")
    WORKING_SATURDAY = calendar.WORKING_SATURDAY, _("Make-up working day")
    DAY_OFF = calendar.DAY_OFF, _("Other day off")


# Kinds that take a day out of the working calendar.
DAY_OFF_KINDS = (DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.DAY_OFF)
