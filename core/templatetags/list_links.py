"""A list page's export links and pagination written in Python: the same HTML as
core/includes/export_links.html and core/includes/pagination.html, whose includes — a template
looked up, a context pushed, four `{% query_with %}` and four `{% translate %}` nodes — were
~0.4 ms of a proposal list or appraisal inbox page of ~4 ms (issue 14, session 12). Since
session 17 those two include templates render these tags too, for the pages that include them."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.templatetags.core_tags import query_with

register = template.Library()

EXPORT_LINKS = ('<p class="export-links"><a class="button secondary" href="?{}" download>{}</a> '
                '<a class="button secondary" href="?{}" download>{}</a></p>\n')


@register.simple_tag(takes_context=True)
def export_links(context):
    """The "Export Excel" and "Export CSV" links: the page's own query with `export=`."""
    return mark_safe(EXPORT_LINKS.format(  # noqa: S308 every part escaped here
        escape(query_with(context, export="xlsx")), escape(_("Export Excel")),
        escape(query_with(context, export="csv")), escape(_("Export CSV"))))


@register.simple_tag(takes_context=True)
def pagination(context, page):
    """The "previous" and "next" links of `page` (a core.interfaces.paging.Page) around its
    number, keeping the page's filters; a seek-paged page's links carry its keys."""
    previous = following = ""
    if page.has_previous:
        query = (query_with(context, page=page.previous_page_number, before=page.previous_key,
                            after="") if page.previous_key
                 else query_with(context, page=page.previous_page_number))
        previous = f'<a href="?{escape(query)}">« {escape(_("Previous"))}</a>'
    if page.has_next:
        query = (query_with(context, page=page.next_page_number, after=page.next_key,
                            before="") if page.next_key
                 else query_with(context, page=page.next_page_number))
        following = f'<a href="?{escape(query)}">{escape(_("Next"))} »</a>'
    # blocktranslate escapes the number it fills in, not its own words (an int here)
    number = _("Page %(n)s") % {"n": int(page.number)}
    return mark_safe(  # noqa: S308 every part escaped here
        f'<nav class="pagination" aria-label="{escape(_("Pages"))}">\n  {previous}\n'
        f'  <span>{number}</span>\n  {following}\n</nav>\n')
