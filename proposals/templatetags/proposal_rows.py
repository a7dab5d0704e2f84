"""Rows of the proposal list rendered in Python, one node for the whole table body (as the
people list's, organisations.templatetags.organisation_rows): through template nodes a page of 50
proposals cost a URL reversal and ~10 variable lookups per row, most of the page's time once its
one query was fast (issue 14 point 2: the busiest page of `make load`)."""

from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.templatetags.core_tags import ANY_ID
from proposals.enums import ProposalState
from proposals.interfaces.exports import inbox_header

register = template.Library()

PROPOSAL_ROW = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
                '<td><span class="badge">{}</span></td></tr>\n  ')


@register.simple_tag
def proposal_rows(rows):
    """The list's rows: dicts of `proposals.views.proposals.LIST_COLUMNS`.
    Every text cell goes through `html.escape` — what django.utils.html.escape does, without
    its SafeString per value (format_html_join took 3× as long: 1.4 against 0.44 ms a page) —
    and the assembled rows are marked safe once; the link is our own URL with a UUID in it.
    The state labels and the link's pattern are the language's (`_skeleton`)."""
    kept = _skeleton()
    detail, states = kept["detail"], kept["state_labels"]
    return mark_safe("".join(PROPOSAL_ROW.format(  # noqa: S308 every cell escaped above
        detail.replace(ANY_ID, str(row["public_id"])), escape(row["code"]), escape(row["title"]),
        escape(row["unit__name"]), escape(row["recipient_unit__name"]), int(row["year"]),
        states.get(row["state"]) or escape(row["state"]))
        for row in rows))


INBOX_ROW = ('\n  <tr{{}}><td data-label="{}"><a href="{{}}">{{}}</a></td><td data-label="{}">'
             '{{}}</td><td data-label="{}">{{}}</td><td data-label="{}">{{}}</td>\n    '
             '<td data-label="{}">{{}}</td><td data-label="{}">{{}}</td>\n    '
             '<td data-label="{}">{{}}{{}}</td></tr>\n  ')


@register.simple_tag
def inbox_rows(rows, today):
    """The appraisal inbox's rows: dicts of `proposals.domain.queries.proposals.INBOX_COLUMNS`
    plus `nominee_total`, overdue ones (a step deadline before `today`) marked. Escaped as
    `proposal_rows`; the column labels (each cell's data-label, the stacked layout on a phone)
    are in the language's row pattern (`_skeleton`), not translated a row."""
    kept = _skeleton()
    detail, states, pattern = kept["detail"], kept["state_labels"], kept["inbox_row"]
    overdue = kept["overdue"]
    return mark_safe("".join(  # noqa: S308 every cell escaped here
        pattern.format(
            ' class="overdue"' if (late := row["due_on"] is not None and row["due_on"] < today)
            else "",
            detail.replace(ANY_ID, str(row["public_id"])), escape(row["code"]),
            escape(row["title"]), escape(row["unit__name"]), int(row["nominee_total"] or 0),
            timezone.localtime(row["submitted_at"]).strftime("%d/%m/%Y")
            if row["submitted_at"] else "",
            states.get(row["state"]) or escape(row["state"]),
            row["due_on"].strftime("%d/%m/%Y") if row["due_on"] else "—",
            overdue if late else "")
        for row in rows))


# The rest of the two pages' bodies (proposals/proposal_list.html and inbox.html before session
# 12): their words and choices are code, not data (our own labels, the ProposalState choices,
# our URLs), yet through template nodes the list's ~60 nodes — a `{% translate %}` each, and the
# state filter's thirteen options with a `request.GET.state` lookup each — were ~1 ms of every
# page. Each skeleton is built once per language and URL prefix (a deployment's, the same for
# every request) and a request fills in only what it chose.
_LIST_TOP = (
    '<div class="toolbar"><h1>{title}</h1><span class="spacer"></span>\n'
    '  {{add}}\n</div>\n'
    '<form method="get" class="filters card" role="search">\n'
    '  <div><label for="id_q">{search_label}</label>\n'
    '    <input type="search" id="id_q" name="q" value="{{q}}"></div>\n'
    '  <div><label for="id_state">{state}</label>\n'
    '    <select id="id_state" name="state"><option value="">{all}</option>\n'
    '      {{states}}</select></div>\n'
    '  <button type="submit">{search}</button>\n</form>')
_LIST_ADD = ('<a class="button secondary" href="{}">{}</a>\n'
             '  <a class="button" href="{}">{}</a>')
