from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (keeps filters when paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def vn_date(value):
    """dd/mm/yyyy, the way Vietnamese documents write dates."""
    return value.strftime("%d/%m/%Y") if value else ""
