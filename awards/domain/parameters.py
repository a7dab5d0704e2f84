"""Engine parameters read from the catalogue tables, so a province's corrections of dated values
(base salary, rounding, coefficients, criteria) apply to every verdict and every decision."""

from awards.data.lawbook import law_period
from awards.eligibility.laws import Parameters, Row
from awards.models import AwardParameter, BaseSalary, LegalCriterion, RoundingRule


class CatalogueParameters(Parameters):
    def __init__(self):
        rows = [Row("base_salary", b.amount, b.valid_from, b.valid_to, b.citation, b.verified)
                for b in BaseSalary.objects.all()]
        rows += [Row("rounding", [r.step, r.mode], r.valid_from, r.valid_to, r.citation,
                     r.verified) for r in RoundingRule.objects.all()]
        rows += [Row(c.key, c.value, *law_period(c.law), c.citation, c.verified)
                 for c in LegalCriterion.objects.all()]
        rows += [Row(p.key, p.value, p.valid_from, p.valid_to, p.citation, p.verified,
                     award=p.award_type.code)
                 for p in AwardParameter.objects.filter(key__startswith="coefficient_")
                 .select_related("award_type")]
        super().__init__(rows)
