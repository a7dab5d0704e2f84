"""Engine parameters read from the law tables (`LegalValue`, the coefficients of
`AwardParameter`), so a province's corrections apply to every verdict and every decision.

Caching (issue 14, session 11 h3): `law_tables()` keeps, per process, what the engine and the
checks read from the law tables — the engine's parameters (`catalogue_parameters()`, for every
verdict: submissions, who qualifies, profiles, decisions, claims, the API), the award codes,
the award parameters and the granting-authority rows — and checks, with one primary-key read
per call, the stamp the database changes on every write to those tables (triggers of migration
awards 0027: the sync, the admin, data migrations, bulk and hand-written writes alike; no writer
has to remember anything). The stamp is read before the rows and everything is built at once, so
rows newer than their stamp only cause one rebuild more. The kept objects are shared between
requests: callers read them, never change them."""

import datetime
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection

from awards.eligibility.laws import Parameters, Row
from awards.models import AwardParameter, AwardType, GrantingAuthority, LegalValue

FIELDS = ("key", "value", "valid_from", "valid_to", "citation", "verified")


class CatalogueParameters(Parameters):
    def __init__(self):
        # Plain values, not model instances: built on every screening page and every
        # submission, the ~300 rows as instances were ~4.6 ms of CPU (issue 14).
        rows = [Row(*values) for values in LegalValue.objects.values_list(*FIELDS)]
        rows += [Row(*values, award=code) for *values, code in AwardParameter.objects.filter(
            key__startswith="coefficient_").values_list(*FIELDS, "award_type__code")]
        super().__init__(rows)


@dataclass(frozen=True)
class Authority:
    """A `GrantingAuthority` row as `granting.powers` reads it."""

    award_type_id: int
    unit_level: str
    unit_kind: str
    power: str
    valid_from: datetime.date
    valid_to: datetime.date | None

    def in_force(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class LawTables:
    """One reading of the law tables (see the module docstring)."""

    def __init__(self):
        self.params = CatalogueParameters()
        self.codes: dict[int, str] = dict(AwardType.objects.values_list("id", "code"))
        # code → name, in the catalogue's order: the names "who qualifies" shows (a copy).
        self.award_names: dict[str, str] = dict(AwardType.objects.values_list("code", "name"))
        # (award type id, key) → its rows, latest start first (`AwardParameter` instances:
        # the callers of `parameters_in_force` read their value and citation).
        self.award_parameters: dict[tuple[int, str], list[AwardParameter]] = defaultdict(list)
        for row in AwardParameter.objects.order_by("award_type_id", "key", "-valid_from"):
            self.award_parameters[(row.award_type_id, row.key)].append(row)
        self.authorities: dict[tuple[str, str], list[Authority]] = defaultdict(list)
        for row in GrantingAuthority.objects.order_by().values_list(
                "award_type_id", "unit_level", "unit_kind", "power", "valid_from", "valid_to"):
            authority = Authority(*row)
            self.authorities[(authority.unit_level, authority.unit_kind)].append(authority)

    def award_parameter(self, award_type_id: int, key: str, on: datetime.date):
        """The latest-started row of `key` for the form in force on `on` (both ends
        inclusive), as the query `proposals.domain.checks.parameters_in_force` ran."""
        for row in self.award_parameters.get((award_type_id, key), ()):
            if row.valid_from <= on and (row.valid_to is None or on <= row.valid_to):
                return row
        return None


_cached: tuple[int, LawTables] | None = None
# Inside `one_reading()`: the tables read there (or OPEN before the first read).
_reading: ContextVar[LawTables | object | None] = ContextVar("law_tables_reading", default=None)
OPEN = object()


@contextmanager
def one_reading():
    """Within the block, `law_tables()` checks the stamp once and then answers from that one
    reading: a submission's checks, powers and deadline read the tables at one moment,
    as one statement would. Only for code that does not write the law tables itself (it
    would not see its own change); blocks nest into the outermost one."""
    if _reading.get() is not None:
        yield
        return
    token = _reading.set(OPEN)
    try:
        yield
    finally:
        _reading.reset(token)


def law_tables_stamp() -> int | None:
    """The law tables' current stamp; None when its row is missing (a test's flush emptied
    it): then nothing is kept. Plain SQL: the ORM would spend longer compiling it than the
    database answering."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT stamp FROM awards_law_tables_stamp WHERE id = 1")
        row = cursor.fetchone()
    return None if row is None else row[0]


def law_tables() -> LawTables:
    """The law tables as they stand, read again only when their stamp changed since this
    process last read them (see the module docstring)."""
    reading = _reading.get()
    if isinstance(reading, LawTables):
        return reading
    tables = _current()
    if reading is OPEN:
        _reading.set(tables)
    return tables


def _current() -> LawTables:
    global _cached
    stamp = law_tables_stamp()
    cached = _cached
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1]
    tables = LawTables()
    if stamp is not None:
        _cached = (stamp, tables)  # one assignment: threads see the old pair or the new one
    return tables


def catalogue_parameters() -> CatalogueParameters:
    """`CatalogueParameters()` as the law tables stand (kept per process: `law_tables`)."""
    return law_tables().params
