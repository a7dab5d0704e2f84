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


class AwardParameter(DatedValue):
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="parameters")
    key = models.CharField(_("parameter"), max_length=30, choices=ParameterKey.choices)
    value = models.JSONField(_("value"))

    class Meta(DatedValue.Meta):
        verbose_name = _("award parameter")
        verbose_name_plural = _("award parameters")
        indexes = [models.Index(fields=["award_type", "key", "valid_from"])]

    def __str__(self):
        return f"{self.award_type.code}.{self.key} = {self.value} ({self.valid_from})"


class BaseSalary(DatedValue):
    """Mức lương cơ sở (VND per month)."""

    amount = models.PositiveIntegerField(_("amount (VND)"))

    class Meta(DatedValue.Meta):
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self):
        return f"{self.amount:,} ({self.valid_from})"


class RoundingRule(DatedValue):
    """How reward money is rounded (Decree 152/2025 Art. 49: up to the nearest 10,000 VND)."""

    step = models.PositiveIntegerField(_("step (VND)"))
    mode = models.CharField(pgettext_lazy("rounding", "mode"), max_length=10,
                            choices=[("ceil", _("Round up")), ("nearest", _("Round to nearest"))])

    class Meta(DatedValue.Meta):
        verbose_name = _("rounding rule")
        verbose_name_plural = _("rounding rules")

    def __str__(self):
        return f"{self.step} {self.mode} ({self.valid_from})"


class LegalCriterion(models.Model):
    """A number inside a rule (a share, a count of years), per law version, editable by the
    province where the legal reference leaves it unverified."""

    law = models.CharField(_("law version"), max_length=10,
                           choices=[("2013", _("Law 2003 (amended 2013)")),
                                    ("2022", _("Law 06/2022/QH15"))])
    key = models.CharField(_("criterion"), max_length=80)
    value = models.JSONField(_("value"))
    citation = models.CharField(_("legal basis"), max_length=255)
    verified = models.BooleanField(_("verified"), default=True)

    class Meta:
        verbose_name = _("legal criterion")
        verbose_name_plural = _("legal criteria")
        ordering = ["law", "key"]
        constraints = [models.UniqueConstraint(fields=["law", "key"], name="criterion_once")]

    def __str__(self):
        return f"{self.law}:{self.key} = {self.value}"
