"""Rows of the award ledger rendered in Python, one node for the table body (issue 14: a page
of 50 records through template nodes cost ~500 variable lookups, most of the page's time once
its queries were fast). tests/awards/templatetags compares it with the template loop."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.templatetags.core_tags import ANY_ID

register = template.Library()

ROW = ('<tr>\n    <td>{}</td>\n    <td>{}</td><td>{}</td><td>{} ({})<div class="muted">{}</div>'
       '</td><td>{}</td>\n    <td>{}</td></tr>\n  ')


@register.simple_tag
def ledger_rows(records):
    """The ledger's rows; each record carries `can_amend` (set by the view)."""
    urls = {name: reverse(f"awards:{name}", args=[ANY_ID])
            for name in ("person_profile", "record_revoke", "record_correct")}
    words = {"revoked": _("revoked"), "valid": _("valid"), "revoke": _("Revoke"),
             "correct": pgettext("ledger", "Correct")}
    return format_html_join("", ROW, (
        (_subject(r, urls), r.award_type.name, r.year, r.decision_number,
         r.decision_date.strftime("%d/%m/%Y") if r.decision_date else "", r.issuer, r.unit,
         _status(r, urls, words))
        for r in records))


def _subject(record, urls):
    if record.person_id:
        return format_html('<a href="{}">{}</a>', urls["person_profile"].replace(
            ANY_ID, str(record.person.public_id)), record.person.full_name)
    return record.subject


def _status(record, urls, words):
    if record.revoked:
        by = record.revoking_decision
        return format_html('<span class="badge ended">{}</span>{}', words["revoked"], format_html(
            '<div class="muted">{}</div>', _("by decision %(decision)s") % {"decision": by})
            if by else "")
    links = ""
    if record.can_amend:
        links = format_html(' <a href="{}">{}</a>', urls["record_revoke"].replace(
            ANY_ID, str(record.public_id)), words["revoke"])
        if record.source != "decision":
            links += format_html(' <a href="{}">{}</a>', urls["record_correct"].replace(
                ANY_ID, str(record.public_id)), words["correct"])
    return format_html('<span class="badge ok">{}</span>\n      {}', words["valid"], links)
