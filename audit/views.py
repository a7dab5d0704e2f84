import json

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from audit.domain.queries import entries_for_user, entries_in_scope, reader_shape, unit_walk
from audit.interfaces.exports import audit_export, change_rows
from audit.interfaces.sentences import name_of_actor, sentence
from core.interfaces.exports import requested_format
from core.interfaces.forms import date_widget
from core.interfaces.kept_pages import kept_page
from core.interfaces.paging import paginate_kept


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Object"), required=False)
    actor = forms.CharField(label=_("Actor"), required=False)
    action = forms.CharField(label=_("Action"), required=False,
                             help_text=_("e.g. organisations.unit"))
    date_from = forms.DateField(label=_("From"), required=False, widget=date_widget())
    date_to = forms.DateField(label=_("To"), required=False, widget=date_widget())


def _filters(request) -> tuple[AuditFilterForm, dict]:
    """The filter form and the filters it gives (only those filled in)."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, {k: v for k, v in filters.items() if v}


# The columns a page shows (and its seek key, `at` and `id`), read as plain values: 101 entries
# as model instances, each with its actor's account and its unit (303 instances), were a fifth
# of the page's Python (session 15). The actor's full name and the unit's name come through the
# same LEFT JOINs select_related made; the changes as their JSON text (`changes_json`, last:
# an annotation is selected after the fields), parsed by the row as the JSON field parses it,
# so that the statement has no value Django converts after reading and may be kept.
PAGE_FIELDS = ("id", "at", "actor_label", "actor__full_name", "action", "object_label",
               "unit__name", "reason", "changes_json")


def _shown(entries: QuerySet) -> QuerySet:
    return entries.annotate(changes_json=Cast("changes", TextField())).values_list(
        *PAGE_FIELDS, named=True)


@login_required
@permission_required("audit.view_log", raise_exception=True)
def log(request):
    """The audit log in the reader's scope, filtered; `?export=xlsx|csv` streams the same
    entries (rows straight from the database)."""
    if kind := requested_format(request):
        _form, filters = _filters(request)
        return audit_export(kind, entries_for_user(request.user, **filters))
    return kept_page(request, LOG_TABLES, lambda: _log(request))


# Every table the log's statements read (tests/audit/test_log_kept.py captures them): its page
# is kept under their epochs (core.interfaces.kept_pages). Every audited write moves the log's;
# the users' for the actors' names, which the page shows (not only the reader's, as the key).
LOG_TABLES = ("accounts_user", "audit_auditentry", "organisations_unit",
              "organisations_unitclosure")


def _log(request):
    form, filters = _filters(request)
    shape = reader_shape(request.user)

    def build():
        # A page by number past the first walks to its offset by the entries' ids alone (no
        # join to the actor or the unit for the rows it skips); in a scope of units' trees
        # every page by number finds its ids unit by unit (UnitWalk).
        entries = entries_in_scope(shape, **filters)
        walk = unit_walk(shape, **filters)
        return _shown(entries), entries if walk is None else walk

    # The page's statement built and compiled once per process for the scope's shape, the
    # filters and the time zone (the days of `date_from`/`date_to` are the zone's), then
    # executed with its values (core.interfaces.paging.paginate_kept).
    key = ("audit:log", shape, timezone.get_current_timezone_name(),
           tuple(sorted(filters.items())))
    page = paginate_kept(request, key, build, per_page=100, seek=True,
                         matches=bool(filters.get("q", "").strip()))
    _with_sentences(page)
    return render(request, "audit/log.html", {"page": page, "form": form})


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
        # A page holds a few actors and kinds of action: each one's name and sentence found
        # once a page (an entry of scheduled work translated "System" again: ~100 a search page).
        if (who := sentences.get(names := (row.actor__full_name, row.actor_label))) is None:
            who = sentences[names] = name_of_actor(row.actor__full_name, row.actor_label)
        self.who = who
        if (said := sentences.get(row.action)) is None:
            said = sentences[row.action] = sentence(row.action)
        self.sentence = said
        # Prepared here, not in the template: there `changes.items` would read a changed field
        # named "items" (a decision's item count) instead of calling dict.items(). Most entries
        # change nothing (a sign-in, a document attached): their "{}" is not parsed.
        changes = row.changes_json
        self.change_rows = [] if changes == "{}" else change_rows(json.loads(changes))

    def __str__(self):  # as the entry's own (AuditEntry.__str__)
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"


def _with_sentences(page) -> None:
    sentences: dict = {}  # a page's sentences by action, its actors' names by (name, label)
    page.object_list = [LogRow(row, sentences) for row in page.object_list]
