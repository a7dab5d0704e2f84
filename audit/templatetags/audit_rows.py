"""Rows of the audit log rendered in Python, one node for the whole table body: 100 entries
through template nodes were ~3,200 node renders, most of the page's CPU once its queries were
index reads (issue 14). The markup and the values are the template's as they were."""

import threading
from html import escape

from django import template
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def _value(value, seen: dict) -> str:
    """A changed value as `{{ value|default_if_none:"—" }}` showed it: localised (numbers,
    dates in the reader's zone) and escaped. The values come from the entry's JSON (strings,
    numbers, lists), never marked safe, so `html.escape` is Django's `escape` without its lazy
    wrapper — a search page holds hundreds of them. A string is neither localised nor moved to
    a zone (`localize` and `template_localtime` return it as it is): it is only escaped, once a
    page (`seen`: a search's ~1,200 values a page repeat — "", codes, kinds — as JSON keys do)."""
    if value is None:
        return "—"
    if type(value) is str:
        if (shown := seen.get(value)) is None:
            shown = seen[value] = escape(value)
        return shown
    return escape(str(localize(timezone.template_localtime(value))))


def _changes(rows, seen: dict) -> str:
    return "".join(  # every part escaped here; field names are JSON keys (strings)
        f"<div><strong>{_value(str(field), seen)}</strong>: {_value(old, seen)} → "
        f"{_value(new, seen)}</div>"
        if is_pair else f"<div><strong>{_value(str(field), seen)}</strong>: "
        f"{_value(new, seen)}</div>"
        for field, is_pair, old, new in rows)


def _row(e, zone, seen: dict) -> str:
    """One entry's row. Its texts are plain strings (labels, names, translated sentences), never
    marked safe: `html.escape` of each is what `format_html` did through `conditional_escape`,
    without its lazy wrapper and SafeString per value (~11 a row, session 15). The time is
    digits and separators, which escaping leaves as they are; `zone` is the reader's
    (`timezone.localtime` looked it up again for every row)."""
    unit = "" if e.unit is None else f'<div class="muted">{escape(str(e.unit))}</div>'
    return (f'<tr><td>{e.at.astimezone(zone).strftime("%d/%m/%Y %H:%M:%S")}</td>'
            f'<td>{escape(e.who)}</td><td><span title="{escape(e.action)}">'
            f'{escape(e.sentence)}</span></td>\n'
            f'    <td>{escape(e.object_label)}{unit}</td>\n'
            f'    <td>{_changes(e.change_rows, seen)}</td>\n    <td>{escape(e.reason)}</td></tr>\n')


@register.simple_tag
def audit_rows(entries):
    """The log's rows; each entry carries `who`, `sentence` and `change_rows` (audit.views'
    LogRow), `unit` its unit (or its name), None without one."""
    zone = timezone.get_current_timezone()
    seen: dict[str, str] = {}  # strings escaped this page (_value)
    return mark_safe("".join(_row(e, zone, seen) for e in entries))  # every value escaped in _row


# At most this many renderings of the filter form are kept per process (`kept_form`): the
# values come from the query string, so a bound is needed; the oldest goes first.
KEPT_FORMS = 256


class KeptFormNode(template.Node):
    """`{% kept_form form %}…{% endkept_form %}`: the filter form's fields, rendered once per
    language, form class and the fields' values and errors (`aria-invalid`), then served from
    memory: five widgets through Django's form renderer were ~0.8 ms of a ~6 ms log page
    (session 15). Only what the key decides may go inside: the fields, their labels and
    widgets — their values are the request's own query string, never data of the database."""

    def __init__(self, nodelist, form):
        self.nodelist, self.form = nodelist, form
        self.rendered: dict[tuple, str] = {}
        self.lock = threading.Lock()  # a threaded worker's requests share the renderings

    def render(self, context):
        form = self.form.resolve(context)
        key = (get_language(), type(form), form.is_bound,
               tuple((field.value(), bool(field.errors)) for field in form))
        try:
            html = self.rendered.get(key)
        except TypeError:  # a value that is not hashable (a list): rendered each time
            return self._render(context)
        if html is None:
            html = self._render(context)
            with self.lock:
                if len(self.rendered) >= KEPT_FORMS:
                    del self.rendered[next(iter(self.rendered))]
                self.rendered[key] = html
        return html

    def _render(self, context):
        with context.push():  # the loop's variables stay inside, as when served from memory
            return self.nodelist.render(context)


@register.tag
def kept_form(parser, token):
    nodelist = parser.parse(("endkept_form",))
    parser.delete_first_token()
    _tag, form = token.split_contents()
    return KeptFormNode(nodelist, parser.compile_filter(form))
