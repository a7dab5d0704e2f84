"""The award catalogue: titles and forms, and their dated legal parameters."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.enums import Category, ParameterKey


class AwardType(models.Model):
    """A title or form of the glossary. Its numbers live in dated `AwardParameter` rows."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    subject_kinds = models.JSONField(_("subject kinds"), default=list)
    award_kinds = models.JSONField(_("award kinds allowed"), default=list)
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["category", "sort_order", "code"]

    def __str__(self):
        return self.name


class DatedValue(models.Model):
    """A value valid from a date (until `valid_to`, or open), with the text that sets it."""

    valid_from = models.DateField(pgettext_lazy("in force", "valid from"))
    valid_to = models.DateField(pgettext_lazy("in force", "valid to"), null=True, blank=True)
    citation = models.CharField(_("legal basis"), max_length=255)
    verified = models.BooleanField(
        _("verified"), default=True,
        help_text=_("Unticked: the legal reference marks it unverified; needs sign-off."))

    class Meta:
        abstract = True
        ordering = ["-valid_from"]


class SyncedValue(DatedValue):
    """A dated value the data files load (awards/data/sync.py)."""

    # What the data files said at the last sync (value, valid_to, citation, verified), None for
    # a row an administrator added: the sync's three-way merge keeps an administrator's edit
    # (current ≠ seeded) instead of overwriting it, and reports a conflict when the file
    # changed too.
    seeded = models.JSONField(null=True, blank=True, editable=False)

    class Meta(DatedValue.Meta):
        abstract = True


class AwardParameter(SyncedValue):
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="parameters")
    key = models.CharField(_("parameter"), max_length=30, choices=ParameterKey.choices)
    value = models.JSONField(_("value"))

    class Meta(SyncedValue.Meta):
        verbose_name = _("award parameter")
        verbose_name_plural = _("award parameters")
        indexes = [models.Index(fields=["award_type", "key", "valid_from"])]

    def __str__(self):
        return f"{self.award_type.code}.{self.key} = {self.value} ({self.valid_from})"


class LegalValue(SyncedValue):
    """A number, list or switch of the law not tied to one award — the base salary, money
    rounding, the household factor, criteria numbers, the titles that need a registration, the
    months of an early salary raise — dated, with its citation. Loaded from the data files by
    `awards.data.sync.sync_law` (migrations); corrected on the law screen."""

    key = models.CharField(_("key"), max_length=80)
    value = models.JSONField(_("value"))

    class Meta(SyncedValue.Meta):
        verbose_name = _("legal value")
        verbose_name_plural = _("legal values")
        ordering = ["key", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"],
                                               name="legal_value_once")]

    def __str__(self):
        return f"{self.key} = {self.value} ({self.valid_from})"
