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
    numbers, booleans, lists, objects), never marked safe, so `html.escape` is Django's `escape`
    without its lazy wrapper — a search page holds hundreds of them. A string is neither
    localised nor moved to a zone (`localize` and `template_localtime` return it as it is): it
    is only escaped, once a page (`seen`: a search's ~1,200 values a page repeat — "", codes,
    kinds — as JSON keys do). A number or a boolean is localised once a page per type and value
    (`seen` keyed by both: 1, 1.0 and True are equal keys but show differently; `localize` read
    the language's formats again for each, ~70 a search page). A list or an object is neither
    localised nor moved either (neither function touches one): shown as `str` shows it."""
    if value is None:
        return "—"
    kind = type(value)
    if kind is str:
        return _text(value, seen)
    if kind is list or kind is dict:
        return escape(str(value))
    if (shown := seen.get(key := (kind, value))) is None:
        shown = seen[key] = escape(str(localize(timezone.template_localtime(value))))
    return shown


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
    without its lazy wrapper and SafeString per value (~11 a row, session 15). The actor's name,
    the action, its sentence and the unit repeat down a page: each escaped once a page (`seen`,
    as the changed values' strings). The time is digits and separators, which escaping leaves
    as they are; `zone` is the reader's (`timezone.localtime` looked it up again for every
    row)."""
    unit = "" if e.unit is None else f'<div class="muted">{_text(str(e.unit), seen)}</div>'
    return (f'<tr><td>{e.at.astimezone(zone).strftime("%d/%m/%Y %H:%M:%S")}</td>'
            f'<td>{_text(e.who, seen)}</td><td><span title="{_text(e.action, seen)}">'
            f'{_text(e.sentence, seen)}</span></td>\n'
            f'    <td>{escape(e.object_label)}{unit}</td>\n'
            f'    <td>{_changes(e.change_rows, seen)}</td>\n'
            f'    <td>{_text(e.reason, seen)}</td></tr>\n')


def _text(text: str, seen: dict) -> str:
    """`text` escaped, once a page."""
    if (shown := seen.get(text)) is None:
        shown = seen[text] = escape(text)
    return shown


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
