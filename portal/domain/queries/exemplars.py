"""What the public portal may show of exemplary models: only public facts, never CCCD, birth
dates or contacts. Every query here selects the fields it shows, so a template
cannot reach personal data."""


from emulation.exemplars.models import Exemplar
from emulation.exemplars.models.exemplars import ExemplarState
from organisations.domain.queries import search

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
