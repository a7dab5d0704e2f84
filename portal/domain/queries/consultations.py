"""What the public portal may show of consultations: only public facts, never CCCD, birth dates
or contacts. Every query here selects the fields it shows, so a template
cannot reach personal data."""

from django.utils import timezone

from proposals.enums import ACTIVE_NOMINEE_STATUSES
from proposals.models import Consultation, Nominee

NOMINEE_FIELDS = ("public_id", "position", "person__full_name", "collective__name",
                  "household__head__full_name", "unit__name", "award_type__name",
                  "final_award_type__name", "summary")


def open_consultations(today=None):
    today = today or timezone.localdate()
    return (Consultation.objects.filter(closed_at__isnull=True, starts_on__lte=today,
                                        ends_on__gte=today)
            .select_related("proposal__unit").order_by("ends_on"))


def public_nominees(consultation: Consultation) -> list[dict]:
    rows = (Nominee.objects.filter(proposal=consultation.proposal,
                                   status__in=ACTIVE_NOMINEE_STATUSES)
            .order_by("sort_order").values(*NOMINEE_FIELDS))
    return [{"public_id": r["public_id"],
             "name": r["person__full_name"] or r["collective__name"]
             or r["household__head__full_name"],
             "position": r["position"], "unit": r["unit__name"],
             "award": r["final_award_type__name"] or r["award_type__name"],
             "summary": r["summary"]} for r in rows]


# The public facts of a published exemplary model: names, unit, title, story. Never the
# person's CCCD, birth date, phone or e-mail (selected fields only: a template cannot reach them).
