"""Rows of the proposal list rendered in Python, one node for the whole table body (as the
people list's, organisations.templatetags.organisation_rows): through template nodes a page of 50
proposals cost a URL reversal and ~10 variable lookups per row, most of the page's time once its
one query was fast (issue 14 point 2: the busiest page of `make load`)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from core.interfaces.exports import choice_labels
from core.templatetags.core_tags import ANY_ID
from proposals.enums import ProposalState

register = template.Library()

PROPOSAL_ROW = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
                '<td><span class="badge">{}</span></td></tr>\n  ')


@register.simple_tag
def proposal_rows(rows):
    """The list's rows: dicts of `proposals.views.proposals.LIST_COLUMNS`."""
    detail = reverse("proposals:detail", args=[ANY_ID])
    states = choice_labels(ProposalState)
    return format_html_join("", PROPOSAL_ROW, (
        (detail.replace(ANY_ID, str(row["public_id"])), row["code"], row["title"],
         row["unit__name"], row["recipient_unit__name"], row["year"],
         states.get(row["state"], row["state"]))
        for row in rows))
