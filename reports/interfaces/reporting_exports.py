"""Exports of the reporting-discipline lists (report requests, overdue filings) through the one
streamed exporter (core.interfaces.exports.export): the page's own queryset, rows straight
from the database CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, choice_labels, export
from reports.enums import FilingState, ReportKind, RequestState


def request_header() -> list[str]:
    return [_("Title"), _("Kind"), _("Year"), _("Requesting unit"), _("Due date"), _("Filed"),
            _("State")]


def request_rows(requests: QuerySet) -> Iterable[tuple]:
    """Rows of requests annotated with n_targets and n_filed, as the page is."""
    kinds, states = choice_labels(ReportKind), choice_labels(RequestState)
    rows = requests.values_list("title", "kind", "year", "requester__name", "due_date",
                                "n_filed", "n_targets", "state").iterator(chunk_size=CHUNK)
    return ((title, kinds.get(kind, kind), year, requester, due, f"{filed}/{targets}",
             states.get(state, state))
            for title, kind, year, requester, due, filed, targets, state in rows)


def request_export(kind: str, requests: QuerySet):
    return export(kind, request_header(), request_rows(requests), "yeu-cau-bao-cao",
                  _("Report requests"))


def overdue_header() -> list[str]:
    return [_("Unit"), _("Report"), _("Requesting unit"), _("Due date"), _("State")]


def overdue_rows(filings: QuerySet) -> Iterable[tuple]:
    states = choice_labels(FilingState)
    rows = filings.values_list("unit__name", "request__title", "request__requester__name",
                               "due_date", "state").iterator(chunk_size=CHUNK)
    return ((*values, states.get(state, state)) for *values, state in rows)


def overdue_export(kind: str, filings: QuerySet):
    return export(kind, overdue_header(), overdue_rows(filings), "bao-cao-qua-han",
                  _("Overdue reports"))
