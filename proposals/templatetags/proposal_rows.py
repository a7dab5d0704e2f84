"""Rows of the proposal list rendered in Python, one node for the whole table body (as the
people list's, organisations.templatetags.organisation_rows): through template nodes a page of 50
proposals cost a URL reversal and ~10 variable lookups per row, most of the page's time once its
one query was fast (issue 14 point 2: the busiest page of `make load`)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.interfaces.exports import choice_labels
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
    and the assembled rows are marked safe once; the link is our own URL with a UUID in it."""
    detail = reverse("proposals:detail", args=[ANY_ID])
    states = {value: escape(label) for value, label in choice_labels(ProposalState).items()}
    return mark_safe("".join(PROPOSAL_ROW.format(  # noqa: S308 every cell escaped above
        detail.replace(ANY_ID, str(row["public_id"])), escape(row["code"]), escape(row["title"]),
        escape(row["unit__name"]), escape(row["recipient_unit__name"]), int(row["year"]),
        states.get(row["state"]) or escape(row["state"]))
        for row in rows))


INBOX_ROW = ('\n  <tr{}><td data-label="{}"><a href="{}">{}</a></td><td data-label="{}">{}</td>'
             '<td data-label="{}">{}</td><td data-label="{}">{}</td>\n    <td data-label="{}">{}'
             '</td><td data-label="{}">{}</td>\n    <td data-label="{}">{}{}</td></tr>\n  ')


@register.simple_tag
def inbox_rows(rows, today):
    """The appraisal inbox's rows: dicts of `proposals.domain.queries.proposals.INBOX_COLUMNS`
    plus `nominee_total`, overdue ones (a step deadline before `today`) marked. Escaped as
    `proposal_rows`; the column labels (each cell's data-label, the stacked layout on a phone)
    are translated once a page instead of seven times a row."""
    detail = reverse("proposals:detail", args=[ANY_ID])
    states = {value: escape(label) for value, label in choice_labels(ProposalState).items()}
    labels = [escape(str(label)) for label in inbox_header()]
    overdue = (' class="overdue"', ' <span class="badge danger">{}</span>'.format(
        escape(_("overdue"))))
    return mark_safe("".join(_inbox_row(row, detail, states, labels, overdue, today)  # noqa: S308 escaped in _inbox_row
                             for row in rows))


def _inbox_row(row, detail, states, labels, overdue, today):
    late = row["due_on"] is not None and row["due_on"] < today
    submitted = row["submitted_at"]
    cells = (
        detail.replace(ANY_ID, str(row["public_id"])), escape(row["code"]), escape(row["title"]),
        escape(row["unit__name"]), int(row["nominee_total"] or 0),
        timezone.localtime(submitted).strftime("%d/%m/%Y") if submitted else "",
        states.get(row["state"]) or escape(row["state"]),
        row["due_on"].strftime("%d/%m/%Y") if row["due_on"] else "—")
    return INBOX_ROW.format(
        overdue[0] if late else "", labels[0], cells[0], cells[1], labels[1], cells[2], labels[2],
        cells[3], labels[3], cells[4], labels[4], cells[5], labels[5], cells[6], labels[6],
        cells[7], overdue[1] if late else "")
