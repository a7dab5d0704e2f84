import json

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.enums import AuthorityPower, AwardKind, ParameterKey
from awards.models import AwardType
from awards.models.facts import DisciplineLevel, PendingKind
from core.interfaces.forms import date_widget
from organisations.enums import UnitKind, UnitLevel
from organisations.interfaces.forms import UnitChoiceField
from organisations.models import Unit


class ParameterForm(forms.Form):
    key = forms.ChoiceField(label=_("Parameter"), choices=ParameterKey.choices)
    value = forms.CharField(label=_("Value"),
                            help_text=_("A number, true/false, text, or a JSON list."))
    valid_from = forms.DateField(label=pgettext_lazy("in force", "Valid from"),
                                 widget=date_widget())
    citation = forms.CharField(label=_("Legal basis"), max_length=255)
    verified = forms.BooleanField(label=_("Verified"), required=False)

    def clean_value(self):
        raw = self.cleaned_data["value"].strip()
        try:
            return json.loads(raw)
        except ValueError:
            return raw


class LegalValueForm(forms.Form):
    """A new dated value of the law (awards.domain.law.set_legal_value)."""

    value = forms.CharField(label=_("Value"),
                            help_text=_("A number, true/false, text, or a JSON list."))
    valid_from = forms.DateField(label=pgettext_lazy("in force", "Valid from"),
                                 widget=date_widget())
    citation = forms.CharField(label=_("Legal basis"), max_length=255)
    verified = forms.BooleanField(label=_("Verified"), required=False)

    clean_value = ParameterForm.clean_value


class LegalCorrectionForm(forms.Form):
    """A correction of one dated value in place (awards.domain.law.correct_legal_value)."""

    value = forms.CharField(label=_("Value"),
                            help_text=_("A number, true/false, text, or a JSON list."))
    citation = forms.CharField(label=_("Legal basis"), max_length=255)
    verified = forms.BooleanField(label=_("Verified"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    clean_value = ParameterForm.clean_value


class RecordForm(forms.Form):
    award_type = forms.ModelChoiceField(label=_("Title / form"), queryset=AwardType.objects.all())
    year = forms.IntegerField(label=_("Year of achievement"), min_value=1945, max_value=2100)
    kind = forms.ChoiceField(label=_("Award kind"), choices=AwardKind.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100)
    decision_date = forms.DateField(label=_("Decision date"), widget=date_widget())
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    issuer_unit = UnitChoiceField(
        label=_("Granting authority"), queryset=Unit.objects.order_by("path"),
        help_text=_("The unit whose head signed the decision: its staff alone may later "
                    "revoke or correct this record."))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class RevokeForm(forms.Form):
    """Revocation needs the revoking decision (Law 06/2022/QH15 Art. 93)."""

    warning = _("This cannot be undone: the award is marked revoked in the ledger, its "
                "certificate stops verifying, and only a new decision can award it again.")

    decision_number = forms.CharField(label=_("Revoking decision number"), max_length=100)
    decision_date = forms.DateField(label=_("Revoking decision date"), widget=date_widget())
    decision_issuer = forms.CharField(label=_("Revoking decision issued by"), max_length=255)
    reason = forms.CharField(label=_("Reason (Law 06/2022/QH15 Art. 93)"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class CorrectRecordForm(forms.Form):
    """A record entered by hand or imported, corrected by the correcting decision."""

    warning = _("This cannot be undone: the corrected values replace the record's at once "
                "(the old ones stay in its history); a later mistake needs another correcting "
                "decision.")

    award_type = forms.ModelChoiceField(label=_("Title / form"), queryset=AwardType.objects.all())
    year = forms.IntegerField(label=_("Year of achievement"), min_value=1945, max_value=2100)
    kind = forms.ChoiceField(label=_("Award kind"), choices=AwardKind.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100)
    decision_date = forms.DateField(label=_("Decision date"), widget=date_widget())
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    issuer_unit = UnitChoiceField(label=_("Granting authority"),
                                  queryset=Unit.objects.order_by("path"), required=False)
    correcting_number = forms.CharField(label=_("Correcting decision number"), max_length=100)
    correcting_date = forms.DateField(label=_("Correcting decision date"), widget=date_widget())
    correcting_issuer = forms.CharField(label=_("Correcting decision issued by"),
                                        max_length=255)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DisciplineForm(forms.Form):
    level = forms.ChoiceField(label=pgettext_lazy("discipline", "Level"),
                              choices=DisciplineLevel.choices)
    start = forms.DateField(label=_("From"), widget=date_widget())
    end = forms.DateField(label=_("To"), required=False, widget=date_widget())
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)


class PendingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PendingKind.choices)
    opened_on = forms.DateField(label=_("Opened on"), widget=date_widget())
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class AuthorityForm(forms.Form):
    """A body's power over a title or form from a date (awards.domain.granting.set_authority);
    the legal basis is required."""

    award_type = forms.ModelChoiceField(label=_("Title / form"),
                                        queryset=AwardType.objects.order_by("category",
                                                                            "sort_order"))
    unit_level = forms.ChoiceField(label=_("Level"), choices=UnitLevel.choices)
    unit_kind = forms.ChoiceField(label=_("Kind of body"), choices=UnitKind.choices)
    power = forms.ChoiceField(label=_("Power"), choices=AuthorityPower.choices)
    office = forms.CharField(label=_("Office"), max_length=160,
                             help_text=_("Who signs, e.g. Chủ tịch UBND cấp xã."))
    valid_from = forms.DateField(label=pgettext_lazy("in force", "Valid from"),
                                 widget=date_widget())
    citation = forms.CharField(label=_("Legal basis"), max_length=255)
    verified = forms.BooleanField(label=_("Verified"), required=False)


class AuthorityEndForm(forms.Form):
    valid_to = forms.DateField(label=_("Last day in force"), widget=date_widget())
    citation = forms.CharField(label=_("Legal basis"), max_length=255,
                               help_text=_("The text that ends this power."))
