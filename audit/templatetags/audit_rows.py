"""Rows of the audit log rendered in Python, one node for the whole table body: 100 entries
through template nodes were ~3,200 node renders, most of the page's CPU once its queries were
index reads (issue 14). The markup and the values are the template's as they were."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import mark_safe

register = template.Library()


def _value(value) -> str:
    """A changed value as `{{ value|default_if_none:"—" }}` showed it: localised (numbers,
    dates in the reader's zone) and escaped. The values come from the entry's JSON (strings,
    numbers, lists), never marked safe, so `html.escape` is Django's `escape` without its lazy
    wrapper — a search page holds hundreds of them."""
    return "—" if value is None else escape(str(localize(timezone.template_localtime(value))))


def _changes(rows) -> str:
    return "".join(  # every part escaped here; field names are JSON keys
        f"<div><strong>{escape(str(field))}</strong>: {_value(old)} → {_value(new)}</div>"
        if is_pair else f"<div><strong>{escape(str(field))}</strong>: {_value(new)}</div>"
        for field, is_pair, old, new in rows)


def _row(e) -> str:
    """One entry's row. Its texts are plain strings (labels, names, translated sentences), never
    marked safe: `html.escape` of each is what `format_html` did through `conditional_escape`,
    without its lazy wrapper and SafeString per value (~11 a row, session 15). The time is
    digits and separators, which escaping leaves as they are."""
    unit = "" if e.unit is None else f'<div class="muted">{escape(str(e.unit))}</div>'
    return (f'<tr><td>{timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S")}</td>'
            f'<td>{escape(e.who)}</td><td><span title="{escape(e.action)}">'
            f'{escape(e.sentence)}</span></td>\n'
            f'    <td>{escape(e.object_label)}{unit}</td>\n'
            f'    <td>{_changes(e.change_rows)}</td>\n    <td>{escape(e.reason)}</td></tr>\n')


@register.simple_tag
def audit_rows(entries):
    """The log's rows; each entry carries `who`, `sentence` and `change_rows` (audit.views'
    LogRow), `unit` its unit (or its name), None without one."""
    return mark_safe("".join(_row(e) for e in entries))  # every value escaped in _row
