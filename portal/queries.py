"""What the public portal may show: only public facts, never CCCD, birth dates or contacts.
Every query here selects the fields it shows, so a template cannot reach personal data."""

from django.utils import timezone

from emulation.exemplars.models import Exemplar
from emulation.exemplars.models.exemplars import ExemplarState
from organisations.domain.queries import search
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
EXEMPLAR_FIELDS = ("public_id", "kind", "title", "story", "field", "discovered_year",
                   "source_movement", "movement__name", "person__full_name", "collective__name",
                   "unit__name", "published_at")


def public_exemplar(row: dict) -> dict:
    """A row of EXEMPLAR_FIELDS with the subject's display name and unit."""
    return row | {"name": row["person__full_name"] or row["collective__name"]
                  or row["unit__name"], "unit": row["unit__name"]}


def published_exemplars(q: str | None = None):
    """Published exemplary models, newest first, searchable without diacritics (name, title,
    field, unit), as a values() queryset of public facts (map rows with `public_exemplar`)."""
    rows = search(Exemplar.objects.filter(state=ExemplarState.PUBLISHED), q)
    return rows.order_by("-published_at", "-id").values(*EXEMPLAR_FIELDS)


def published_exemplar(public_id) -> dict | None:
    row = (Exemplar.objects.filter(state=ExemplarState.PUBLISHED, public_id=public_id)
           .values(*EXEMPLAR_FIELDS).first())
    return public_exemplar(row) if row else None
