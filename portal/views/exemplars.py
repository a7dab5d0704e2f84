"""Published exemplary models on the public portal (no login; public facts only)."""


from django.http import Http404

from core.interfaces.paging import paginate
from emulation.exemplars.models.exemplars import ExemplarKind
from emulation.exemplars.models.replications import Replication
from portal.domain.queries.exemplars import (
    public_exemplar,
    published_exemplar,
    published_exemplars,
)
from portal.interfaces.kept import kept_page


def exemplars(request):
    """Published exemplary models (public facts only), searchable without diacritics."""
    def build():
        q = request.GET.get("q", "")
        page = paginate(request, published_exemplars(q), per_page=30)
        page.object_list = [public_exemplar(row) | {"kind_label": ExemplarKind(row["kind"]).label}
                            for row in page.object_list]
        return {"page": page, "q": q}, 200

    return kept_page(request, "portal/exemplar_list.html", build)


def exemplar(request, public_id):
    def build():
        item = published_exemplar(public_id)
        if item is None:
            raise Http404
        # Where the model spread: the units replicating it or that replicated it (names only).
        spread = list(Replication.objects.filter(
            exemplar__public_id=public_id, state__in=("in_progress", "completed"))
            .order_by("unit__path").values_list("unit__name", flat=True))
        return {"item": item, "kind": ExemplarKind(item["kind"]).label, "spread": spread}, 200

    return kept_page(request, "portal/exemplar_detail.html", build)
