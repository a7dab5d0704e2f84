"""Where a subject already stands for an award and year: holding it (a non-revoked ledger
record) or named for it in an open proposal. Such a subject is shown as such on the eligibility
lists and profiles, never as eligible: the ledger does not take a second award of the same form
for the same year, and a second proposal would duplicate one already on its way.

One set-based query per batch of subjects (a UNION of the ledger and the open nominees, each
side on its (subject, …) index), so screening a province stays one extra query per chunk."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, F, Value
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from awards.domain import providers
from awards.models import AwardRecord
from core.interfaces.compiled import kept_rows

SUBJECT_FIELDS = ("person", "collective", "household")


@dataclass(frozen=True, slots=True)
class Standing:
    """`held`: the award is in the ledger (reference = decision number); else the subject is a
    nominee of an open proposal (reference = the proposal's code)."""

    held: bool
    reference: str

    def __str__(self) -> str:
        if self.held:
            return _("Already awarded: decision no. %(number)s") % {"number": self.reference}
        return _("Being proposed: proposal %(code)s") % {"code": self.reference}


def _subjects_filter(field: str, ids: list[int]) -> tuple[str | None, tuple]:
    """How the subjects `ids` are selected: a dense id range as BETWEEN ("range", its two
    ends: rows of subjects outside the batch are skipped by the caller), a sparse batch on
    PostgreSQL as one array parameter ("array": 51 ids as `IN (…)` were 102 parameters across
    the UNION, each prepared by Django), else as `IN` (None, the ids)."""
    low, high = min(ids), max(ids)
    if high - low + 1 <= 2 * len(ids):
        return "range", (low, high)
    if connection.vendor == "postgresql":
        return "array", (ids,)
    return None, (ids,)


def _where(field: str, kind: str | None, values: tuple) -> dict:
    if kind == "range":
        return {f"{field}_id__gte": values[0], f"{field}_id__lte": values[1]}
    if kind == "array":
        return {f"{field}_id__in": RawSQL("SELECT unnest(%s::bigint[])", (values[0],))}
    return {f"{field}_id__in": values[0]}


def standings(field: str, ids: Iterable[int], awards: Iterable[str],
              year: int) -> dict[tuple[int, str], Standing]:
    """(subject id, award code) → Standing for the subjects `ids` (of kind `field`: person,
    collective or household) and `awards` in `year`. A held award wins over an open proposal.
    One query; none when `ids` is empty. Its SQL is kept per process for the subjects' kind,
    how they are selected and the awards (core.interfaces.compiled.kept_rows): every page of
    "who qualifies" and every chunk of a screening run asks the same."""
    assert field in SUBJECT_FIELDS
    ids, awards = sorted(set(ids)), sorted(set(awards))
    if not ids or not awards:
        return {}
    kind, values = _subjects_filter(field, ids)

    def build(*values_and_year):
        *values, year = values_and_year
        where = _where(field, kind, tuple(values))
        held = (AwardRecord.objects.filter(**where, year=year, revoked=False,
                                           award_type__code__in=awards)
                .annotate(subject=F(f"{field}_id"), code=F("award_type__code"),
                          held=Value(True, output_field=BooleanField()),
                          reference=F("decision_number"))
                .order_by().values_list("subject", "code", "held", "reference"))
        # The open nominees come from the proposals app above (awards.domain.providers), as
        # a queryset of the same columns: still one UNION query.
        return held.union(providers.proposed(where, year, awards, field), all=True)
    key = ("standings", field, kind, tuple(awards)) if kind else None
    wanted, found = set(ids), {}
    for subject, code, is_held, reference in kept_rows(key, build, *values, year, prepare=True):
        key = (subject, code)
        if subject in wanted and (key not in found or (is_held and not found[key].held)):
            found[key] = Standing(bool(is_held), reference)
    return found
