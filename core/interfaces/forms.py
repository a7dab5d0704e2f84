"""Helpers shared by the back-office forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


class _ListedIterator(ModelChoiceIterator):
    """The choices of a ListedChoiceField: its rows, read once."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.rows():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows())


class ListedChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose rows are read once per form, or given (`offer`): the options
    are rendered from, and a posted value is looked up in, that one list. Django's field reads
    its queryset again for each (a server-side cursor to render the options, a `get` to clean
    the value), a query apiece for rows the form already holds (the officer's forms, session
    11 h4). The same rows and the same errors as the queryset's."""

    iterator = _ListedIterator
    _rows = None

    def _set_queryset(self, queryset):
        self._rows = None  # another queryset, other rows
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def offer(self, rows: list, queryset) -> None:
        """`rows`, already read, are the choices; `queryset` describes the same rows."""
        self.queryset = queryset
        self._rows = list(rows)

    def rows(self) -> list:
        if self._rows is None:
            self._rows = list(self.queryset)
        return self._rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        meta = self.queryset.model._meta
        try:  # the type the queryset's `get` would have compared: "38" is 38
            wanted = (meta.pk if key == "pk" else meta.get_field(key)).to_python(value)
        except ValidationError:
            wanted = None
        for obj in self.rows():
            if wanted is not None and getattr(obj, key) == wanted:
                return obj
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                              params={"value": value})


class QuickSelect(forms.Select):
    """Django's Select, its options written in Python: Django renders each <option> through
    two included templates (select_option.html, attrs.html), most of the cost of a form's
    choices (the create form's units, movements and kinds; the nominee form's ~40 award
    forms; session 11 h4). The same HTML (tests/core/test_listed_choice.py)."""

    template_name = "core/widgets/quick_select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = _options_html(context["widget"]["optgroups"])
        return context


def _options_html(groups) -> str:
    parts = []
    for group_name, options, _index in groups:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        # "\n" after each option: Django's option template ends with one
        parts.extend(format_html('\n  <option value="{}"{}>{}</option>\n',
                                 str(option["value"]), flatatt(option["attrs"]),
                                 option["label"])
                     for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 each part escaped by format_html
