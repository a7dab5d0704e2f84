"""Exports of the emulation lists through the one streamed exporter
(reports.interfaces.exports.export): the page's own filtered queryset, rows straight from the
database CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from emulation.enums import InitiativeKind, InitiativeScope, InitiativeState
from reports.interfaces.exports import CHUNK, export


def _labels(choices) -> dict[str, str]:
    # Translated now: the generator runs after the view returned, outside the request language.
    return {value: str(label) for value, label in choices.choices}


def initiative_header() -> list[str]:
    return [_("Code"), _("Initiative title"), _("Kind"), _("Unit"), _("Year"),
            _("Scope of effect"), _("State")]


def initiative_rows(initiatives: QuerySet) -> Iterable[tuple]:
    kinds, scopes = _labels(InitiativeKind), _labels(InitiativeScope)
    states = _labels(InitiativeState)
    rows = initiatives.values_list("code", "title", "kind", "unit__name", "year", "scope",
                                   "state").iterator(chunk_size=CHUNK)
    return ((code, title, kinds.get(kind, kind), unit, year, scopes.get(scope, scope or ""),
             states.get(state, state))
            for code, title, kind, unit, year, scope, state in rows)


def initiative_export(kind: str, initiatives: QuerySet):
    return export(kind, initiative_header(), initiative_rows(initiatives), "sang-kien",
                  _("Initiatives"))