_LIST_TABLE = (
    '<div class="table-wrap"><table>\n'
    '  <thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>'
    '</thead>\n  <tbody>{{rows}}\n  {{empty}}</tbody>\n</table></div>')
_LIST_EMPTY = '<tr><td colspan="6" class="muted">{}</td></tr>'
_INBOX_TOP = ('<h1>{}</h1>\n<p class="muted">{}</p>')
_INBOX_TABLE = (
    '<div class="table-wrap"><table class="stack">\n'
    '  <thead><tr>{}</tr></thead>\n  <tbody>{{rows}}{{empty}}</tbody>\n</table></div>')
_INBOX_EMPTY = '<tr><td colspan="7" class="muted">{}</td></tr>'
_OPTION = '<option value="{}"{}>{}</option>'
_skeletons: dict[tuple[str, str], dict] = {}


@register.simple_tag
def proposal_filters(can_add, q, state):
    """The proposal list's toolbar and filter form: the "add" buttons if `can_add`, the search
    `q` and the `state` chosen (the raw `?state=`, which need not be a state) filled into the
    skeleton of the current language. Every value from the request is escaped here."""
    kept = _skeleton()
    return mark_safe(kept["list_top"].format(  # noqa: S308 every value escaped here
        add=kept["list_add"] if can_add else "", q=escape(q),
        states="".join(_OPTION.format(value, " selected" if state == value else "", label)
                       for value, label in kept["states"])))


@register.simple_tag
def proposal_table(rows):
    """The proposal list's table: its header, `proposal_rows`, or the empty row."""
    kept = _skeleton()
    return mark_safe(kept["list_table"].format(  # noqa: S308 rows escaped in proposal_rows
        rows=proposal_rows(rows), empty="" if rows else kept["list_empty"]))


@register.simple_tag
def inbox_top():
    """The appraisal inbox's heading and note."""
    return mark_safe(_skeleton()["inbox_top"])  # noqa: S308 our own words, escaped


@register.simple_tag
def inbox_table(rows, today):
    """The appraisal inbox's table: its header, `inbox_rows`, or the empty row."""
    kept = _skeleton()
    return mark_safe(kept["inbox_table"].format(  # noqa: S308 rows escaped in inbox_rows
        rows=inbox_rows(rows, today), empty="" if rows else kept["inbox_empty"]))


def _skeleton() -> dict:
    """The pages' fixed parts in the current language and URL prefix, built on first use."""
    key = (get_language(), get_script_prefix())
    if (kept := _skeletons.get(key)) is None:
        kept = _skeletons[key] = _build_skeleton()
    return kept


def _build_skeleton() -> dict:
    # Every text as `_("…")` written out, so that makemessages keeps finding it (the templates
    # that held these words are gone); `word` escapes the translation.
    def word(translated: str) -> str:
        return escape(translated)

    def braced(text: str) -> str:  # formatted again with the request's values
        return text.replace("{", "{{").replace("}", "}}")

    return {
        "detail": reverse("proposals:detail", args=[ANY_ID]),
        "state_labels": {value: escape(str(label)) for value, label in ProposalState.choices},
        "inbox_row": INBOX_ROW.format(*(braced(escape(str(label))) for label in inbox_header())),
        "overdue": ' <span class="badge danger">{}</span>'.format(word(_("overdue"))),
        "list_top": _LIST_TOP.format(**{name: braced(word(text)) for name, text in (
            ("title", _("Award proposals")), ("search_label", _("Code, subject or letter number")),
            ("state", _("State")), ("all", _("All")), ("search", _("Search")))}),
        "list_add": _LIST_ADD.format(
            escape(reverse("proposals:consolidate")), word(_("Consolidate to the next level")),
            escape(reverse("proposals:create")), word(_("New proposal"))),
        "states": tuple((escape(value), escape(str(label)))
                        for value, label in ProposalState.choices),
        "list_table": _LIST_TABLE.format(*(braced(word(text)) for text in (
            _("Code"), _("Summary (trích yếu)"), _("Proposing unit"), _("Addressed to"), _("Year"),
            _("State")))),
        "list_empty": _LIST_EMPTY.format(word(_("No proposal."))),
        "inbox_top": _INBOX_TOP.format(word(_("Appraisal inbox")), word(_(
            "Received proposals in progress, the nearest deadline first. Deadlines count "
            "working days; public holidays are skipped."))),
        "inbox_table": _INBOX_TABLE.format("".join(
            f"<th>{braced(escape(str(label)))}</th>" for label in inbox_header())),
        "inbox_empty": _INBOX_EMPTY.format(word(_("Nothing waiting."))),
    }
