"""Helpers shared by the back-office forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.enums import DayKind


def apply_domain_error(form, error: ValidationError) -> None:
    """Show a domain function's ValidationError on the form: per field where it names a field
    the form has, otherwise as a form-wide error."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def date_widget() -> forms.DateInput:
    """HTML5 date input (the browser shows a localised picker; the value is ISO)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HolidayForm(forms.Form):
    """A date added to the working calendar (core.domain.calendar.add_day)."""

    day = forms.DateField(label=_("Date"), widget=date_widget())
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}), help_text=_("e.g. the number of the government's announcement"))


class DeactivateHolidayForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


def posted(request):
    """The form data of a POST, else None. (`request.POST or None` would leave a form with no
    fields of its own — a confirmation step — unbound even when it was posted.)"""
    return request.POST if request.method == "POST" else None
