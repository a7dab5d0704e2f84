from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (keeps filters when paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
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
