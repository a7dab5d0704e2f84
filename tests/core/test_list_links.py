"""core.templatetags.list_links writes the HTML core/includes/export_links.html and
pagination.html render, for pages by number and by seek key, with queries to escape."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core.interfaces.paging import Page
from core.templatetags.core_tags import query_with
from core.templatetags.list_links import export_links, pagination

# What core/includes/export_links.html and pagination.html were as templates (before session
# 17 they render these tags): the HTML the tags must still write.
TEMPLATES = Template(
    "{% load i18n core_tags %}<p class=\"export-links\"><a class=\"button secondary\" "
    "href=\"?{% query_with export='xlsx' %}\" download>{% translate \"Export Excel\" %}</a> "
    "<a class=\"button secondary\" href=\"?{% query_with export='csv' %}\" download>"
    "{% translate \"Export CSV\" %}</a></p>\n"
    "<nav class=\"pagination\" aria-label=\"{% translate 'Pages' %}\">\n"
    "  {% if page.has_previous %}<a href=\"?{% if page.previous_key %}{% query_with "
    "page=page.previous_page_number before=page.previous_key after='' %}{% else %}"
    "{% query_with page=page.previous_page_number %}{% endif %}\">« {% translate \"Previous\" %}"
    "</a>{% endif %}\n"
    "  <span>{% blocktranslate trimmed with n=page.number %}Page {{ n }}{% endblocktranslate %}"
    "</span>\n"
    "  {% if page.has_next %}<a href=\"?{% if page.next_key %}{% query_with "
    "page=page.next_page_number after=page.next_key before='' %}{% else %}{% query_with "
    "page=page.next_page_number %}{% endif %}\">{% translate \"Next\" %} »</a>{% endif %}\n"
    "</nav>\n")
INCLUDES = Template('{% include "core/includes/export_links.html" %}'
                   '{% include "core/includes/pagination.html" %}')


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("query", ["", "?q=%3C%22%26&state=draft", "?page=3&q=a%20b",
                                   "?after=xyz&page=2"])
@pytest.mark.parametrize("page", [
    Page([1], 1, False, 50), Page([1], 1, True, 50), Page([1], 2, True, 50),
    Page([], 9999, False, 50), Page([1], 3, True, 50, next_key="n<&>", previous_key="p\"k"),
    Page([1], 2, False, 50, previous_key="pk")])
def test_the_links_are_those_of_the_includes(language, query, page):
    request = RequestFactory().get("/proposals/" + query)
    context = Context({"request": request, "page": page})
    with translation.override(language):
        expected = TEMPLATES.render(context)
        assert (export_links(context) + pagination(context, page)) == expected
        assert INCLUDES.render(context) == expected


@pytest.mark.parametrize("query", [
    "", "?q=%3C%22%26&state=draft", "?page=3&q=a%20b+c", "?q=nguy%E1%BB%85n&q=x&page=2&q=y",
    "?after=xyz&page=2&before=", "?a=%2B%26%3D%25&b=", "?export=csv&unit=7&gender=female"])
@pytest.mark.parametrize("changes", [
    {"export": "xlsx"}, {"page": 4}, {"page": 2, "after": "k<&>", "before": ""},
    {"page": 1, "before": "p\"k é", "after": ""}, {"q": ""}, {"q": "a b+c", "zz": "new"}])
def test_query_with_is_the_querydicts_copy_changed_and_encoded(query, changes):
    """core_tags.query_with builds the query without copying the QueryDict: the same string as
    the copy with the changes assigned (an empty value popped) and urlencode() — a replaced
    parameter in its place, a new one last, repeated values kept."""
    request = RequestFactory().get("/proposals/" + query)
    expected = request.GET.copy()
    for key, value in changes.items():
        if value == "":
            expected.pop(key, None)
        else:
            expected[key] = value
    assert query_with(Context({"request": request}), **changes) == expected.urlencode()
