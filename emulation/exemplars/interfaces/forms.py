"""Forms of exemplary models and inspections. They collect input; the domain functions decide."""


from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import restrict_to_scope
from core.interfaces.forms import date_widget
from core.interfaces.uploads import DossierFileField
from emulation.exemplars.domain.queries.records import BOARD_ROLES
from emulation.exemplars.models import Exemplar
from emulation.initiatives.enums import VIEW_ROLES
from emulation.movements.domain.queries.movements import movements_for_user
from organisations.domain.queries import collectives_for_user, people_for_user
from organisations.interfaces.forms import UnitChoiceField, active_units


def _units(user, roles=VIEW_ROLES):
    return restrict_to_scope(active_units(), user, field="id", roles=roles)


class ExemplarForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=active_units())
    person_cccd = forms.CharField(
        label=_("Person (citizen ID)"), max_length=12, required=False,
        help_text=_("Leave empty when the example is a collective or the unit itself."))

    class Meta:
        model = Exemplar
        fields = ["kind", "unit", "collective", "title", "story", "field", "discovered_year",
                  "movement", "source_movement"]
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = _units(user)
        self.fields["collective"].queryset = collectives_for_user(user).order_by("name")
        self.fields["discovered_year"].initial = timezone.localdate().year
        # Only movements the user may read: another unit's movement is not offered.
        self.fields["movement"].queryset = movements_for_user(user).order_by("-start_date")

    def clean_person_cccd(self):
        cccd = self.cleaned_data["person_cccd"].strip()
        if not cccd:
            return None
        person = people_for_user(self.user).filter(cccd=cccd).first()
        if person is None:
            raise ValidationError(_("No person with citizen ID %(cccd)s in your units.") % {
                "cccd": cccd})
        return person

    def domain_fields(self) -> dict:
        data = {k: self.cleaned_data[k] for k in self.Meta.fields}
        return data | {"person": self.cleaned_data["person_cccd"]}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A confirmation step with no fields (posted() keeps it bound on POST)."""


class FollowUpForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100,
                              initial=timezone.localdate().year)
    still_exemplary = forms.BooleanField(label=_("Still exemplary"), required=False,
                                         initial=True)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(forms.Form):
    file = DossierFileField(label=_("File (PDF, DOCX, XLSX, JPEG, PNG)"))


class CorrectionForm(forms.ModelForm):
    """A correction of an exemplar (emulation.exemplars.domain.exemplars.correct_exemplar): the
    account, the evidence files it supersedes, a new file, and the reason."""

    supersede = forms.ModelMultipleChoiceField(
        label=_("Evidence files no longer valid"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)
    uploaded = DossierFileField(label=_("New evidence file"), required=False)
    reason = forms.CharField(label=_("Reason for the correction"),
                             widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Exemplar
        fields = ["kind", "title", "story", "field", "discovered_year", "source_movement"]
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supersede"].queryset = evidence

    def _post_clean(self):
        # The domain function checks and saves; the model instance must stay untouched until
        # then (its old values become the version).
        pass


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100,
                              initial=timezone.localdate().year)
    unit = UnitChoiceField(label=_("Inspecting unit"), queryset=active_units())
    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user, BOARD_ROLES)


class VisitForm(forms.Form):
    inspected_unit = UnitChoiceField(label=_("Inspected unit"), queryset=active_units())
    date = forms.DateField(label=_("Date"), widget=date_widget())
    team = forms.CharField(label=_("Inspection team"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspected_unit"].queryset = _units(user, BOARD_ROLES)


class FindingsForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 6}))
    minutes = DossierFileField(label=_("Inspection minutes (signed)"), required=False)


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion"),
                                 widget=forms.Textarea(attrs={"rows": 6}))
    notice = DossierFileField(label=_("Conclusion notice"), required=False)


class TaskForm(forms.Form):
    description = forms.CharField(label=_("Description"),
                                  widget=forms.Textarea(attrs={"rows": 3}))
    owner_unit = UnitChoiceField(label=_("Responsible unit"), queryset=active_units())
    owner_name = forms.CharField(label=_("Responsible person"), max_length=200, required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=date_widget())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = _units(user, BOARD_ROLES)


class TaskReportForm(forms.Form):
    """The owning unit's completion report: what was done and up to three evidence files (one
    at least: the domain says which field is missing)."""

    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_1 = DossierFileField(label=_("Evidence file"), required=False)
    evidence_2 = DossierFileField(label=_("Another evidence file"), required=False)
    evidence_3 = DossierFileField(label=_("Another evidence file"), required=False)


class TaskReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("accept", _("Accept the completion")), ("return", _("Return it for more work"))])
    reason = forms.CharField(label=_("Reason (required when returning)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
