"""Rows of the people list rendered in Python, one node for the whole table body: a page of 50
people rendered through template nodes cost ~400 variable lookups, the largest share of the
page's time once its queries were fast (issue 14)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.interfaces.exports import choice_labels
from core.templatetags.core_tags import ANY_ID
from organisations.domain.personal_data import shows_personal_data
from organisations.enums import Gender

register = template.Library()

PERSON_ROW = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td>\n'
              '    <td>{}</td><td>{}</td>\n    <td>{} {}</td></tr>\n')


@register.simple_tag
def person_rows(people, personal_units):
    """The people list's rows: `people` named rows of organisations.views.people's
    PERSON_PAGE_FIELDS, `personal_units` the user's `personal_data_units` (a birth date only
    where the rule allows, row by row). Every text cell goes through `html.escape` — what
    django.utils.html.escape does, without its SafeString per value (format_html_join's
    conditional_escape per cell cost ~3× as much, as on the proposal list) — and the
    assembled rows are marked safe once; the link is our own URL with a UUID in it, the
    badges our own markup."""
    detail = reverse("organisations:person_detail", args=[ANY_ID])
    leader = '<span class="badge">{}</span>'.format(escape(_("leader")))
    worker = '<span class="badge">{}</span>'.format(escape(_("direct worker")))
    genders = {value: escape(label) for value, label in choice_labels(Gender).items()}
    return mark_safe("".join(PERSON_ROW.format(  # noqa: S308 every cell escaped here
        detail.replace(ANY_ID, str(p.public_id)), escape(p.full_name),
        genders.get(p.gender) or escape(p.gender),
        _birth(p, shows_personal_data(personal_units, p.unit_id)),
        escape(p.unit__name or "—"), escape(p.position),
        leader if p.is_leader else "", worker if p.is_direct_worker else "")
        for p in people))


def _birth(person, shown: bool) -> str:
    if not shown:
        return "—"
    return person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
