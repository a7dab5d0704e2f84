"""Forms of the cluster rounds: opening, pact, a score line, a head/board re-score, a vote."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.interfaces.forms import date_widget
from emulation.enums import CriterionKind, Grade
from emulation.models import CriteriaSet


class RoundForm(forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    criteria_set = forms.ModelChoiceField(
        label=_("Criteria set"), queryset=CriteriaSet.objects.filter(is_template=False))
    vote_share = forms.DecimalField(label=_("Share of votes needed"), min_value=0, max_value=1,
                                    initial="0.5", decimal_places=3)

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class CopySetForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"),
                                      queryset=CriteriaSet.objects.filter(is_template=True))
    name = forms.CharField(label=_("Name"), max_length=255)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class PactForm(forms.Form):
    pact_date = forms.DateField(label=_("Pact date"), widget=date_widget())
    pact_text = forms.CharField(label=_("Pact text"), widget=forms.Textarea)


class ScoreForm(forms.Form):
    """One line: the acting unit scores itself (self-assessment, with evidence) or another
    member (peer score)."""

    scorer_unit = forms.ChoiceField(label=_("Acting for"))
    unit = forms.ChoiceField(label=_("Unit scored"))
    criterion = forms.ChoiceField(label=_("Criterion"))
    points = forms.DecimalField(label=_("Points"), min_value=0, decimal_places=2)
    evidence_text = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea)
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, *args, scorers, units, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scorer_unit"].choices = [(u.code, u.name) for u in scorers]
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        self.fields["criterion"].choices = [(c.code, str(c)) for c in criteria]


class RescoreForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit scored"))
    criterion = forms.ChoiceField(label=_("Criterion"))
    points = forms.DecimalField(label=_("Points"), min_value=0, decimal_places=2)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)

    def __init__(self, *args, units, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        self.fields["criterion"].choices = [(c.code, str(c)) for c in criteria]


class RescoreDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("approve", _("Approve and apply the re-score")), ("refuse", _("Refuse"))])
    note = forms.CharField(label=_("Note (required when refusing)"), required=False,
                           widget=forms.Textarea)


class VoteForm(forms.Form):
    voter_unit = forms.ChoiceField(label=_("Voting for"))
    candidate = forms.ChoiceField(label=_("Leading unit proposed"))

    def __init__(self, *args, voters, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter_unit"].choices = [(u.code, u.name) for u in voters]
        self.fields["candidate"].choices = [(u.code, u.name) for u in units]


class CriterionForm(forms.Form):
    """One line of a criteria tree (emulation.domain.criteria_tree)."""

    parent = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False,
                                    empty_label=_("— top level —"))
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=500, widget=forms.Textarea(
        attrs={"rows": 2}))
    max_points = forms.DecimalField(label=_("Maximum points"), decimal_places=2, max_digits=7)
    weight = forms.DecimalField(label=_("Weight"), decimal_places=2, max_digits=5, initial=1,
                                help_text=_("Counts only on a top-level normal group."))
    kind = forms.ChoiceField(label=_("Kind"), choices=CriterionKind.choices,
                             initial=CriterionKind.NORMAL)
    evidence_required = forms.BooleanField(label=_("Evidence required"), required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = groups


class ThresholdsForm(forms.Form):
    """The minimum total of each grade (xếp loại); an empty grade is not awarded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for grade, label in Grade.choices:
            self.fields[grade] = forms.DecimalField(
                label=label, required=False, min_value=0, decimal_places=2, max_digits=7)


class RetireCriterionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
