"""Published exemplary models on the public portal (no login; public facts only)."""


from django.http import Http404
from django.shortcuts import render

from core.interfaces.paging import paginate
from emulation.exemplars.models.exemplars import ExemplarKind
from emulation.exemplars.models.replications import Replication
from portal.domain.queries.exemplars import (
    public_exemplar,
    published_exemplar,
    published_exemplars,
)


def exemplars(request):
    """Published exemplary models (public facts only), searchable without diacritics."""
    q = request.GET.get("q", "")
    page = paginate(request, published_exemplars(q), per_page=30)
    page.object_list = [public_exemplar(row) | {"kind_label": ExemplarKind(row["kind"]).label}
                        for row in page.object_list]
    return render(request, "portal/exemplar_list.html", {"page": page, "q": q})


def exemplar(request, public_id):
    item = published_exemplar(public_id)
    if item is None:
        raise Http404
    # Where the model spread: the units replicating it or that replicated it (names only).
    spread = list(Replication.objects.filter(
        exemplar__public_id=public_id, state__in=("in_progress", "completed"))
        .order_by("unit__path").values_list("unit__name", flat=True))
    return render(request, "portal/exemplar_detail.html", {
        "item": item, "kind": ExemplarKind(item["kind"]).label, "spread": spread})
