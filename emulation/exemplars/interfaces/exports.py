"""Exports of the exemplary model and remediation task lists through the one streamed exporter
(core.interfaces.exports.export): the page's own filtered queryset, rows straight from the
database CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, choice_labels, export
from emulation.exemplars.domain.queries.records import with_review_note
from emulation.exemplars.models.exemplars import ExemplarKind, ExemplarState
from emulation.exemplars.models.inspections import TASK_OPEN_STATES, TaskState


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
