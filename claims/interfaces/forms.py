"""Forms of the claims pages. Choices of units, people and proposals come from the user's
scope; the views pass the querysets in."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import AwardType
from claims.data.checklists import CHECKLISTS, ITEMS
from claims.domain.proposing import next_of_kin
from claims.enums import CheckResult, ClaimKind, EvidenceKind
from claims.models import Claim, FamilyMember
from core.interfaces.uploads import DossierFileField
from organisations.enums import Gender

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["kind", "unit", "registered_on", "claimant_name", "claimant_birth_year",
                  "claimant_deceased", "claimant_address", "applicant_name",
                  "applicant_relation", "applicant_phone", "period", "service_role",
                  "service_from", "service_to", "service_unit", "children_count",
                  "originals_kept_at", "person"]
        widgets = {"registered_on": DATE}

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people
        self.fields["person"].required = False
        self.fields["person"].help_text = _("Optional now; needed before proposing.")


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("evidence kind"), choices=EvidenceKind.choices)
    title = forms.CharField(label=pgettext_lazy("evidence", "title"), max_length=255)
    dated = forms.DateField(label=_("document date"), widget=DATE)
    issuer = forms.CharField(label=_("issued / signed by"), max_length=255, required=False)
    uploaded = DossierFileField(label=_("file"), required=False)


class FamilyMemberForm(forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = ["full_name", "relation", "status", "disability_percent", "certificate"]


class CheckForm(forms.Form):
    item = forms.ChoiceField(label=_("check"))
    result = forms.ChoiceField(label=_("result"), choices=CheckResult.choices)
    source = forms.CharField(label=_("source consulted"), max_length=255)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(code, ITEMS[code][0]) for code in CHECKLISTS[claim.kind]]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False)


class ProposeForm(forms.Form):
    award_type = forms.ModelChoiceField(label=_("requested title / form"),
                                        queryset=AwardType.objects.none())
    person = forms.ModelChoiceField(label=_("person record"), queryset=None, required=False)
    recipient_unit = forms.ModelChoiceField(label=_("addressed to"), queryset=None,
                                            required=False)
    proposal = forms.ModelChoiceField(label=_("add to the draft proposal"), queryset=None,
                                      required=False,
                                      help_text=_("Leave empty to start a new proposal."))
    # A deceased claimant often has no citizen ID: the record is registered from the claim.
    register_deceased = forms.BooleanField(
        label=_("register the deceased claimant as a person without citizen ID"),
        required=False, help_text=_("Only when no person record exists: the year of birth "
                                    "and the name are taken from the claim."))
    gender = forms.ChoiceField(label=_("claimant's gender"), choices=[("", "—"), *Gender.choices],
                               required=False)
    death_year = forms.IntegerField(label=_("year of death"), required=False, min_value=1850)
    received_by = forms.CharField(label=_("received by (next of kin)"), max_length=255,
                                  required=False)

    def __init__(self, *args, people, recipients, proposals, claim, **kwargs):
        super().__init__(*args, **kwargs)
        if not claim.claimant_deceased:
            for name in ("register_deceased", "gender", "death_year", "received_by"):
                del self.fields[name]
        else:
            self.initial.setdefault("received_by", next_of_kin(claim))
            if claim.kind == ClaimKind.HEROIC_MOTHER:
                self.initial.setdefault("gender", Gender.FEMALE)
        # JSON "contains" is not portable to SQLite: the catalogue is small, filter here.
        individual = [a.pk for a in AwardType.objects.filter(is_active=True)
                      if "individual" in a.subject_kinds]
        self.fields["award_type"].queryset = AwardType.objects.filter(
            pk__in=individual).order_by("sort_order")
        self.fields["person"].queryset = people
        self.fields["recipient_unit"].queryset = recipients
        self.fields["proposal"].queryset = proposals


class LookupForm(forms.Form):
    code = forms.CharField(label=_("claim code"), max_length=20)
