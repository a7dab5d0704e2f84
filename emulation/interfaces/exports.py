"""Exports of the emulation lists through the one streamed exporter
(reports.interfaces.exports.export): the page's own filtered queryset, rows straight from the
database CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from emulation.enums import InitiativeKind, InitiativeScope, InitiativeState
from emulation.models.exemplars import ExemplarKind, ExemplarState
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


def exemplar_header() -> list[str]:
    return [_("Name"), _("Title"), _("Kind"), _("Unit"), _("Year"), _("State")]


def exemplar_rows(exemplars: QuerySet) -> Iterable[tuple]:
    kinds, states = _labels(ExemplarKind), _labels(ExemplarState)
    rows = exemplars.values_list("person__full_name", "collective__name", "unit__name", "title",
                                 "kind", "discovered_year", "state").iterator(chunk_size=CHUNK)
    # The subject's name as the page shows it: the person, else the collective, else the unit.
    return ((person or collective or unit, title, kinds.get(kind, kind), unit, year,
             states.get(state, state))
            for person, collective, unit, title, kind, year, state in rows)


def exemplar_export(kind: str, exemplars: QuerySet):
    return export(kind, exemplar_header(), exemplar_rows(exemplars), "dien-hinh-tien-tien",
                  _("Exemplary models"))
