"""Published decisions on the public portal (no login): the searchable list, one decision with
its awardees, and its signed PDF."""


from django.http import Http404, HttpResponse

from core.interfaces.paging import paginate
from core.uploads import content_disposition
from portal.domain.queries.decisions import (
    awardee_status,
    decorate,
    filter_choices,
    public_awardees,
    published_decision,
    published_decisions,
    published_signed_pdf,
)
from portal.interfaces.forms import DecisionFilterForm
from portal.interfaces.kept import kept_page

# Deep OFFSETs cost a scan each; past these pages the filters (year, issuer, form) narrow the list.
MAX_DECISION_PAGES = 200
MAX_AWARDEE_PAGES = 100


def _bounded_page(request, qs, per_page: int, max_pages: int):
    page = paginate(request, qs, per_page=per_page)
    if page.number > max_pages:
        raise Http404
    page.has_next = page.has_next and page.number < max_pages
    return page


def decision_list(request):
    """Issued decisions, newest first; search without diacritics, filters, bounded paging."""
    def build():
        form = DecisionFilterForm(request.GET, choices=filter_choices())
        filters = form.filters()
        page = _bounded_page(request, published_decisions(filters), 20, MAX_DECISION_PAGES)
        page.object_list = decorate(page.object_list, filters.q)
        return {"form": form, "page": page, "q": filters.q, "last_page": MAX_DECISION_PAGES}, 200

    return kept_page(request, "portal/decision_list.html", build)


def decision_detail(request, public_id):
    """An issued decision and its awardees (public facts and status). Drafts and cancelled
    drafts answer 404 like unknown ids."""
    def build():
        item = published_decision(public_id)
        if item is None:
            raise Http404
        q = request.GET.get("q", "")[:200]
        page = _bounded_page(request, public_awardees(item["pk"], q), 100, MAX_AWARDEE_PAGES)
        page.object_list = awardee_status(page.object_list)
        return {"decision": item, "page": page, "q": q, "signed": item["signed"]}, 200

    return kept_page(request, "portal/decision_detail.html", build)


def decision_pdf(request, public_id):
    """The digitally signed copy of an issued decision (404 until it is signed: the portal
    publishes only the official copy)."""
    item = published_decision(public_id)
    content = published_signed_pdf(item["pk"]) if item is not None else None
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"quyet-dinh-{item['number']:02d}-{item['date']:%Y}-ky-so.pdf")
    return response
