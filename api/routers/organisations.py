"""Units, clusters and people, read through the same permission-aware queries as the UI."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from api.pagination import LimitOffsetPagination
from api.schemas import ClusterOut, PersonOut, UnitOut
from core.interfaces.guards import require
from organisations.domain.queries import clusters_for_user, people_for_user, units_for_user
from organisations.domain.tree import predecessors_of

router = Router(tags=["organisations"])




@router.get("/units", response=list[UnitOut])
@paginate(LimitOffsetPagination)
def list_units(request, q: str = "", active: bool | None = None):
    require(request, "organisations.view_unit")
    qs = units_for_user(request.user, q).order_by("path")
    if active is not None:
        qs = qs.filter(valid_to__isnull=active)
    return qs


@router.get("/units/{code}", response=UnitOut)
def get_unit(request, code: str):
    unit = get_object_or_404(units_for_user(request.user), code=code)
    require(request, "organisations.view_unit", unit)
    unit.predecessors = [u.code for u, _e in predecessors_of(unit)]
    return unit


@router.get("/people", response=list[PersonOut])
@paginate(LimitOffsetPagination)
def list_people(request, q: str = "", unit: str = ""):
    require(request, "organisations.view_person")
    qs = people_for_user(request.user, q)
    if unit:
        qs = qs.filter(unit__code=unit)
    return qs.order_by("id")


@router.get("/people/{public_id}", response=PersonOut)
def get_person(request, public_id: str):
    person = get_object_or_404(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.view_person", person)
    return person


@router.get("/clusters", response=list[ClusterOut])
def list_clusters(request, year: int | None = None):
    require(request, "organisations.view_cluster")
    result = []
    for cluster in clusters_for_user(request.user).prefetch_related("memberships__unit"):
        members = [{"year": m.year, "unit_code": m.unit.code, "role": m.role}
                   for m in cluster.memberships.all() if year is None or m.year == year]
        result.append({"code": cluster.code, "name": cluster.name, "kind": cluster.kind,
                       "managing_unit_code": cluster.managing_unit.code,
                       "is_active": cluster.is_active, "members": members})
    return result
