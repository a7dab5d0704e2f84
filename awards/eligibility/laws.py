"""Which law governs a case, and the dated parameters in force.

Law versions are ordered objects (`LAWS`, read from `awards/data/legal_parameters.py`): a rule
asks for the law in force on a date and branches by comparing versions (`ctx.law < LAW_2022`),
never by name. Each rule declares the versions it was written for (`judged_under`); the engine
refuses to judge a case under any other version (`UnhandledLaw`), so a third law added as data
cannot silently take an older branch.

Criteria follow the law in force on 1 January of the **achievement year**; money and procedure
follow the **decision date**. Every number, list and switch is a dated row (`Row`) with its
citation: `Parameters` looks them up by date, whether the rows come from the data files (the
command-line engine, tests) or from the database (`awards.domain.parameters`); `Row` and the
conversion of the data files live in `awards/data/lawbook.py`.
"""

import datetime
import functools
import math
from collections import defaultdict
from dataclasses import dataclass

from awards.data import legal_parameters as data
from awards.data.lawbook import Row, law_rows

__all__ = ["DEFAULT_PARAMETERS", "LAWS", "Law", "Parameters", "Row", "UnhandledLaw", "Value",
           "law_for_year", "law_in_force"]


@functools.total_ordering
@dataclass(frozen=True, eq=False)
class Law:
    code: str  # names the version in the data files only; rules never compare it
    title: str
    short: str  # used in citations
    in_force_from: datetime.date
    citation: str

    def __lt__(self, other: "Law") -> bool:
        return self.in_force_from < other.in_force_from

    def __eq__(self, other) -> bool:
        return isinstance(other, Law) and self.in_force_from == other.in_force_from

    def __hash__(self) -> int:
        return hash(self.in_force_from)


LAWS: tuple[Law, ...] = tuple(sorted(Law(*row) for row in data.LAWS))
_BY_CODE = {law.code: law for law in LAWS}
LAW_2013 = _BY_CODE["2013"]
LAW_2022 = _BY_CODE["2022"]


class UnhandledLaw(LookupError):
    """A rule was asked to judge under a law version it does not declare (a new law was added
    as data but the rule not reviewed for it)."""


def law_in_force(on: datetime.date, laws: tuple[Law, ...] | None = None) -> Law:
    """The latest law in force on `on`; dates before the first law known get the first."""
    laws = LAWS if laws is None else laws
    found = laws[0]
    for law in laws:
        if law.in_force_from <= on:
            found = law
    return found


def law_for_year(year: int) -> Law:
    """The law that judges achievements of `year` (in force on its 1 January)."""
    return law_in_force(datetime.date(year, 1, 1))


def criteria_date(law: Law, year: int) -> datetime.date:
    """The date criteria numbers are read at for an achievement year: its 1 January, or the
    law's first day for achievements older than the law."""
    return max(datetime.date(year, 1, 1), law.in_force_from)


def law_by_code(code: str) -> Law:
    return _BY_CODE[code]


def judged_under(*laws: Law):
    """Declare the law versions a rule function handles (checked by the engine)."""
    def mark(rule):
        rule.laws = frozenset(laws)
        return rule
    return mark


def check_handles(award: str, rule, law: Law) -> None:
    if law not in getattr(rule, "laws", ()):
        raise UnhandledLaw(f"{award}: no rule for {law.title} (in force from "
                           f"{law.in_force_from.isoformat()})")


@dataclass(frozen=True)
class Value:
    value: object
    citation: str
    verified: bool = True


