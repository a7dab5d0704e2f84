"""Exports of the initiative registry lists through the one streamed exporter
(core.interfaces.exports.export): the page's own filtered queryset, rows straight from the
database CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, choice_labels, export
from emulation.initiatives.enums import InitiativeKind, InitiativeScope, InitiativeState


def initiative_header() -> list[str]:
    return [_("Code"), _("Initiative title"), _("Kind"), _("Unit"), _("Year"),
            _("Scope of effect"), _("State")]


def initiative_rows(initiatives: QuerySet) -> Iterable[tuple]:
    kinds, scopes = choice_labels(InitiativeKind), choice_labels(InitiativeScope)
    states = choice_labels(InitiativeState)
    rows = initiatives.values_list("code", "title", "kind", "unit__name", "year", "scope",
                                   "state").iterator(chunk_size=CHUNK)
    return ((code, title, kinds.get(kind, kind), unit, year, scopes.get(scope, scope or ""),
             states.get(state, state))
            for code, title, kind, unit, year, scope, state in rows)


def initiative_export(kind: str, initiatives: QuerySet):
    return export(kind, initiative_header(), initiative_rows(initiatives), "sang-kien",
                  _("Initiatives"))
