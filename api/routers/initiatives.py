"""The initiative registry, read through the same permission-aware query as the back office."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from api.pagination import LimitOffsetPagination
from api.schemas import InitiativeDetailOut, InitiativeOut
from core.interfaces.guards import require
from emulation.initiatives.domain.queries.initiatives import initiatives_for_user
from emulation.initiatives.models import InitiativeAuthor

router = Router(tags=["initiatives"])


def _with_authors(qs):
    return qs.prefetch_related(Prefetch(
        "authors", queryset=InitiativeAuthor.objects.select_related("person")))


@router.get("/initiatives", response=list[InitiativeOut])
@paginate(LimitOffsetPagination)
def list_initiatives(request, q: str = "", unit: str = "", scope: str = "", state: str = "",
                     kind: str = "", year: int | None = None):
    require(request, "emulation.view_initiative")
    qs = initiatives_for_user(request.user, q)
    for name, value in (("unit__code", unit), ("scope", scope), ("state", state),
                        ("kind", kind)):
        if value:
            qs = qs.filter(**{name: value})
    if year is not None:
        qs = qs.filter(year=year)
    return _with_authors(qs.order_by("id"))


@router.get("/initiatives/{public_id}", response=InitiativeDetailOut)
def get_initiative(request, public_id: str):
    initiative = get_object_or_404(_with_authors(initiatives_for_user(request.user)),
                                   public_id=public_id)
    require(request, "emulation.view_initiative", initiative)
    return initiative
