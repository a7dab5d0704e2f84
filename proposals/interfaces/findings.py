"""The form of an appraisal finding (proposals.domain.findings)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.interfaces.forms import date_widget


class FindingForm(forms.Form):
    """One track found met, with the evidence: the number and date of the document recognising
    the achievement, or its description (the domain function says which is missing)."""

    code = forms.ChoiceField(label=_("Track found met"))
    evidence_number = forms.CharField(label=_("Evidence document number"), max_length=100,
                                      required=False,
                                      help_text=_("e.g. 125/QĐ-BGDĐT, the decision or letter "
                                                  "recognising the achievement"))
    evidence_date = forms.DateField(label=_("Evidence document date"), required=False,
                                    widget=date_widget())
    evidence_text = forms.CharField(label=_("Evidence (description)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Appraiser's note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, tracks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(t.code, t.citation) for t in tracks]
