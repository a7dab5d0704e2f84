"""Exports of the proposal list and of the appraisal inbox, through the one streamed exporter
(core.interfaces.exports.export): the page's own queryset, rows straight from the database
CHUNK at a time, the page's columns."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, choice_labels, export
from proposals.domain.queries.proposals import nominee_count
from proposals.enums import ProposalState


def proposal_header() -> list[str]:
    return [_("Code"), _("Summary (trích yếu)"), _("Proposing unit"), _("Addressed to"),
            _("Year"), _("State")]


def proposal_rows(proposals: QuerySet) -> Iterable[tuple]:
    states = choice_labels(ProposalState)
    rows = proposals.values_list("code", "title", "unit__name", "recipient_unit__name", "year",
                                 "state").iterator(chunk_size=CHUNK)
    return ((*values, states.get(state, state)) for *values, state in rows)


def proposal_export(kind: str, proposals: QuerySet):
    return export(kind, proposal_header(), proposal_rows(proposals), "de-nghi-khen-thuong",
                  _("Award proposals"))


def inbox_header() -> list[str]:
    return [_("Code"), _("Summary (trích yếu)"), _("Proposing unit"), _("Nominees"),
            _("Submitted"), _("State"), _("Step deadline")]


def inbox_rows(proposals: QuerySet) -> Iterable[tuple]:
    states = choice_labels(ProposalState)
    rows = (proposals.annotate(nominee_total=nominee_count())
            .values_list("code", "title", "unit__name", "nominee_total", "submitted_at", "state",
                         "due_on").iterator(chunk_size=CHUNK))
    # .xlsx cells hold no time zone: the submission day as the page shows it.
    return ((code, title, unit, nominees or 0,
             timezone.localdate(submitted) if submitted else None, states.get(state, state), due)
            for code, title, unit, nominees, submitted, state, due in rows)


def inbox_export(kind: str, proposals: QuerySet):
    return export(kind, inbox_header(), inbox_rows(proposals), "ho-so-tham-dinh",
                  _("Appraisal inbox"))
