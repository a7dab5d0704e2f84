"""Rows and filter forms of the emulation lists rendered in Python, as the people list's
(organisations.templatetags.organisation_rows): through template nodes a page of 50
initiatives cost a URL reversal, two choice labels and ~8 variable lookups a row, and the
filter form's three loops a `request.GET` lookup an option — ~6 of the page's ~9 ms of Python
once its one query was fast (issue 14, session 15)."""

from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.interfaces.exports import choice_labels
from core.templatetags.core_tags import ANY_ID
from emulation.initiatives.enums import InitiativeKind, InitiativeScope, InitiativeState
from emulation.movements.enums import MovementKind, MovementState

register = template.Library()

INITIATIVE_ROW = ('\n  <tr><td>{}</td><td><a href="{}">{}</a>{}</td>\n'
                  '    <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n  ')


@register.simple_tag
def initiative_rows(rows):
    """The initiative list's rows: dicts of emulation.initiatives.views.initiatives'
    LIST_COLUMNS. Every text cell goes through `html.escape` (what django.utils.html.escape
    does) and the rows are marked safe once; a choice shows its label, or its value where it
    names none (as get_FOO_display), an empty scope "—"."""
    kept = _kept()
    detail, scopes, states = kept["detail"], kept["scopes"], kept["states"]
    topic = kept["topic"]
    return mark_safe("".join(INITIATIVE_ROW.format(  # noqa: S308 every cell escaped here
        escape(row["code"]), detail.replace(ANY_ID, str(row["public_id"])),
        escape(row["title"]), topic if row["kind"] == InitiativeKind.RESEARCH else "",
        escape(row["unit__name"]), int(row["year"]),
        scopes.get(row["scope"]) or escape(row["scope"] or "—"),
        states.get(row["state"]) or escape(row["state"]))
        for row in rows))


MOVEMENT_ROW = ('\n  <tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td>'
                '<td>{}</td></tr>\n  ')


@register.simple_tag
def movement_rows(rows):
    """The movement list's rows: dicts of emulation.movements.views.movements' LIST_COLUMNS,
    escaped as `initiative_rows`; the start date as dd/mm/yyyy (core_tags.vn_date)."""
    kept = _kept()
    detail, kinds, states = kept["movement_detail"], kept["movement_kinds"], kept["movement_states"]
    return mark_safe("".join(MOVEMENT_ROW.format(  # noqa: S308 every cell escaped here
        escape(row["code"]), detail.replace(ANY_ID, str(row["public_id"])), escape(row["name"]),
        kinds.get(row["kind"]) or escape(row["kind"]), escape(row["organiser__name"]),
        row["start_date"].strftime("%d/%m/%Y") if row["start_date"] else "",
        states.get(row["state"]) or escape(row["state"]))
        for row in rows))


_MOVEMENT_FILTERS = (
    '<form method="get" class="filters card" role="search">\n'
    '  <div><label for="id_q">{search_label}</label>\n'
    '    <input type="search" id="id_q" name="q" value="{{q}}" autocomplete="off"></div>\n'
    '  <div><label for="id_kind">{kind}</label>\n'
    '    <select id="id_kind" name="kind"><option value="">{all}</option>\n'
    '      {{kinds}}</select></div>\n'
    '  <div><label for="id_state">{state}</label>\n'
    '    <select id="id_state" name="state"><option value="">{all}</option>\n'
    '      {{states}}</select></div>\n'
    '  <div><label for="id_year">{year}</label>\n'
    '    <input type="number" id="id_year" name="year" value="{{year}}" min="1990" '
    'max="2100"></div>\n'
    '  <button type="submit">{search}</button>\n</form>')


@register.simple_tag
def movement_filters(q, chosen):
    """The movement list's filter form: the search `q` and the `chosen` values of the query
    string filled into the skeleton of the current language, every one escaped here."""
    kept = _kept()
    return mark_safe(kept["movement_filters"].format(  # noqa: S308 every value escaped here
        q=escape(q), kinds=_options(kept["movement_kind_options"], chosen["kind"]),
        states=_options(kept["movement_state_options"], chosen["state"]),
        year=escape(chosen["year"])))


