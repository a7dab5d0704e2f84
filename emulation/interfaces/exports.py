"""Exports of the emulation lists through the one streamed exporter
(core.interfaces.exports.export): the page's own filtered queryset, rows straight from the
database CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, choice_labels, export
from emulation.domain.queries.records import with_review_note
from emulation.enums import InitiativeKind, InitiativeScope, InitiativeState
from emulation.enums_movements import MovementKind, MovementState, RegistrationState
from emulation.models.exemplars import ExemplarKind, ExemplarState
from emulation.models.inspections import TASK_OPEN_STATES, TaskState


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


def exemplar_header() -> list[str]:
    return [_("Name"), _("Title"), _("Kind"), _("Unit"), _("Year"), _("State")]


def exemplar_rows(exemplars: QuerySet) -> Iterable[tuple]:
    kinds, states = choice_labels(ExemplarKind), choice_labels(ExemplarState)
    rows = exemplars.values_list("person__full_name", "collective__name", "unit__name", "title",
                                 "kind", "discovered_year", "state").iterator(chunk_size=CHUNK)
    # The subject's name as the page shows it: the person, else the collective, else the unit.
    return ((person or collective or unit, title, kinds.get(kind, kind), unit, year,
             states.get(state, state))
            for person, collective, unit, title, kind, year, state in rows)


def exemplar_export(kind: str, exemplars: QuerySet):
    return export(kind, exemplar_header(), exemplar_rows(exemplars), "dien-hinh-tien-tien",
                  _("Exemplary models"))


def task_header() -> list[str]:
    return [_("Description"), _("Responsible unit"), _("Responsible person"), _("Deadline"),
            _("State"), _("Completion note"), _("Review note")]


def task_rows(tasks: QuerySet, today) -> Iterable[tuple]:
    # The page's state column: an open or returned task past its deadline reads "Overdue"
    # (never stored). The review note is the latest report's (with_review_note).
    labels = {"overdue": _("Overdue"), **choice_labels(TaskState)}
    rows = with_review_note(tasks).values_list(
        "description", "owner_unit__name", "owner_name", "deadline", "state", "closing_note",
        "review_note").iterator(chunk_size=CHUNK)
    return ((description, unit, person, deadline,
             labels["overdue" if state in TASK_OPEN_STATES and deadline < today else state],
             note, review or "")
            for description, unit, person, deadline, state, note, review in rows)


def task_export(kind: str, tasks: QuerySet, today):
    return export(kind, task_header(), task_rows(tasks, today), "viec-khac-phuc",
                  _("Remediation tasks"))


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
