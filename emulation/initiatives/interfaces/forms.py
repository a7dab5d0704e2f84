"""Forms of the initiative registry. They collect input; the domain functions decide."""


from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import restrict_to_scope
from core.interfaces.forms import date_widget
from emulation.initiatives.enums import VIEW_ROLES, InitiativeKind, InitiativeScope
from emulation.initiatives.models import Initiative
from organisations.domain.queries import people_for_user
from organisations.interfaces.forms import UnitChoiceField, active_units


class InitiativeForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=active_units())

    class Meta:
        model = Initiative
        fields = ["kind", "title", "summary", "unit", "field", "year", "applied_from"]
        widgets = {"applied_from": date_widget(),
                   "title": forms.TextInput(attrs={"autocomplete": "off"}),
                   "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, similar_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = restrict_to_scope(active_units(), user, field="id",
                                                         roles=VIEW_ROLES)
        self.fields["kind"].choices = InitiativeKind.choices
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
        if similar_url:
            # Near-duplicate hints while the title is typed (htmx; the page works without it).
            self.fields["title"].widget.attrs.update({
                "hx-get": similar_url, "hx-trigger": "input changed delay:500ms",
                "hx-target": "#similar-initiatives", "hx-include": "#id_summary"})


class AuthorForm(forms.Form):
    """One author: the person by citizen ID (the picker fills it), and their share."""

    cccd = forms.CharField(label=_("Citizen ID (CCCD)"), max_length=12, required=False,
                           widget=forms.TextInput(attrs={"list": "person-options",
                                                         "inputmode": "numeric",
                                                         "autocomplete": "off"}))
    share = forms.DecimalField(label=_("Share (%)"), max_digits=5, decimal_places=2,
                               required=False, min_value=0, max_value=100)

    def __init__(self, *args, user, picker_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if picker_url:
            self.fields["cccd"].widget.attrs.update({
                "hx-get": picker_url, "hx-trigger": "input changed delay:300ms",
                "hx-target": "#person-options", "hx-swap": "innerHTML"})

    def clean(self):
        data = super().clean()
        cccd, share = data.get("cccd", "").strip(), data.get("share")
        if not cccd and share is None:
            return data  # an empty extra row
        if not cccd:
            self.add_error("cccd", _("Give the author's citizen ID."))
        elif share is None:
            self.add_error("share", _("Give the author's share."))
        else:
            data["person"] = people_for_user(self.user).filter(cccd=cccd).first()
            if data["person"] is None:
                self.add_error("cccd", _("Nobody with citizen ID %(cccd)s in your units.") % {
                    "cccd": cccd})
        return data


class BaseAuthorFormSet(forms.BaseFormSet):
    def authors(self) -> list[tuple]:
        return [(f.cleaned_data["person"], f.cleaned_data["share"]) for f in self.forms
                if f.cleaned_data.get("person") is not None]


AuthorFormSet = forms.formset_factory(AuthorForm, formset=BaseAuthorFormSet, extra=3,
                                      max_num=20, validate_max=True)


class RecogniseForm(forms.Form):
    decision_number = forms.CharField(label=_("Recognition decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=date_widget())
    recognised_by = forms.CharField(label=_("Recognised by"), max_length=255,
                                    help_text=_("Who signed the decision, e.g. Giám đốc Sở."))
    council = forms.CharField(label=_("Council"), max_length=255, required=False,
                              help_text=_("The initiative or science council that assessed it."))
    scope = forms.ChoiceField(label=_("Scope of effect"), choices=InitiativeScope.choices)

    def __init__(self, *args, above_co_so: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not above_co_so:
            # A unit recognises cơ sở initiatives; wider scopes are recognised by the head of
            # the ministry or province (legal-reference §6).
            self.fields["scope"].choices = [(InitiativeScope.BASE, InitiativeScope.BASE.label)]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
