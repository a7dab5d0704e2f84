"""Which law governs a case, and the dated parameters in force.

Criteria follow the law in force for the **achievement year**: years before 2024 are judged by the
Law on Emulation and Commendation 2003 (amended 2013) and Decree 91/2017/NĐ-CP; from 2024 by Law
06/2022/QH15. Money and procedure follow the **decision date**: Decree 91/2017 before 2024,
Decree 98/2023 until 30/6/2025, Decree 152/2025 from 1/7/2025.
"""

import datetime
import math
from dataclasses import dataclass

from awards.data import legal_parameters as data

LAW_2022_FROM_YEAR = 2024


@dataclass(frozen=True)
class Law:
    key: str  # "2013" | "2022"
    title: str
    short: str  # used in citations


LAW_2013 = Law("2013", "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013)",
               "Luật TĐKT 2003 (sửa đổi 2013)")
LAW_2022 = Law("2022", "Luật Thi đua, khen thưởng 06/2022/QH15", "Luật TĐKT 2022")


def law_for_year(year: int) -> Law:
    return LAW_2022 if year >= LAW_2022_FROM_YEAR else LAW_2013


def decree_for_date(on: datetime.date) -> str:
    if on >= datetime.date(2025, 7, 1):
        return "Nghị định 152/2025/NĐ-CP"
    if on >= datetime.date(2024, 1, 1):
        return "Nghị định 98/2023/NĐ-CP"
    return "Nghị định 91/2017/NĐ-CP"


@dataclass(frozen=True)
class Value:
    value: object
    citation: str
    verified: bool = True


def _in_force(rows, on: datetime.date):
    for row in rows:
        start, end = row[-4], row[-3]
        if start <= on and (end is None or on <= end):
            return row
    return None


class Parameters:
    """Dated parameter lookups. The default instance reads `awards.data.legal_parameters`; the web
    app passes an instance built from the catalogue tables (same shape), so a province's
    corrections apply everywhere."""

    def __init__(self, *, base_salary=data.BASE_SALARY, rounding=data.ROUNDING,
                 coefficients=data.COEFFICIENTS, household_factor=data.HOUSEHOLD_FACTOR,
                 criteria=data.CRITERIA, registration=data.REGISTRATION_REQUIRED,
                 articles=data.ARTICLES, tracks=data.TRACKS):
        self.base_salary_rows = base_salary
        self.rounding_rows = rounding
        self.coefficient_rows = coefficients
        self.household_rows = household_factor
        self.criteria_table = criteria
        self.registration_rows = registration
        self.articles = articles
        self.track_table = tracks
        self._rewards: dict = {}  # (award, kind, date) → reward: a province shares a few dates

    def criterion(self, law: Law, key: str) -> Value:
        value, citation, verified = self.criteria_table[law.key][key]
        return Value(value, citation, verified)

    def article(self, law: Law, article: str) -> str:
        """`article` of Law 06/2022/QH15 ("Điều 74", or with its point: "Điều 74 khoản 1 điểm
        a") as numbered in `law`. Another law's points are numbered differently, so only its
        article is cited. KeyError when not mapped: a rule must never cite the 2022 number
        under the old law's name."""
        table = self.articles[law.key]
        if not table:
            return article
        head = article.split(" khoản ")[0]
        return table[head][0]

    def tracks(self, award: str) -> tuple:
        """The award's tracks, in the order tried: (track, subject group, article, verified)."""
        return self.track_table.get(award, ())

    def registration_required(self, award: str, year: int) -> Value | None:
        """The citation when `award` needs an emulation registration in achievement `year`."""
        row = _in_force(self.registration_rows, datetime.date(year, 1, 1))
        return Value(True, row[3], row[4]) if row and award in row[0] else None

    def base_salary(self, on: datetime.date) -> Value | None:
        row = _in_force(self.base_salary_rows, on)
        return Value(row[0], row[3], row[4]) if row else None

    def rounding(self, on: datetime.date) -> Value | None:
        row = _in_force(self.rounding_rows, on)
        return Value((row[0], row[1]), row[4], row[5]) if row else None

    def coefficient(self, award: str, subject_kind: str, on: datetime.date) -> Value | None:
        """Coefficient for `subject_kind`; households get the household factor × individual,
        only while a household factor is in force (Decree 152/2025 Art. 54)."""
        row = next((r for r in self.coefficient_rows if award in r[0]
                    and r[1] <= on and (r[2] is None or on <= r[2])), None)
        if row is None:
            return None
        individual, collective = row[0][award]
        if subject_kind == "collective":
            return Value(collective, row[3], row[4]) if collective is not None else None
        if individual is None:
            return None
        if subject_kind == "household":
            factor = _in_force(self.household_rows, on)
            if factor is None:
                return None
            return Value(round(individual * factor[0], 4), f"{row[3]}; {factor[3]}",
                         row[4] and factor[4])
        return Value(individual, row[3], row[4])

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
