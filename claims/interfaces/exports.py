"""Exports of the claims list and of the backlog table through the one streamed exporter
(core.interfaces.exports.export): the page's own queryset and columns. No family records
in the export: code, kind, commune, stage, dates."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from claims.enums import ClaimKind, ClaimState
from core.interfaces.exports import CHUNK, choice_labels, export


def claim_header() -> list[str]:
    return [_("Claim code"), _("Claim kind"), _("Commune"), _("Claimant"), _("Registered on"),
            _("Stage"), _("In this stage since")]


def claim_rows(claims: QuerySet) -> Iterable[tuple]:
    kinds, states = choice_labels(ClaimKind), choice_labels(ClaimState)
    rows = claims.values_list("code", "kind", "unit__name", "claimant_name", "registered_on",
                              "state", "state_changed_at").iterator(chunk_size=CHUNK)
    return ((code, kinds.get(kind, kind), unit, name, registered, states.get(state, state),
             since.date() if since else "")
            for code, kind, unit, name, registered, state, since in rows)


def claim_export(kind: str, claims: QuerySet):
    return export(kind, claim_header(), claim_rows(claims), "ho-so-ton-dong",
                  _("Backlog claims"))


def backlog_header(states) -> list[str]:
    return [_("Commune"), *[str(label) for _value, label in states],
            pgettext("backlog", "Open"), _("Overdue"), _("Oldest open (days)")]


def backlog_export(kind: str, table):
    rows = ([row.unit_name, *row.counts, row.open, row.overdue, row.oldest_days]
            for row in table.rows)
    return export(kind, backlog_header(table.states), rows, "ton-dong-theo-xa",
                  _("Backlog by commune"))
