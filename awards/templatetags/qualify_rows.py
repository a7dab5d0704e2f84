"""Rows of "who qualifies" rendered in Python, one node for the table body: 50 rows through
template nodes (a URL reversal, a lookup and a money filter per row) were ~16 ms of the page's
~45 ms of CPU at province scale (issue 14: its p50 was the one list over 150 ms).
tests/awards/templatetags compares it with the template loop it replaced."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.templatetags.core_tags import ANY_ID, vnd

register = template.Library()

ROW = ('<tr><td><a href="{}?year={}">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\n'
       '    {}</tr>\n  ')
STANDING = '<td><span class="badge ended">{}</span></td><td></td>'
ELIGIBLE = '<td><span class="badge ok">{}</span></td><td>{}</td>'


@register.simple_tag
def qualify_rows(rows, year, names):
    """The page's (person, verdict, standing) rows. Every text cell goes through `html.escape`
    (Django's escape without a SafeString per value) and the body is marked safe once."""
    profile = reverse("awards:person_profile", args=[ANY_ID])
    eligible = escape(_("Eligible"))
    return mark_safe("".join(ROW.format(  # noqa: S308 every cell escaped here
        profile.replace(ANY_ID, str(person.public_id)), year, escape(person.full_name),
        escape(str(person.unit)), escape(person.position),
        escape(str(names.get(verdict.award, verdict.award))),
        STANDING.format(escape(str(standing))) if standing
        else ELIGIBLE.format(eligible, escape(vnd(_amount(verdict)))))
        for person, verdict, standing in rows))


def _amount(verdict):
    """`verdict.reward.amount_vnd` as the template read it (the engine's reward is a dict or
    None): "" where there is no reward or no amount."""
    return (verdict.reward or {}).get("amount_vnd", "")
