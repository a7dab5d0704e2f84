from django import forms
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from audit.domain.queries import entries_for_user
from audit.interfaces.exports import audit_export, change_rows
from audit.interfaces.sentences import actor_name, sentence
from core.interfaces.forms import date_widget
from core.interfaces.views import list_page


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Object"), required=False)
    actor = forms.CharField(label=_("Actor"), required=False)
    action = forms.CharField(label=_("Action"), required=False,
                             help_text=_("e.g. organisations.unit"))
    date_from = forms.DateField(label=_("From"), required=False, widget=date_widget())
    date_to = forms.DateField(label=_("To"), required=False, widget=date_widget())


def filtered_entries(request):
    """The log's queryset (page and export): the reader's scope and the filter form."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, entries_for_user(request.user, **{k: v for k, v in filters.items() if v})


@login_required
@permission_required("audit.view_log", raise_exception=True)
def log(request):
    """The audit log in the reader's scope, filtered; `?export=xlsx|csv` streams the same
    entries (rows straight from the database)."""
    form, entries = filtered_entries(request)
    # The actor's account gives the full name shown (one join, not a query per row); the
    # export reads plain values, where the join is dropped.
    return list_page(request, entries.select_related("actor"), export=audit_export,
                     template="audit/log.html", per_page=100, seek=True,
                     prepare=_with_sentences, form=form,
                     matches=bool(form.is_valid() and form.cleaned_data.get("q", "").strip()))


def _with_sentences(page) -> None:
    for entry in page.object_list:
        # Prepared here: in the template `changes.items` would read a changed field named
        # "items" (a decision's item count) instead of calling dict.items().
        entry.change_rows = change_rows(entry.changes)
        entry.sentence, entry.who = sentence(entry.action), actor_name(entry)
