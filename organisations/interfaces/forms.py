"""Forms of the organisations back office. They collect input; the domain functions decide."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import restrict_to_scope
from accounts.enums import RECORD_KEEPING_ROLES
from core.interfaces.forms import date_widget
from organisations.domain.queries import people_kept_by
from organisations.enums import UnitKind, UnitLevel
from organisations.models import Cluster, Collective, EmulationStaff, Household, Person, Unit


def active_units():
    return Unit.objects.filter(valid_to__isnull=True).order_by("path")


def scoped_active_units(user):
    return restrict_to_scope(active_units(), user, field="id", roles=RECORD_KEEPING_ROLES)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class ActDetailsForm(forms.Form):
    """The legal act behind a reorganisation."""

    effective_date = forms.DateField(label=_("Effective date"), widget=date_widget())
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=date_widget())
    issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)

    ACT_FIELDS = ("decision_number", "decision_date", "issuer", "note")

    def act(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.ACT_FIELDS}


class UnitForm(forms.ModelForm):
    parent = UnitChoiceField(label=_("Parent unit"), queryset=active_units(), required=False)

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "level", "kind", "parent", "valid_from", "address",
                  "note"]
        widgets = {"valid_from": date_widget()}


class UnitEditForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "level", "kind", "valid_from", "address", "note"]
        widgets = {"valid_from": date_widget()}


class MergeForm(ActDetailsForm):
    sources = forms.ModelMultipleChoiceField(label=_("Units to merge"), queryset=active_units(),
                                             widget=forms.SelectMultiple(attrs={"size": 10}))
    into = UnitChoiceField(label=_("Merge into an existing unit"), queryset=active_units(),
                           required=False, help_text=_("Leave empty to create a new unit."))
    new_code = forms.CharField(label=_("New unit: code"), max_length=40, required=False)
    new_name = forms.CharField(label=_("New unit: name"), max_length=255, required=False)
    new_level = forms.ChoiceField(label=_("New unit: level"), choices=UnitLevel.choices,
                                  required=False)
    new_kind = forms.ChoiceField(label=_("New unit: kind"), choices=UnitKind.choices,
                                 required=False)
    new_parent = UnitChoiceField(label=_("New unit: parent"), queryset=active_units(),
                                 required=False)

    def clean(self):
        data = super().clean()
        if not data.get("into"):
            for name in ("new_code", "new_name", "new_level", "new_kind"):
                if not data.get(name):
                    self.add_error(name, _("Required when merging into a new unit."))
        return data

    def new_unit(self) -> dict | None:
        if self.cleaned_data.get("into"):
            return None
        data = self.cleaned_data
        return {"code": data["new_code"], "name": data["new_name"], "level": data["new_level"],
                "kind": data["new_kind"], "parent": data["new_parent"]}


class RenameForm(ActDetailsForm):
    name = forms.CharField(label=_("New name"), max_length=255)
    short_name = forms.CharField(label=_("New short name"), max_length=120, required=False)


class MoveForm(ActDetailsForm):
    new_parent = UnitChoiceField(label=_("New parent unit"), queryset=active_units(),
                                 required=False)


class DissolveForm(ActDetailsForm):
    successor = UnitChoiceField(label=_("Successor unit"), queryset=active_units(), required=False,
                                help_text=_("Receives the people and sub-units, if any."))
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False,
                              choices=[("", _("All"))] + UnitLevel.choices)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All"))] + UnitKind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("active", _("Active")), ("ended", _("Ended")), ("all", _("All"))])


# ------------------------------------------------------------------ people

class PersonCreateForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    start_date = forms.DateField(label=_("Working in this unit since"), widget=date_widget(),
                                 initial=datetime.date.today)

    class Meta:
        model = Person
        fields = ["cccd", "full_name", "gender", "birth_date", "ethnicity", "unit", "position",
                  "title", "is_leader", "is_direct_worker", "phone", "email"]
        widgets = {"birth_date": date_widget()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped_active_units(user)
        # The model allows no CCCD only for the deceased registered from a backlog claim.
        self.fields["cccd"].required = True

    def validate_unique(self):
        """CCCD uniqueness is checked by the domain function, with a message naming the holder."""


class PersonEditForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["cccd", "full_name", "gender", "birth_date", "ethnicity", "phone", "email",
                  "deceased", "death_year"]
        widgets = {"birth_date": date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cccd"].required = not self.instance.deceased

    def validate_unique(self):
        """Checked by the domain function (see PersonCreateForm)."""


class TransferForm(forms.Form):
    unit = UnitChoiceField(label=_("New unit"), queryset=Unit.objects.none())
    start_date = forms.DateField(label=_("From"), widget=date_widget())
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    title = forms.CharField(label=_("Title / grade"), max_length=150, required=False)
    is_leader = forms.BooleanField(label=_("Leader / manager"), required=False)
    is_direct_worker = forms.BooleanField(label=_("Direct worker"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A person may move to any active unit; the receiving unit takes over their record.
        self.fields["unit"].queryset = active_units()


class EndEmploymentForm(forms.Form):
    end_date = forms.DateField(label=_("Last working day"), widget=date_widget())
    reason = forms.CharField(label=_("Reason"), max_length=255)


class CccdLookupField(forms.CharField):
    """A CCCD typed by the user, resolved to a Person among `people` — the form sets the
    people the user keeps records for. A number held outside them gets the answer an unknown
    number gets: nothing about who holds it or where."""

    people = Person.objects.none()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        person = self.people.filter(cccd=value.strip()).first()
        if person is None:
            raise forms.ValidationError(
                _("No person with citizen ID %(cccd)s is registered in your units."),
                params={"cccd": value})
        return person


# ------------------------------------------------------------------ subjects

class CollectiveForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    class Meta:
        model = Collective
        fields = ["name", "kind", "unit", "member_count", "valid_from", "valid_to"]
        widgets = {"valid_from": date_widget(), "valid_to": date_widget()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped_active_units(user)


class HouseholdForm(forms.ModelForm):
    head = CccdLookupField(label=_("Citizen ID of the head of household"))
    unit = UnitChoiceField(label=_("Commune"), queryset=Unit.objects.none())

    class Meta:
        model = Household
        fields = ["head", "unit", "address", "member_count"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped_active_units(user).filter(level=UnitLevel.COMMUNE)
        self.fields["head"].people = people_kept_by(user)
        if self.instance.pk:
            self.initial["head"] = self.instance.head.cccd


# ------------------------------------------------------------------ clusters

class ClusterForm(forms.ModelForm):
    managing_unit = UnitChoiceField(label=_("Managing unit"), queryset=active_units())

    class Meta:
        model = Cluster
        fields = ["code", "name", "kind", "managing_unit", "description", "is_active"]


class ClusterMemberForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=active_units())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class LeadershipForm(forms.Form):
    head = UnitChoiceField(label=_("Head unit"), queryset=Unit.objects.none())
    deputy = UnitChoiceField(label=_("Deputy head unit"), queryset=Unit.objects.none(),
                             required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = members
        self.fields["deputy"].queryset = members


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)




# ------------------------------------------------------------------ staff

class StaffForm(forms.ModelForm):
    person = CccdLookupField(label=_("Citizen ID of the staff member"))
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    class Meta:
        model = EmulationStaff
        fields = ["person", "unit", "mode", "duty", "start_date"]
        widgets = {"start_date": date_widget()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped_active_units(user)
        self.fields["person"].people = people_kept_by(user)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    organiser = UnitChoiceField(label=_("Organiser"), queryset=Unit.objects.none())
    start_date = forms.DateField(label=_("Start date"), widget=date_widget())
    end_date = forms.DateField(label=_("End date"), widget=date_widget())
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    hours = forms.IntegerField(label=_("Hours"), min_value=0, initial=8)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea, required=False)
    attendees = forms.ModelMultipleChoiceField(label=_("Attendees"), required=False,
                                               queryset=EmulationStaff.objects.none(),
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, staff_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = scoped_active_units(user)
        self.fields["attendees"].queryset = staff_qs
