"""Engine parameters read from the law tables (`LegalValue`, the coefficients of
`AwardParameter`), so a province's corrections apply to every verdict and every decision."""

from awards.eligibility.laws import Parameters, Row
from awards.models import AwardParameter, LegalValue


class CatalogueParameters(Parameters):
    def __init__(self):
        rows = [Row(v.key, v.value, v.valid_from, v.valid_to, v.citation, v.verified)
                for v in LegalValue.objects.all()]
        rows += [Row(p.key, p.value, p.valid_from, p.valid_to, p.citation, p.verified,
                     award=code)
                 for p, code in _with_codes(AwardParameter.objects.filter(
                     key__startswith="coefficient_"))]
        super().__init__(rows)


def _with_codes(qs):
    qs = qs.select_related("award_type").only(
        "key", "value", "valid_from", "valid_to", "citation", "verified", "award_type__code")
    return ((p, p.award_type.code) for p in qs)
