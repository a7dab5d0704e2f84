from django import forms
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from audit.domain.queries import entries_for_user
from audit.interfaces.exports import audit_export, change_rows
from audit.interfaces.sentences import name_of_actor, sentence
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


# The columns a page shows (and its seek key, `at` and `id`), read as plain values: 101 entries
# as model instances, each with its actor's account and its unit (303 instances), were a fifth
# of the page's Python (session 15). The actor's full name and the unit's name come through the
# same LEFT JOINs select_related made.
PAGE_FIELDS = ("id", "at", "actor_label", "actor__full_name", "action", "object_label",
               "unit__name", "changes", "reason")


@login_required
@permission_required("audit.view_log", raise_exception=True)
def log(request):
    """The audit log in the reader's scope, filtered; `?export=xlsx|csv` streams the same
    entries (rows straight from the database)."""
    form, entries = filtered_entries(request)
    # The export reads its own plain values of the same filtered entries; a page by number past
    # the first walks to its offset by the entries' ids alone (`ids`: no join for the skipped).
    return list_page(request, entries.values_list(*PAGE_FIELDS, named=True),
                     export=lambda kind, _rows: audit_export(kind, entries),
                     template="audit/log.html", per_page=100, seek=True, ids=entries,
                     prepare=_with_sentences, form=form,
                     matches=bool(form.is_valid() and form.cleaned_data.get("q", "").strip()))


class LogRow:
    """One entry as the log shows it: its values, its actor by name, its action in words and
    its changes as rows (`audit.templatetags.audit_rows` renders them)."""

    __slots__ = ("pk", "id", "at", "actor_label", "action", "object_label", "unit", "reason",
                 "who", "sentence", "change_rows")

    def __init__(self, row, sentences: dict):
        self.pk = self.id = row.id
        self.at, self.actor_label, self.action = row.at, row.actor_label, row.action
        self.object_label = row.object_label
        self.unit, self.reason = row.unit__name, row.reason  # the unit's name, None without one
        self.who = name_of_actor(row.actor__full_name, row.actor_label)
        # A page holds a few kinds of action: each one's sentence translated once a page.
        if (said := sentences.get(row.action)) is None:
            said = sentences[row.action] = sentence(row.action)
        self.sentence = said
        # Prepared here, not in the template: there `changes.items` would read a changed field
        # named "items" (a decision's item count) instead of calling dict.items().
        self.change_rows = change_rows(row.changes)

    def __str__(self):  # as the entry's own (AuditEntry.__str__)
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"


def _with_sentences(page) -> None:
    sentences: dict[str, str] = {}
    page.object_list = [LogRow(row, sentences) for row in page.object_list]
