"""The open nominees, for where a subject stands for an award (`awards.domain.queries.standing`,
which unites them with the ledger in one query). Installed into `awards.domain.providers` by
`ProposalsConfig.ready`: awards sits below proposals."""

from django.db.models import BooleanField, CharField, F, Value
from django.db.models.functions import Coalesce

from proposals.enums import ACTIVE_NOMINEE_STATUSES, FINAL_STATES
from proposals.models import Nominee


def open_nominations(where: dict, year: int, awards: list[str], field: str):
    """(subject id, award code, held=False, proposal code) of the subjects selected by `where`
    (on `<field>_id`) named for `awards` in `year` in a proposal not yet final."""
    # The form a nominee stands for is the appraisal's change when there is one.
    return (Nominee.objects.filter(**where, proposal__year=year,
                                   status__in=ACTIVE_NOMINEE_STATUSES)
            .exclude(proposal__state__in=FINAL_STATES)
            .annotate(subject=F(f"{field}_id"),
                      code=Coalesce("final_award_type__code", "award_type__code",
                                    output_field=CharField()),
                      held=Value(False, output_field=BooleanField()),
                      reference=F("proposal__code"))
            .filter(code__in=awards)
            .order_by().values_list("subject", "code", "held", "reference"))
