"""Helpers shared by the back-office forms."""

from django import forms
from django.core.exceptions import ValidationError


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
