import functools
from urllib.parse import quote_plus

from django import template
from django.template.loader_tags import BlockNode
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.functional import LazyObject
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (keeps filters when paging); an
    empty value drops the parameter (a seek key of the other direction)."""
    # What `GET.copy()`, assigning the changes and `urlencode()` give, without the copy: a
    # QueryDict's copy is a deep copy of its value lists (~10 µs), and a list page asks for
    # three or four of these links (its export links and its pager). The dict keeps a replaced
    # parameter in its place and appends a new one, as the QueryDict does.
    query = dict(context["request"].GET.lists())
    for key, value in changes.items():
        if value == "":
            query.pop(key, None)
        else:
            query[key] = (value,)
    return "&".join(f"{quote_plus(key)}={quote_plus(str(value))}"
                    for key, values in query.items() for value in values)


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


_UNSET = object()


class FixedNode(template.Node):
    """`{% fixed [value …] %}…{% endfixed %}`: a part of a template rendered once per language,
    script prefix, `layout_urls` and the given values (small and few: the unread count), then
    served from memory. The layout (core/base.html) wraps in it everything between its blocks
    and its per-request values (user, CSRF token, messages, path): ~70 template nodes and ten
    `{% translate %}` on every page otherwise (issue 14.2). Only what those keys decide may go
    inside: translations, `static_once`, `layout_urls`, the language, the given values — never
    the user's data or the CSRF token."""

    # Not walked by `get_nodes_by_type`: a page extending the layout has Django look for the
    # layout's blocks in its whole node tree on every render (ExtendsNode.render), and nine
    # tenths of that tree (115 nodes a walk) are inside fixed parts, where no block may be (the
    # tag refuses one: a block's content varies by page, a fixed part's is kept).
    child_nodelists = ()

    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values
        self.rendered: dict[tuple, str] = {}

    def render(self, context):
        # The key's first part is the same for every fixed part of one render (the layout has
        # eleven): made once a render — three thread-local lookups and the URLs' items were
        # ~4 µs a part. Nothing switches the language or the script prefix during a render for
        # good (`{% language %}` restores it at its end, and no fixed part is inside a block).
        common = context.render_context.get(FixedNode, _UNSET)
        if common is _UNSET:
            urls = context.get("layout_urls")
            common = context.render_context[FixedNode] = None if urls is None else (
                get_language(), get_script_prefix(), tuple(urls.items()))
        if common is None:  # rendered without the site's context processors: as written
            return self._render(context)
        # Ten of the layout's eleven parts have no values: keyed by the common part alone.
        key = (common, *[_plain(value.resolve(context)) for value in self.values]
               ) if self.values else common
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = self._render(context)
        return html

    def _render(self, context):
        # Its own context level: a variable set inside (`{% get_current_language as LANG %}`)
        # must not reach the nodes after it, which would see it only when not served from memory.
        with context.push():
            return self.nodelist.render(context)


def _plain(value) -> tuple:
    """A key part for a value: its type too (0 and "0" render differently under `{% if %}`), and
    a lazy value (the unread count) unwrapped, so the key holds no request's objects."""
    if isinstance(value, LazyObject):
        value.__class__  # noqa: B018 evaluates it
        value = value._wrapped  # noqa: SLF001 what it evaluated to
    return (type(value), value)


@register.tag
def fixed(parser, token):
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% block %} cannot be inside {% fixed %}: the fixed "
                                           "part is kept whatever the page's blocks hold")
    return FixedNode(nodelist, [parser.compile_filter(bit) for bit in token.split_contents()[1:]])
