"""Rows of the people list rendered in Python, one node for the whole table body: a page of 50
people rendered through template nodes cost ~400 variable lookups, the largest share of the
page's time once its queries were fast (issue 14)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.templatetags.core_tags import ANY_ID

register = template.Library()

PERSON_ROW = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td>\n'
              '    <td>{}</td><td>{}</td>\n    <td>{} {}</td></tr>\n')


@register.simple_tag
def person_rows(people):
    """The people list's rows; each person carries `shows_personal` (set by the view)."""
    detail = reverse("organisations:person_detail", args=[ANY_ID])
    leader = format_html('<span class="badge">{}</span>', _("leader"))
    worker = format_html('<span class="badge">{}</span>', _("direct worker"))
    return format_html_join("", PERSON_ROW, (
        (detail.replace(ANY_ID, str(p.public_id)), p.full_name, p.get_gender_display(),
         p.birth_date.strftime("%d/%m/%Y") if p.shows_personal and p.birth_date
         else ("" if p.shows_personal else "—"),
         (p.unit.name if p.unit_id else "") or "—", p.position,
         leader if p.is_leader else "", worker if p.is_direct_worker else "")
        for p in people))
