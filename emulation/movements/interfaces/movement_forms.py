"""Forms of annual plans, movements and registrations. They collect input; the domain
functions (emulation.movements.domain.plans / movements / registrations) decide."""


from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import restrict_to_scope
from core.interfaces.forms import date_widget
from core.interfaces.uploads import DossierFileField
from emulation.movements.domain.plans import parse_milestones
from emulation.movements.domain.registrations import parse_entries
from emulation.movements.enums import MOVEMENT_ROLES, MovementKind
from emulation.movements.models import AnnualPlan
from organisations.interfaces.forms import UnitChoiceField, active_units


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


def _kept_units(user):
    return restrict_to_scope(active_units(), user, field="id", roles=MOVEMENT_ROLES)


class PlanForm(forms.Form):
    unit = UnitChoiceField(label=_("Issuing unit"), queryset=active_units())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=500)
    content = forms.CharField(label=_("Content"), required=False,
                              widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=_("Purposes, requirements and tasks; one paragraph a "
                                          "line."))
    key_targets = forms.CharField(label=_("Key targets"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    milestones = forms.CharField(
        label=_("Milestones"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line: a date and its name, e.g. “11/6 Ngày Chủ tịch Hồ Chí Minh ra "
                    "Lời kêu gọi thi đua ái quốc”."))

    def __init__(self, *args, user, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _kept_units(user)
        if plan is not None:
            del self.fields["unit"]  # the issuer of a plan does not change
        else:
            self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if data.get("year"):
            try:
                data["milestones"] = parse_milestones(data.get("milestones", ""), data["year"])
            except ValidationError as error:
                self.add_error("milestones", error.error_dict["milestones"])
        return data


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    goals = forms.CharField(label=_("Goals"), required=False,
                            widget=forms.Textarea(attrs={"rows": 5}))
    organiser = UnitChoiceField(label=_("Organiser"), queryset=active_units())
    participants = UnitMultipleChoiceField(
        label=_("Participating units"), queryset=active_units(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Each unit chosen takes part with all the units below it."))
    start_date = forms.DateField(label=_("Start date"), widget=date_widget())
    end_date = forms.DateField(label=_("End date"), required=False, widget=date_widget())
    plan = forms.ModelChoiceField(label=_("Annual plan"), required=False,
                                  queryset=AnnualPlan.objects.none())

    def __init__(self, *args, user, movement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = _kept_units(user)
        self.fields["plan"].queryset = restrict_to_scope(
            AnnualPlan.objects.select_related("unit"), user, roles=MOVEMENT_ROLES)
        if movement is not None:
            del self.fields["organiser"]  # the organiser does not change


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False,
                            help_text=_("e.g. Kế hoạch phát động phong trào; blank: the file "
                                        "name."))
    uploaded = DossierFileField(label=_("File"))


class ReviewForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=date_widget())
    report = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 6}))
    uploaded = DossierFileField(label=_("Report file"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A confirmation step with no fields (bind it with core.interfaces.forms.posted)."""


class RegistrationForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=active_units())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    pledges = forms.CharField(label=_("Pledges"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    entries = forms.CharField(
        label=_("Titles aimed for"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One a line: a citizen ID or a collective's name, a semicolon, the award "
                    "code, e.g. “001085012345; cstd_co_so” or “Tổ Toán; tt_ldxs”."))

    def __init__(self, *args, units=None, registration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration
        if registration is not None:
            del self.fields["unit"], self.fields["year"]
        else:
            self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        unit = self.registration.unit if self.registration else data.get("unit")
        if unit is not None:
            try:
                data["entries"] = parse_entries(data.get("entries", ""), unit)
            except ValidationError as error:
                self.add_error("entries", error.error_dict["entries"])
        return data
