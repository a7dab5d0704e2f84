"""The public portal's forms: decision filters, certificate look-up, consultation comments."""


from django import forms
from django.utils.translation import gettext_lazy as _

from portal.domain.queries.decisions import (
    DecisionFilters,
)


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, unit, decision number or form"), required=False,
                        max_length=200)
    # Selects offer what was published, but any well-formed value filters (a bookmarked link
    # to a year without decisions shows none rather than every decision).
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100,
                              widget=forms.Select)
    form = forms.SlugField(label=_("Title / form"), required=False, max_length=40,
                           widget=forms.Select)
    issuer = forms.CharField(label=_("Issuing authority"), required=False, max_length=40,
                             widget=forms.Select)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["year"].widget.choices = everything + [(y, y) for y in choices["years"]]
        self.fields["form"].widget.choices = everything + choices["forms"]
        self.fields["issuer"].widget.choices = everything + choices["issuers"]

    def filters(self) -> DecisionFilters:
        """The valid fields only: a stale or mistyped value drops that one filter."""
        self.is_valid()
        data = self.cleaned_data
        return DecisionFilters(q=data.get("q") or "", year=data.get("year"),
                               form=data.get("form") or "", issuer=data.get("issuer") or "")


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=20)


class CommentForm(forms.Form):
    nominee = forms.ChoiceField(label=_("About"), required=False)
    author_name = forms.CharField(label=_("Your name"), max_length=120)
    contact = forms.CharField(label=_("Phone or e-mail (kept private)"), max_length=160)
    body = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(
        attrs={"rows": 4}))

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [("", _("The whole list"))] + [
            (str(n["public_id"]), f"{n['name']} — {n['award']}") for n in nominees]