class Parameters:
    """Dated lookups over rows. The default instance reads the data files (`awards.data.lawbook`);
    the web app's `CatalogueParameters` passes the database's rows, so a province's corrections
    apply everywhere."""

    def __init__(self, rows=None):
        rows = law_rows() if rows is None else rows
        self._rows: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in rows:
            self._rows[(row.award, row.key)].append(row)
        for found in self._rows.values():
            found.sort(key=lambda r: r.valid_from, reverse=True)
        self._rewards: dict = {}  # (award, kind, date) → reward: a province shares a few dates

    def value(self, key: str, on: datetime.date, award: str = "") -> Value | None:
        """The value of `key` in force on `on`: the latest row started by then and not ended."""
        for row in self._rows.get((award, key), ()):
            if row.valid_from <= on:
                if row.valid_to is None or on <= row.valid_to:
                    return Value(row.value, row.citation, row.verified)
                return None
        return None

    def any_in_force(self, key: str, on: datetime.date, award: str = "") -> Value | None:
        """The latest-started row of `key` in force on `on`, passing over an ended row that
        started later (the filter `valid_from <= on`, `valid_to` empty or `>= on`, newest
        first, that `proposals.domain.deadlines.parameter` ran as a query)."""
        for row in self._rows.get((award, key), ()):
            if row.valid_from <= on and (row.valid_to is None or on <= row.valid_to):
                return Value(row.value, row.citation, row.verified)
        return None

    def criterion(self, key: str, on: datetime.date) -> Value:
        found = self.value(key, on)
        if found is None:
            raise KeyError(f"no criterion {key} in force on {on.isoformat()}")
        return found

    def article(self, law: Law, article: str) -> str:
        """`article` of Law 06/2022/QH15 ("Điều 74", or with its point: "Điều 74 khoản 1 điểm
        a") as numbered in `law` (the dated `articles` row of its period; empty: the rules' own
        numbering). Another law's points are numbered differently, so only its article is
        cited. KeyError when not mapped: a rule must never cite the 2022 number under the old
        law's name."""
        found = self.value("articles", law.in_force_from)
        if found is None:
            raise KeyError(f"no article table for {law.title}")
        if not found.value:
            return article
        head = article.split(" khoản ")[0]
        return found.value[head][0]

    def tracks(self, award: str, on: datetime.date) -> tuple:
        """The award's tracks in force on `on`, in the order tried: (track, subject group,
        article, verified)."""
        found = self.value(f"tracks.{award}", on)
        return tuple(tuple(track) for track in found.value) if found else ()

    def registration_required(self, award: str, year: int) -> Value | None:
        """The citation when `award` needs an emulation registration in achievement `year`."""
        row = self.value("registration_required", datetime.date(year, 1, 1))
        return Value(True, row.citation, row.verified) if row and award in row.value else None

    def base_salary(self, on: datetime.date) -> Value | None:
        return self.value("base_salary", on)

    def rounding(self, on: datetime.date) -> Value | None:
        return self.value("rounding", on)

    def coefficient(self, award: str, subject_kind: str, on: datetime.date) -> Value | None:
        """Coefficient for `subject_kind`; a household gets its own row where the catalogue has
        one, else the household factor in force × the individual coefficient."""
        found = self.value(f"coefficient_{subject_kind}", on, award)
        if found is not None or subject_kind != "household":
            return found
        individual = self.value("coefficient_individual", on, award)
        factor = self.value("household_factor", on)
        if individual is None or factor is None:
            return None
        return Value(round(individual.value * factor.value, 4),
                     f"{individual.citation}; {factor.citation}",
                     individual.verified and factor.verified)

    def reward(self, award: str, subject_kind: str, on: datetime.date) -> dict | None:
        """coefficient × base salary on the decision date, rounded as the decree in force says."""
        key = (award, subject_kind, on)
        if key not in self._rewards:
            self._rewards[key] = self._reward(award, subject_kind, on)
        found = self._rewards[key]
        return dict(found) if found is not None else None

    def _reward(self, award: str, subject_kind: str, on: datetime.date) -> dict | None:
        coefficient = self.coefficient(award, subject_kind, on)
        salary = self.base_salary(on)
        rounding = self.rounding(on)
        if coefficient is None or salary is None or rounding is None:
            return None
        step, mode = rounding.value
        raw = coefficient.value * salary.value
        amount = math.ceil(round(raw, 6) / step) * step if mode == "ceil" else round(raw)
        return {"coefficient": coefficient.value, "base_salary_vnd": salary.value,
                "amount_vnd": int(amount),
                "citation": f"{coefficient.citation}; {rounding.citation}; {salary.citation}"}


DEFAULT_PARAMETERS = Parameters()
