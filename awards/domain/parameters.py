"""Engine parameters read from the catalogue tables, so a province's corrections of dated values
(base salary, rounding, coefficients) apply to every verdict and every decision."""

from collections import defaultdict

from awards.eligibility.laws import Parameters, Value
from awards.models import AwardParameter, BaseSalary, LegalCriterion, RoundingRule


class CatalogueParameters(Parameters):
    def __init__(self):
        super().__init__(
            base_salary=[(b.amount, b.valid_from, b.valid_to, b.citation, b.verified)
                         for b in BaseSalary.objects.all()],
            rounding=[(r.step, r.mode, r.valid_from, r.valid_to, r.citation, r.verified)
                      for r in RoundingRule.objects.all()],
            criteria=_criteria())
        self._coefficients = defaultdict(list)
        for p in (AwardParameter.objects.filter(key__startswith="coefficient_")
                  .select_related("award_type")):
            self._coefficients[(p.award_type.code, p.key)].append(
                (p.value, p.valid_from, p.valid_to, p.citation, p.verified))

    def coefficient(self, award: str, subject_kind: str, on):
        for value, start, end, citation, verified in self._coefficients[
                (award, f"coefficient_{subject_kind}")]:
            if start <= on and (end is None or on <= end):
                return Value(value, citation, verified)
        return None


def _criteria() -> dict:
    table: dict = defaultdict(dict)
    for c in LegalCriterion.objects.all():
        table[c.law][c.key] = (c.value, c.citation, c.verified)
    return table
