"""The decision list's rows rendered in Python, one node for the table body (as the people
list's, organisations.templatetags.organisation_rows): through template nodes each row cost a
URL reversal, two choice labels, a date filter and ~10 variable lookups (session 15)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.interfaces.exports import choice_labels
from core.templatetags.core_tags import ANY_ID
from decisions.enums import DecisionKind, DecisionState

register = template.Library()

DECISION_ROW = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
                '<td>{}</td></tr>\n  ')


@register.simple_tag
def decision_rows(rows):
    """The list's rows: dicts of decisions.views.decisions.LIST_COLUMNS. Every text cell goes
    through `html.escape` (what django.utils.html.escape does) and the rows are marked safe
    once; the number as Decision.number_label writes it, the date as dd/mm/yyyy or "—", a
    choice as its label or, naming none, its value (as get_FOO_display)."""
    detail = reverse("decisions:detail", args=[ANY_ID])
    kinds = {value: escape(label) for value, label in choice_labels(DecisionKind).items()}
    states = {value: escape(label) for value, label in choice_labels(DecisionState).items()}
    return mark_safe("".join(DECISION_ROW.format(  # noqa: S308 every cell escaped here
        detail.replace(ANY_ID, str(row["public_id"])), escape(_number_label(row)),
        row["date"].strftime("%d/%m/%Y") if row["date"] else "—", escape(row["summary"]),
        escape(row["issuer__name"]), kinds.get(row["kind"]) or escape(row["kind"]),
        states.get(row["state"]) or escape(row["state"]))
        for row in rows))


def _number_label(row: dict) -> str:
    # decisions.models.Decision.number_label
    if row["number"] is None:
        return f"…/{row['symbol']}"
    return f"{row['number']:02d}/{row['symbol']}"
