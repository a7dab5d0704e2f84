"""Forms of movement results and of the award proposal drafted from a review. They collect
input; emulation.movements.domain.results decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.interfaces.forms import UnitChoiceField
from organisations.models import Unit, UnitClosure


class ResultForm(forms.Form):
    targets = forms.CharField(label=_("Targets and criteria"),
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("The targets and criteria the movement set."))
    figures = forms.CharField(label=_("Figures achieved"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    achieved = forms.BooleanField(label=_("The unit achieved the targets"), required=False)

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        for entry in self.entries:
            self.fields[f"entry_{entry.pk}"] = forms.BooleanField(
                label=_("Achieved: %(subject)s — %(award)s") % {
                    "subject": entry.subject, "award": entry.award_type.name},
                required=False)

    def clean(self):
        data = super().clean()
        data["titles"] = {e.pk: data.pop(f"entry_{e.pk}", False) for e in self.entries}
        return data


class ProposeForm(forms.Form):
    recipient_unit = UnitChoiceField(label=_("Addressed to"), queryset=Unit.objects.none(),
                                     help_text=_("The organiser or a unit above it, whose "
                                                 "head grants the titles achieved."))
    title = forms.CharField(label=_("Summary (trích yếu)"), max_length=300, required=False)

    def __init__(self, *args, organiser, **kwargs):
        super().__init__(*args, **kwargs)
        above = UnitClosure.objects.filter(descendant=organiser).values("ancestor_id")
        self.fields["recipient_unit"].queryset = Unit.objects.filter(
            pk__in=above, valid_to__isnull=True).order_by("path")
        self.fields["recipient_unit"].initial = organiser.pk
