"""core.templatetags.list_links writes the HTML core/includes/export_links.html and
pagination.html render, for pages by number and by seek key, with queries to escape."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core.interfaces.paging import Page
from core.templatetags.list_links import export_links, pagination

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
        assert (export_links(context) + pagination(context, page)) == INCLUDES.render(context)
