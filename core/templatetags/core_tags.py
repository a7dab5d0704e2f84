import functools

from django import template
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (keeps filters when paging); an
    empty value drops the parameter (a seek key of the other direction)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def may(context, perm: str, obj=None) -> bool:
    """`{% may "app.perm" obj as can_open %}`: whether the signed-in user has `perm` (on `obj`),
    so that a page links only to pages its reader may open, else shows plain text."""
    return context["request"].user.has_perm(perm, obj)


@register.filter
def vn_date(value):
    """dd/mm/yyyy, the way Vietnamese documents write dates."""
    return value.strftime("%d/%m/%Y") if value else ""


@register.filter
def lookup(mapping, key):
    """mapping[key] in a template (e.g. a name by code), the key itself when absent."""
    return mapping.get(key, key)


@register.filter
def vnd(value):
    """Money the Vietnamese way: 2.340.000 đ."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".") + " đ"


# A URL reversed once per page with this id in it; `with_id` puts each row's id in its place,
# so a list renders its row links with a string replacement instead of a URL reversal per row.
ANY_ID = "00000000-0000-0000-0000-000000000000"


@register.simple_tag
def url_for_rows(view_name):
    """`{% url_for_rows 'app:view' as row_url %}` … `{{ row_url|with_id:row.public_id }}`."""
    return reverse(view_name, args=[ANY_ID])


@register.filter
def with_id(url, public_id):
    return url.replace(ANY_ID, str(public_id))


@register.simple_tag
def static_once(path: str) -> str:
    """`{% static path %}` computed once per process: the storage's URL of a file does not
    change while the site runs (a deploy restarts the workers), and the layout's three static
    tags cost ~0.1 ms of every page (issue 14.2)."""
    return _static_url(path)


@functools.cache
def _static_url(path: str) -> str:
    return static(path)


class FixedNode(template.Node):
    """`{% fixed %}…{% endfixed %}`: a part of a template rendered once per language, script
    prefix and `layout_urls`, then served from memory. The layout (core/base.html) wraps in it
    everything between its blocks and its per-request values (user, unread count, CSRF token,
    messages, path): ~70 template nodes and ten `{% translate %}` on every page otherwise
    (issue 14.2). Only what those keys decide may go inside: translations, `static_once`,
    `layout_urls`, the language — never the user's data or the CSRF token."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered: dict[tuple, str] = {}

    def render(self, context):
        urls = context.get("layout_urls")
        if urls is None:  # rendered without the site's context processors: as written
            return self._render(context)
        key = (get_language(), get_script_prefix(), tuple(urls.items()))
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = self._render(context)
        return html

    def _render(self, context):
        # Its own context level: a variable set inside (`{% get_current_language as LANG %}`)
        # must not reach the nodes after it, which would see it only when not served from memory.
        with context.push():
            return self.nodelist.render(context)


@register.tag
def fixed(parser, token):
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return FixedNode(nodelist)
