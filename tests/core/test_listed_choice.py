"""core.interfaces.forms.ListedChoiceField: the rows read once give the options and clean a
posted value as Django's ModelChoiceField would (session 11, h4)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.interfaces.forms import ListedChoiceField, QuickSelect
from organisations.models import Unit


class UnitForm(forms.Form):
    unit = ListedChoiceField(queryset=Unit.objects.none())


def _form(data=None, queryset=None):
    form = UnitForm(data)
    form.fields["unit"].queryset = queryset if queryset is not None else \
        Unit.objects.order_by("path")
    return form


def test_options_and_lookup_read_the_rows_once(dept_a, dept_b):
    form = _form({"unit": str(dept_b.pk)})
    with CaptureQueriesContext(connection) as queries:
        html = str(form["unit"])
        valid = form.is_valid()
    assert (valid, form.cleaned_data["unit"], len(queries)) == (True, dept_b, 1)
    assert f'<option value="{dept_a.pk}">' in html and f'<option value="{dept_b.pk}"' in html


def test_same_options_as_djangos_field(dept_a, dept_b):
    class Plain(forms.Form):
        unit = forms.ModelChoiceField(queryset=Unit.objects.order_by("path"))

    assert str(_form()["unit"]) == str(Plain()["unit"])


@pytest.mark.parametrize("value", ["abc", "999999", "1.5"])
def test_a_value_not_among_the_rows_is_an_invalid_choice(dept_a, value):
    form = _form({"unit": value})
    djangos = str(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    assert (form.is_valid(), form.errors["unit"]) == (False, [djangos])


def test_a_row_outside_the_queryset_is_an_invalid_choice(dept_a, dept_b):
    form = _form({"unit": str(dept_b.pk)}, Unit.objects.filter(pk=dept_a.pk))
    assert form.is_valid() is False


def test_offered_rows_are_the_choices_without_a_query(dept_a, dept_b):
    form = UnitForm({"unit": str(dept_a.pk)})
    form.fields["unit"].offer([dept_a], Unit.objects.filter(pk=dept_a.pk))
    with CaptureQueriesContext(connection) as queries:
        valid = form.is_valid()
        choices = [value for value, _label in form.fields["unit"].choices]
    assert (valid, choices, len(queries)) == (True, ["", dept_a.pk], 0)


def test_another_queryset_reads_its_own_rows(dept_a, dept_b):
    field = _form(queryset=Unit.objects.filter(pk=dept_a.pk)).fields["unit"]
    assert field.rows() == [dept_a]
    field.queryset = Unit.objects.filter(pk=dept_b.pk)
    assert field.rows() == [dept_b]
    with pytest.raises(ValidationError):
        field.clean(str(dept_a.pk))


class Kinds(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "Ấp <1>"), ("b", "B & C")], initial="b")
    quick = forms.ChoiceField(choices=[("a", "Ấp <1>"), ("b", "B & C")], initial="b",
                              widget=QuickSelect)
    grouped = forms.ChoiceField(choices=[("Nhóm \"1\"", [("x", "X"), ("y", "Y")]), ("z", "Z")],
                                widget=QuickSelect(attrs={"class": "wide"}))
    grouped_plain = forms.ChoiceField(
        choices=[("Nhóm \"1\"", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        widget=forms.Select(attrs={"class": "wide"}))


def _as(html: str, name: str, other: str) -> str:
    return html.replace(f'name="{other}"', f'name="{name}"').replace(
        f'id="id_{other}"', f'id="id_{name}"')


def test_quick_select_writes_djangos_html():
    form = Kinds(initial={"grouped": "y", "grouped_plain": "y"})
    assert str(form["quick"]) == _as(str(form["plain"]), "quick", "plain")
    assert str(form["grouped"]) == _as(str(form["grouped_plain"]), "grouped", "grouped_plain")


def test_quick_select_of_units_writes_djangos_html(dept_a, dept_b):
    class Both(forms.Form):
        plain = forms.ModelChoiceField(queryset=Unit.objects.order_by("path"), required=False)
        quick = ListedChoiceField(queryset=Unit.objects.order_by("path"), required=False,
                                  widget=QuickSelect)

    form = Both(initial={"plain": dept_b.pk, "quick": dept_b.pk})
    assert str(form["quick"]) == _as(str(form["plain"]), "quick", "plain")
