"""Engine parameters read from the law tables (`LegalValue`, the coefficients of
`AwardParameter`), so a province's corrections apply to every verdict and every decision."""

from awards.eligibility.laws import Parameters, Row
from awards.models import AwardParameter, LegalValue

FIELDS = ("key", "value", "valid_from", "valid_to", "citation", "verified")


class CatalogueParameters(Parameters):
    def __init__(self):
        # Plain values, not model instances: built on every screening page and every
        # submission, the ~300 rows as instances were ~4.6 ms of CPU (issue 14).
        rows = [Row(*values) for values in LegalValue.objects.values_list(*FIELDS)]
        rows += [Row(*values, award=code) for *values, code in AwardParameter.objects.filter(
            key__startswith="coefficient_").values_list(*FIELDS, "award_type__code")]
        super().__init__(rows)
