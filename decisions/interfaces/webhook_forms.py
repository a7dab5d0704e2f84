"""The system administrator's form for a webhook subscription (issue 17 §4)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models.exchange import EventKind
from organisations.interfaces.forms import UnitChoiceField
from organisations.models import Unit


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Receiving system"), max_length=200)
    url = forms.URLField(label=_("Endpoint URL"), max_length=500, assume_scheme="https",
                         help_text=_("The address that receives the events by HTTP POST."))
    kinds = forms.MultipleChoiceField(
        label=_("Events"), choices=EventKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every event."))
    issuer = UnitChoiceField(label=_("Only decisions of"), required=False,
                             queryset=Unit.objects.filter(valid_to__isnull=True).order_by("path"),
                             help_text=_("Empty: decisions of every issuing authority."))
