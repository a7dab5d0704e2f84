"""Exports of the movement and registration lists through the one streamed exporter
(core.interfaces.exports.export): the page's own filtered queryset, rows straight from the
database CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, choice_labels, export
from emulation.movements.enums import MovementKind, MovementState, RegistrationState


def movement_header() -> list[str]:
    return [_("Code"), _("Name"), _("Kind"), _("Organiser"), _("Start date"), _("State")]


def movement_rows(movements: QuerySet) -> Iterable[tuple]:
    kinds, states = choice_labels(MovementKind), choice_labels(MovementState)
    rows = movements.values_list("code", "name", "kind", "organiser__name", "start_date",
                                 "state").iterator(chunk_size=CHUNK)
    return ((code, name, kinds.get(kind, kind), organiser, start, states.get(state, state))
            for code, name, kind, organiser, start, state in rows)


def movement_export(kind: str, movements: QuerySet):
    return export(kind, movement_header(), movement_rows(movements), "phong-trao-thi-dua",
                  _("Emulation movements"))


def registration_header() -> list[str]:
    return [_("Movement"), _("Unit"), _("Year"), _("State"), _("Individuals"),
            _("Collectives")]


def registration_rows(registrations: QuerySet) -> Iterable[tuple]:
    """Rows of registrations annotated with their entry counts (with_entry_counts)."""
    states = choice_labels(RegistrationState)
    rows = registrations.values_list("movement__code", "unit__name", "year", "state",
                                     "individuals", "collectives").iterator(chunk_size=CHUNK)
    return ((movement, unit, year, states.get(state, state), individuals, collectives)
            for movement, unit, year, state, individuals, collectives in rows)


def registration_export(kind: str, registrations: QuerySet):
    return export(kind, registration_header(), registration_rows(registrations),
                  "dang-ky-thi-dua", _("Registrations"))
