"""Rows of the award ledger rendered in Python, one node for the table body (issue 14: a page
of 50 records through template nodes cost ~500 variable lookups, most of the page's time once
its queries were fast). tests/awards/templatetags compares it with the template loop."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.templatetags.core_tags import ANY_ID

register = template.Library()

ROW = ('<tr>\n    <td>{}</td>\n    <td>{}</td><td>{}</td><td>{} ({})<div class="muted">{}</div>'
       '</td><td>{}</td>\n    <td>{}</td></tr>\n  ')


@register.simple_tag
def ledger_rows(records):
    """The ledger's rows, records from `awards.domain.queries.ledger_page` (the title's and
    the unit's names as `award_type_name`, `unit_name`); each record carries `can_amend` (set
    by the view). Every text cell
    goes through `html.escape` (django's escape without a SafeString per value: format_html per
    cell was most of the rows' time) and the body is marked safe once."""
    urls = {name: reverse(f"awards:{name}", args=[ANY_ID])
            for name in ("person_profile", "record_revoke", "record_correct")}
    words = {"revoked": escape(_("revoked")), "valid": escape(_("valid")),
             "revoke": escape(_("Revoke")), "correct": escape(pgettext("ledger", "Correct"))}
    return mark_safe("".join(ROW.format(  # noqa: S308 every cell escaped here or in _subject/_status
        _subject(r, urls), escape(r.award_type_name), r.year, escape(r.decision_number),
        r.decision_date.strftime("%d/%m/%Y") if r.decision_date else "", escape(r.issuer),
        escape(r.unit_name), _status(r, urls, words))
        for r in records))


@register.simple_tag
def award_options(types, selected):
    """The filter's <option>s of the titles, `(code, name)` pairs, `selected` the chosen code:
    through template nodes the ~55 options were ~250 variable lookups a request."""
    return mark_safe("".join(  # noqa: S308 code and name escaped here
        '<option value="{}"{}>{}</option>'.format(
            escape(code), " selected" if code == selected else "", escape(name))
        for code, name in types))


def _subject(record, urls):
    if record.person_id:
        return '<a href="{}">{}</a>'.format(urls["person_profile"].replace(
            ANY_ID, str(record.person.public_id)), escape(record.person.full_name))
    return escape(str(record.subject))


def _status(record, urls, words):
    if record.revoked:
        by = record.revoking_decision
        return '<span class="badge ended">{}</span>{}'.format(words["revoked"], (
            '<div class="muted">{}</div>'.format(escape(
                _("by decision %(decision)s") % {"decision": by})) if by else ""))
    links = ""
    if record.can_amend:
        links = ' <a href="{}">{}</a>'.format(urls["record_revoke"].replace(
            ANY_ID, str(record.public_id)), words["revoke"])
        if record.source != "decision":
            links += ' <a href="{}">{}</a>'.format(urls["record_correct"].replace(
                ANY_ID, str(record.public_id)), words["correct"])
    return '<span class="badge ok">{}</span>\n      {}'.format(words["valid"], links)
