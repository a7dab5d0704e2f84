"""Rows of the audit log rendered in Python, one node for the whole table body: 100 entries
through template nodes were ~3,200 node renders, most of the page's CPU once its queries were
index reads (issue 14). The markup and the values are the template's as they were."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

ROW = ('<tr><td>{}</td><td>{}</td><td><span title="{}">{}</span></td>\n'
       '    <td>{}{}</td>\n    <td>{}</td>\n    <td>{}</td></tr>\n')
UNIT = '<div class="muted">{}</div>'


def _value(value) -> str:
    """A changed value as `{{ value|default_if_none:"—" }}` showed it: localised (numbers,
    dates in the reader's zone) and escaped. The values come from the entry's JSON (strings,
    numbers, lists), never marked safe, so `html.escape` is Django's `escape` without its lazy
    wrapper — a search page holds hundreds of them."""
    return "—" if value is None else escape(str(localize(timezone.template_localtime(value))))


def _changes(rows) -> str:
    return mark_safe("".join(  # every part escaped above; field names are JSON keys
        f"<div><strong>{escape(str(field))}</strong>: {_value(old)} → {_value(new)}</div>"
        if is_pair else f"<div><strong>{escape(str(field))}</strong>: {_value(new)}</div>"
        for field, is_pair, old, new in rows))


@register.simple_tag
def audit_rows(entries):
    """The log's rows; each entry carries `who`, `sentence` and `change_rows` (set by the
    view)."""
    return format_html_join("", ROW, (
        (timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"), e.who, e.action, e.sentence,
         e.object_label, format_html(UNIT, e.unit) if e.unit else "",
         _changes(e.change_rows), e.reason)
        for e in entries))