# The filter form (emulation/initiative_list.html before session 15): its words and choices
# are code, so its skeleton is built once per language and URL prefix and a request fills in
# only what it chose.
_INITIATIVE_FILTERS = (
    '<form method="get" class="filters card" role="search" hx-get="{list_url}" '
    'hx-target="#initiative-results" hx-trigger="input changed delay:400ms from:#id_q, change, '
    'submit" hx-push-url="true">\n'
    '  <div><label for="id_q">{search_label}</label>\n'
    '    <input type="search" id="id_q" name="q" value="{{q}}" placeholder="{example}" '
    'autocomplete="off"></div>\n'
    '  {{unit}}\n'
    '  <div><label for="id_kind">{kind}</label>\n'
    '    <select id="id_kind" name="kind"><option value="">{all}</option>\n'
    '      {{kinds}}</select></div>\n'
    '  <div><label for="id_scope">{scope}</label>\n'
    '    <select id="id_scope" name="scope"><option value="">{all}</option>\n'
    '      {{scopes}}</select></div>\n'
    '  <div><label for="id_state">{state}</label>\n'
    '    <select id="id_state" name="state"><option value="">{all}</option>\n'
    '      {{states}}</select></div>\n'
    '  <div><label for="id_year">{year}</label>\n'
    '    <input type="number" id="id_year" name="year" value="{{year}}" min="1990" '
    'max="2100"></div>\n'
    '  <button type="submit">{search}</button>\n</form>')
_OPTION = '<option value="{}"{}>{}</option>'
_kept_parts: dict[tuple[str, str], dict] = {}


@register.simple_tag
def initiative_filters(q, unit, chosen):
    """The initiative list's filter form: the search `q`, the unit filtered on (or None) and
    the `chosen` values of the query string (emulation.initiatives.views.initiatives._chosen)
    filled into the skeleton of the current language. Every value from the request is escaped
    here."""
    kept = _kept()
    return mark_safe(kept["filters"].format(  # noqa: S308 every value escaped here
        q=escape(q),
        unit=(f'<input type="hidden" name="unit" value="{escape(unit.code)}">'
              if unit else ""),
        kinds=_options(kept["kind_options"], chosen["kind"]),
        scopes=_options(kept["scope_options"], chosen["scope"]),
        states=_options(kept["state_options"], chosen["state"]),
        year=escape(chosen["year"])))


def _options(options: tuple, chosen: str) -> str:
    return "".join(_OPTION.format(escape(value), " selected" if chosen == value else "", label)
                   for value, label in options)


def _kept() -> dict:
    """The lists' fixed parts in the current language and URL prefix (a deployment's, the
    same for every request), built on first use."""
    key = (get_language(), get_script_prefix())
    if (kept := _kept_parts.get(key)) is None:
        kept = _kept_parts[key] = _built()
    return kept


def _built() -> dict:
    # Every text written as `_("…")`, so that makemessages keeps finding it (the templates
    # that held these words are gone); braces doubled where the part is formatted again.
    def braced(text: str) -> str:
        return escape(text).replace("{", "{{").replace("}", "}}")

    return {
        "detail": reverse("emulation:initiative_detail", args=[ANY_ID]),
        "topic": ' <span class="badge">{}</span>'.format(escape(_("research topic"))),
        "scopes": {value: escape(label)
                   for value, label in choice_labels(InitiativeScope).items()},
        "states": {value: escape(label)
                   for value, label in choice_labels(InitiativeState).items()},
        "filters": _INITIATIVE_FILTERS.format(
            list_url=braced(reverse("emulation:initiative_list")),
            search_label=braced(_("Code, title or field")),
            example=braced(_("e.g. phan mem quan ly")), kind=braced(_("Kind")),
            all=braced(_("All")), scope=braced(_("Scope of effect")), state=braced(_("State")),
            year=braced(_("Year")), search=braced(_("Search"))),
        "kind_options": tuple((value, escape(str(label)))
                              for value, label in InitiativeKind.choices),
        "scope_options": tuple((value, escape(str(label)))
                               for value, label in InitiativeScope.choices),
        "state_options": tuple((value, escape(str(label)))
                               for value, label in InitiativeState.choices),
        "movement_detail": reverse("emulation:movement_detail", args=[ANY_ID]),
        "movement_kinds": {value: escape(label)
                           for value, label in choice_labels(MovementKind).items()},
        "movement_states": {value: escape(label)
                            for value, label in choice_labels(MovementState).items()},
        "movement_filters": _MOVEMENT_FILTERS.format(
            search_label=braced(_("Code or name")), kind=braced(_("Kind")),
            all=braced(_("All")), state=braced(_("State")), year=braced(_("Year")),
            search=braced(_("Search"))),
        "movement_kind_options": tuple((value, escape(str(label)))
                                       for value, label in MovementKind.choices),
        "movement_state_options": tuple((value, escape(str(label)))
                                        for value, label in MovementState.choices),
    }
