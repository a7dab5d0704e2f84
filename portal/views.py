"""The public portal (no login): published decisions and their feed, certificate verification,
open consultations and published exemplary models."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clients import client_address
from core.interfaces.forms import apply_domain_error, posted
from core.interfaces.paging import paginate
from core.uploads import content_disposition
from decisions.domain.queries import certificate_by_code, revoked_record
from emulation.exemplars.models.exemplars import ExemplarKind
from emulation.exemplars.models.replications import Replication
from portal.public_decisions import (
    DecisionFilters,
    awardee_status,
    decorate,
    filter_choices,
    latest_decisions,
    public_awardees,
    published_decision,
    published_decisions,
    published_signed_pdf,
)
from portal.queries import (
    open_consultations,
    public_exemplar,
    public_nominees,
    published_exemplar,
    published_exemplars,
)
from proposals.domain.consultation import leave_comment
from proposals.models import Consultation, Nominee


def home(request):
    return render(request, "portal/home.html", {"consultations": open_consultations(),
                                                "decisions": latest_decisions(5)})


# Deep OFFSETs cost a scan each; past these pages the filters (year, issuer, form) narrow the list.
MAX_DECISION_PAGES = 200
MAX_AWARDEE_PAGES = 100


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, unit, decision number or form"), required=False,
                        max_length=200)
    # Selects offer what was published, but any well-formed value filters (a bookmarked link
    # to a year without decisions shows none rather than every decision).
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100,
                              widget=forms.Select)
    form = forms.SlugField(label=_("Title / form"), required=False, max_length=40,
                           widget=forms.Select)
    issuer = forms.CharField(label=_("Issuing authority"), required=False, max_length=40,
                             widget=forms.Select)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["year"].widget.choices = everything + [(y, y) for y in choices["years"]]
        self.fields["form"].widget.choices = everything + choices["forms"]
        self.fields["issuer"].widget.choices = everything + choices["issuers"]

    def filters(self) -> DecisionFilters:
        """The valid fields only: a stale or mistyped value drops that one filter."""
        self.is_valid()
        data = self.cleaned_data
        return DecisionFilters(q=data.get("q") or "", year=data.get("year"),
                               form=data.get("form") or "", issuer=data.get("issuer") or "")


def _bounded_page(request, qs, per_page: int, max_pages: int):
    page = paginate(request, qs, per_page=per_page)
    if page.number > max_pages:
        raise Http404
    page.has_next = page.has_next and page.number < max_pages
    return page


def decision_list(request):
    """Issued decisions, newest first; search without diacritics, filters, bounded paging."""
    form = DecisionFilterForm(request.GET, choices=filter_choices())
    filters = form.filters()
    page = _bounded_page(request, published_decisions(filters), 20, MAX_DECISION_PAGES)
    page.object_list = decorate(page.object_list, filters.q)
    return render(request, "portal/decision_list.html", {
        "form": form, "page": page, "q": filters.q, "last_page": MAX_DECISION_PAGES})


def decision_detail(request, public_id):
    """An issued decision and its awardees (public facts and status). Drafts and cancelled
    drafts answer 404 like unknown ids."""
    item = published_decision(public_id)
    if item is None:
        raise Http404
    q = request.GET.get("q", "")[:200]
    page = _bounded_page(request, public_awardees(item["pk"], q), 100, MAX_AWARDEE_PAGES)
    page.object_list = awardee_status(page.object_list)
    return render(request, "portal/decision_detail.html", {
        "decision": item, "page": page, "q": q, "signed": item["signed"]})


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


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=20)


def verify(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect(reverse("portal:verify_code", args=[form.cleaned_data["code"].strip()
                                                            .upper()]))
    return render(request, "portal/verify.html", {"form": form})


def verify_code(request, code):
    """Status of a certificate: valid, corrected (with its replacement) or revoked. Shows the
    name, unit, award and decision — the public facts of a published decision."""
    certificate = certificate_by_code(code)
    return render(request, "portal/verify_result.html", {
        "certificate": certificate, "code": code, "form": VerifyForm(),
        "revoked": revoked_record(certificate.item) if certificate else None,
        "credential": getattr(certificate, "credential", None)},
        status=200 if certificate else 404)


class CommentForm(forms.Form):
    nominee = forms.ChoiceField(label=_("About"), required=False)
    author_name = forms.CharField(label=_("Your name"), max_length=120)
    contact = forms.CharField(label=_("Phone or e-mail (kept private)"), max_length=160)
    body = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(
        attrs={"rows": 4}))

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [("", _("The whole list"))] + [
            (str(n["public_id"]), f"{n['name']} — {n['award']}") for n in nominees]


def consultation(request, public_id):
    window = Consultation.objects.select_related("proposal__unit").filter(
        public_id=public_id).first()
    if window is None or not window.is_open_on(timezone.localdate()):
        raise Http404
    nominees = public_nominees(window)
    form = CommentForm(posted(request), nominees=nominees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        nominee = (Nominee.objects.filter(proposal=window.proposal,
                                          public_id=data["nominee"]).first()
                   if data["nominee"] else None)
        try:
            leave_comment(window, author_name=data["author_name"], contact=data["contact"],
                          body=data["body"], nominee=nominee,
                          address=client_address(request))
        except ValidationError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Thank you. Your comment was sent to the emulation "
                                        "board."))
            return redirect(request.path)
    return render(request, "portal/consultation.html", {"window": window, "nominees": nominees,
                                                        "form": form})


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
