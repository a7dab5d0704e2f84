"""Forms of the cluster rounds: opening, pact, a score line, a head/board re-score, a vote."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.interfaces.forms import date_widget
from emulation.movements.enums import CriterionKind, Grade
from emulation.movements.models import CriteriaSet


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


class PointsField(forms.DecimalField):
    """Points as Vietnamese users type them, with the decimal comma (`37,5`) or a point, in
    either interface language; a text box, since a browser's number box refuses the comma."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


class SelfAssessmentForm(forms.Form):
    """The whole criteria set on one page: points (and evidence) for every criterion the unit
    scores itself, pre-filled with its current self-assessment."""

    def __init__(self, *args, criteria, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            score = current.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = PointsField(
                label=f"{criterion.code}. {criterion.name}", required=False,
                max_value=criterion.max_points, initial=score.points if score else None)
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label=_("Evidence"), required=False,
                help_text=score.evidence_text if score else "",  # the current evidence
                widget=forms.TextInput(attrs={"maxlength": 1000}))

    def rows(self):
        """(criterion, points field, evidence field) for the table."""
        return [(c, self[f"points_{c.pk}"], self[f"evidence_{c.pk}"]) for c in self.criteria]

    def lines(self):
        data = self.cleaned_data
        return [(c, data[f"points_{c.pk}"], data[f"evidence_{c.pk}"]) for c in self.criteria]


class ScoreForm(forms.Form):
    """One line: the acting unit scores itself (self-assessment, with evidence) or another
    member (peer score)."""

    scorer_unit = forms.ChoiceField(label=_("Acting for"))
    unit = forms.ChoiceField(label=_("Unit scored"))
    criterion = forms.ChoiceField(label=_("Criterion"))
    points = PointsField(label=_("Points"))
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
    points = PointsField(label=_("Points"))
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
    """One line of a criteria tree (emulation.movements.domain.criteria_tree)."""

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
