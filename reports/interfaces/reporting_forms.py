"""Forms of reporting discipline. They collect input; reports.domain.requests / filings
decide. Target units are chosen as movements choose their participants (the same field)."""


from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import is_system_admin, restrict_to_scope, scope_unit_ids
from core.interfaces.forms import date_widget
from core.interfaces.uploads import DossierFileField
from emulation.movements.interfaces.movement_forms import UnitMultipleChoiceField
from organisations.interfaces.forms import UnitChoiceField, active_units
from organisations.models import Cluster
from reports.enums import REPORTING_ROLES, ReportKind


def kept_units(user):
    return restrict_to_scope(active_units(), user, field="id", roles=REPORTING_ROLES)


def kept_clusters(user):
    qs = Cluster.objects.filter(is_active=True).order_by("code")
    if is_system_admin(user):
        return qs
    return qs.filter(managing_unit_id__in=scope_unit_ids(user, REPORTING_ROLES) or [])


class RequestForm(forms.Form):
    requester = UnitChoiceField(label=_("Requesting unit"), queryset=active_units())
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.IntegerField(label=_("Period"), required=False, min_value=1, max_value=12,
                                help_text=_("Month (1–12), quarter (1–4) or half (1–2); blank "
                                            "for yearly and ad hoc reports."))
    legal_basis = forms.CharField(label=_("Legal basis"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("e.g. the regulation or letter that sets the "
                                              "report."))
    due_date = forms.DateField(label=_("Due date"), widget=date_widget())
    roots = UnitMultipleChoiceField(
        label=_("Target units"), queryset=active_units(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}))
    include_below = forms.BooleanField(label=_("Include the units below the chosen ones"),
                                       required=False, initial=True)
    cluster = forms.ModelChoiceField(label=_("Or a cluster or block (its members that year)"),
                                     required=False, queryset=Cluster.objects.none())
    guidance = DossierFileField(label=_("Guidance document"), required=False)

    def __init__(self, *args, user, req=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester"].queryset = kept_units(user)
        self.fields["roots"].queryset = kept_units(user)
        self.fields["cluster"].queryset = kept_clusters(user)
        if req is not None:
            del self.fields["requester"]  # the requesting unit does not change
        else:
            self.fields["year"].initial = timezone.localdate().year


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A confirmation step with no fields (bind it with core.interfaces.forms.posted)."""


class FilingForm(forms.Form):
    uploaded = DossierFileField(label=_("Report file"))
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"),
                             widget=forms.Textarea(attrs={"rows": 3}))
    counts_as_unfiled = forms.BooleanField(
        label=_("Disregard this filing for timeliness (the corrected report's time decides)"),
        required=False)

    def __init__(self, *args, may_disregard: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_disregard:
            del self.fields["counts_as_unfiled"]  # only the board decides this


class ExtendForm(forms.Form):
    due_date = forms.DateField(label=_("New due date"), widget=date_widget())
    reason = forms.CharField(label=_("Reason for the extension"),
                             widget=forms.Textarea(attrs={"rows": 3}))
