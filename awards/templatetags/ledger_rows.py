"""Rows of the award ledger rendered in Python, one node for the table body (issue 14: a page
of 50 records through template nodes cost ~500 variable lookups, most of the page's time once
its queries were fast). tests/awards/templatetags compares it with the template loop."""

from html import escape

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape as escape_value
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from awards.domain.parameters import law_tables_stamp
from awards.models import AwardRecord, AwardType
from core.templatetags.core_tags import ANY_ID

register = template.Library()

ROW = ('<tr>\n    <td>{}</td>\n    <td>{}</td><td>{}</td><td>{} ({})<div class="muted">{}</div>'
       '</td><td>{}</td>\n    <td>{}</td></tr>\n  ')


@register.simple_tag
def ledger_rows(rows, subjects, amendable):
    """The ledger's rows: `rows` named rows of `awards.domain.queries.ledger_page` (the title's
    and the unit's names as `award_type_name`, `unit_name`), `subjects` their
    `page_subjects`, `amendable` whether the user may amend the records of each granting
    authority (the view asks the rule once per authority). Every text cell goes through
    `html.escape` (django's escape without a SafeString per value: format_html per cell was
    most of the rows' time) and the body is marked safe once."""
    urls = {name: reverse(f"awards:{name}", args=[ANY_ID])
            for name in ("person_profile", "record_revoke", "record_correct")}
    words = {"revoked": escape(_("revoked")), "valid": escape(_("valid")),
             "revoke": escape(_("Revoke")), "correct": escape(pgettext("ledger", "Correct"))}
    return mark_safe("".join(ROW.format(  # noqa: S308 every cell escaped here or in _subject/_status
        _subject(r, subjects, urls), escape(r.award_type_name), r.year,
        escape(r.decision_number),
        r.decision_date.strftime("%d/%m/%Y") if r.decision_date else "", escape(r.issuer),
        escape(r.unit_name), _status(r, amendable.get(r.issuer_unit_id), urls, words))
        for r in rows))


@register.simple_tag
def award_options(types, selected):
    """The filter's <option>s of the titles, `(code, name)` pairs, `selected` the chosen code:
    through template nodes the ~55 options were ~250 variable lookups a request."""
    return mark_safe("".join(  # noqa: S308 code and name escaped here
        '<option value="{}"{}>{}</option>'.format(
            escape(code), " selected" if code == selected else "", escape(name))
        for code, name in types))


# The filter form as rendered for a language and a stamp of the law tables (the titles are one
# of them: `awards.domain.parameters.law_tables_stamp`, changed by the database's triggers on
# every write, whoever writes — a save, `update()`, the law sync through a migration's models,
# hand-written SQL): the text before the search words, between them and the year (the titles'
# options), and after it. Its ~10 translations, the titles' query and their options were
# ~0.5 ms of the ledger's ~5 ms of Python a request (session 11 h2); now one read of the stamp.
_FILTERS: dict[tuple[str, int], tuple[str, str, str]] = {}
_Q, _YEAR = "\x00q\x00", "\x00year\x00"  # where the request's own values go


@register.simple_tag
def ledger_filter(q, chosen, stamp=None):
    """The ledger's filter form (awards/includes/ledger_filter.html) with the search words `q`
    and the `chosen` filters (award, year) filled in; `stamp` the law tables' stamp where the
    page read it with its rows (`awards.domain.queries.around_stamp`), else read here."""
    if stamp is None:
        stamp = law_tables_stamp()
    key = (get_language(), stamp)
    if (parts := _FILTERS.get(key)) is None:
        if len(_FILTERS) >= 8:  # old stamps: a law table was written
            _FILTERS.clear()
        form = render_to_string("awards/includes/ledger_filter.html", {
            "q": _Q, "year": _YEAR, "types": AwardType.objects.values_list("code", "name")})
        head, rest = form.split(_Q)
        parts = (head, *rest.split(_YEAR))
        if stamp is not None:  # no stamp row (emptied by a test's flush): nothing is kept
            _FILTERS[key] = parts
    head, options, tail = parts
    if chosen["award"]:  # as award_options marks it: the option whose code it is, if any
        option = f'<option value="{escape(chosen["award"])}">'
        options = options.replace(option, f'{option[:-1]} selected>', 1)
    return mark_safe(head + escape_value(q) + options + escape_value(chosen["year"]) + tail)  # noqa: S308 the form rendered by the template, the values escaped


def _subject(row, subjects, urls):
    if row.person_id:
        public_id, name = subjects[("person", row.person_id)]
        return '<a href="{}">{}</a>'.format(
            urls["person_profile"].replace(ANY_ID, public_id), escape(name))
    kind = "collective" if row.collective_id else "household"
    return escape(subjects.get((kind, row.collective_id or row.household_id), ("", ""))[1])


def _status(row, can_amend, urls, words):
    if row.revoked:
        # The model's own wording, read off the row (it reads the three revoking_* values).
        by = AwardRecord.revoking_decision.fget(row)
        return '<span class="badge ended">{}</span>{}'.format(words["revoked"], (
            '<div class="muted">{}</div>'.format(escape(
                _("by decision %(decision)s") % {"decision": by})) if by else ""))
    links = ""
    if can_amend:
        links = ' <a href="{}">{}</a>'.format(urls["record_revoke"].replace(
            ANY_ID, str(row.public_id)), words["revoke"])
        if row.source != "decision":
            links += ' <a href="{}">{}</a>'.format(urls["record_correct"].replace(
                ANY_ID, str(row.public_id)), words["correct"])
    return '<span class="badge ok">{}</span>\n      {}'.format(words["valid"], links)
