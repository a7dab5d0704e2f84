"""Rows of the people list rendered in Python, one node for the whole table body: a page of 50
people rendered through template nodes cost ~400 variable lookups, the largest share of the
page's time once its queries were fast (issue 14)."""

from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.interfaces.exports import choice_labels
from core.templatetags.core_tags import ANY_ID
from organisations.domain.personal_data import shows_personal_data
from organisations.enums import CollectiveKind, Gender

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


COLLECTIVE_ROW = ('<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n'
                  '  ')


@register.simple_tag
def collective_rows(rows):
    """The collective list's rows: dicts of organisations.views.subjects.COLLECTIVE_COLUMNS,
    escaped as `person_rows`' (what organisations/subject_list.html's loop wrote: the kind's
    label, or its value where it names no kind, as get_kind_display)."""
    detail = reverse("organisations:collective_detail", args=[ANY_ID])
    ended = ' <span class="badge ended">{}</span>'.format(escape(_("ended")))
    kinds = {value: escape(label) for value, label in choice_labels(CollectiveKind).items()}
    return mark_safe("".join(COLLECTIVE_ROW.format(  # noqa: S308 every cell escaped here
        detail.replace(ANY_ID, str(row["public_id"])), escape(row["name"]),
        ended if row["valid_to"] else "", kinds.get(row["kind"]) or escape(row["kind"]),
        escape(row["unit__name"]), int(row["member_count"]))
        for row in rows))


def _birth(person, shown: bool) -> str:
    if not shown:
        return "—"
    return person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""


# The people list's filter form (organisations/person_list.html before session 11): its ~40
# template nodes, fourteen of them `{% translate %}`, were ~0.5 ms of each people page. Its
# words and choices are code, not data (the Gender choices, our own labels), so the skeleton is
# built once per language and URL prefix and a request fills in only what it chose.
_FILTER_FORM = (
    '<form method="get" class="filters card" role="search" hx-get="{list_url}" '
    'hx-target="#person-results" hx-trigger="input changed delay:400ms from:#id_q, change, '
    'submit" hx-push-url="true">\n'
    '  <div><label for="id_q">{name_or_id}</label>\n'
    '    <input type="search" id="id_q" name="q" value="{{q}}" placeholder="{example}" '
    'autocomplete="off"></div>\n'
    '  {{unit}}\n'
    '  <div><label for="id_gender">{gender}</label>\n'
    '    <select id="id_gender" name="gender"><option value="">{all}</option>\n'
    '      {{genders}}</select></div>\n'
    '  <div><label for="id_is_leader">{leader}</label>\n'
    '    <select id="id_is_leader" name="is_leader"><option value="">{all}</option>\n'
    '      {{is_leader}}</select></div>\n'
    '  <div><label for="id_is_direct_worker">{worker}</label>\n'
    '    <select id="id_is_direct_worker" name="is_direct_worker"><option value="">{all}'
    '</option>\n      {{is_direct_worker}}</select></div>\n'
    '  <button type="submit">{search}</button>\n</form>')
_OPTION = '<option value="{}"{}>{}</option>'
_SELECTED = " selected"
_filter_forms: dict[tuple[str, str], tuple[str, tuple, tuple]] = {}


@register.simple_tag
def person_filters(q, unit, chosen):
    """The people list's filter form: the search `q`, the unit filtered on (`unit`, or None) and
    the `chosen` options (organisations.views.people._chosen) filled into the skeleton of the
    current language (`_FILTER_FORM`). Every value from the request is escaped here."""
    skeleton, genders, yes_no = _filter_form()
    return mark_safe(skeleton.format(  # noqa: S308 every value escaped here
        q=escape(q),
        unit=(f'<input type="hidden" name="unit" value="{escape(unit.code)}">'
              if unit else ""),
        genders=_options(genders, chosen["gender"]),
        is_leader="\n      ".join(_options_list(yes_no, chosen["is_leader"])),
        is_direct_worker="\n      ".join(_options_list(yes_no, chosen["is_direct_worker"]))))


def _options(options: tuple, chosen: str) -> str:
    return "".join(_options_list(options, chosen))


def _options_list(options: tuple, chosen: str) -> list[str]:
    return [_OPTION.format(value, _SELECTED if chosen == value else "", label)
            for value, label in options]


def _filter_form() -> tuple[str, tuple, tuple]:
    """The form's skeleton and its escaped options in the current language, built once per
    language and URL prefix (the prefix is a deployment's, the same for every request)."""
    key = (get_language(), get_script_prefix())
    if (kept := _filter_forms.get(key)) is None:
        # braces doubled: the skeleton is formatted again with the request's values
        # each text written as `_("…")`, so that makemessages keeps finding it
        words = {name: _braces(escape(text)) for name, text in (
            ("name_or_id", _("Name or citizen ID")), ("example", _("e.g. nguyen van an")),
            ("gender", _("Gender")), ("all", _("All")), ("leader", _("Leader / manager")),
            ("worker", _("Direct worker")), ("search", _("Search")))}
        kept = _filter_forms[key] = (
            _FILTER_FORM.format(
                list_url=_braces(escape(reverse("organisations:person_list"))), **words),
            tuple((escape(value), escape(label)) for value, label in Gender.choices),
            (("1", escape(_("Yes"))), ("0", escape(_("No")))))
    return kept


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")
