"""Reporting discipline: report requests (list, detail, draft, issue, close, cancel), filings
(file, return, extend), downloads, the timeliness summary, a unit's year, the overdue list."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.domain.scope import restrict_to_scope
from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page, list_page
from core.text import is_number
from core.uploads import CONTENT_TYPES, private_download
from organisations.models import Unit
from reports.domain import filings as filing_domain
from reports.domain import requests as domain
from reports.domain import timeliness
from reports.domain.queries.reporting import (
    filings_for_user,
    overdue_filings,
    requests_for_user,
)
from reports.enums import REPORTING_ROLES, ReportKind, RequestState, Timeliness
from reports.interfaces import reporting_forms as forms
from reports.interfaces.reporting_exports import overdue_export, request_export
from reports.models import FilingVersion

FORM = "core/form.html"
FILTERS = {"state": RequestState, "kind": ReportKind}


def get_request(request, public_id, perm="reports.view_reporting"):
    req = get_in(requests_for_user(request.user), public_id=public_id)
    require(request, perm, req)
    return req


def get_filing(request, public_id, perm):
    filing = get_in(filings_for_user(request.user), public_id=public_id)
    require(request, perm, filing)
    return filing


def detail_url(req) -> str:
    return reverse("reports:request_detail", args=[req.public_id])


def _year(request, default: int) -> int:
    value = request.GET.get("year", "")
    return int(value) if is_number(value) and 2000 <= int(value) <= 2100 else default


def filtered_requests(request):
    """The request list's queryset (page and export): scope, kind, state, year, counts."""
    qs = requests_for_user(request.user).annotate(
        n_targets=Count("filings"), n_filed=Count("filings", filter=Q(filings__state="filed")))
    for name, choices in FILTERS.items():
        if request.GET.get(name) in choices.values:
            qs = qs.filter(**{name: request.GET[name]})
    if is_number(request.GET.get("year", "")):
        qs = qs.filter(year=int(request.GET["year"]))
    # Explicit: Meta.ordering is not applied to a grouped (annotated) query.
    return qs.order_by("-due_date", "-id")


@login_required
def request_list(request):
    """Requests the user's units issued or received, with their filing counts;
    `?export=xlsx|csv` streams the same filtered list."""
    require(request, "reports.view_reporting")
    return list_page(request, filtered_requests(request), export=request_export,
                     template="reports/reporting/request_list.html",
                     filters={name: choices.choices for name, choices in FILTERS.items()},
                     can_add=request.user.has_perm("reports.add_request"))


def _rows(filings, today, user):
    rows = []
    for filing in filings:
        status = timeliness.timeliness(filing, today)
        rows.append({"filing": filing, "status": status, "label": Timeliness(status).label,
                     "overdue": status == Timeliness.MISSING,
                     "can_file": user.has_perm("reports.file_report", filing),
                     "can_return": user.has_perm("reports.return_filing", filing),
                     "can_extend": user.has_perm("reports.extend_filing", filing)})
    return rows


@login_required
def request_detail(request, public_id):
    """The request and the filings the user may see: on time, late, not yet (overdue marked)."""
    req = get_request(request, public_id)
    user, today = request.user, timeliness.today_in_vietnam()
    filings = (filings_for_user(user).filter(request=req).select_related("unit")
               .prefetch_related("versions").order_by("unit__path"))
    rows = _rows(filings, today, user)
    counts = {status: sum(1 for r in rows if r["status"] == status) for status in Timeliness}
    return render(request, "reports/reporting/request_detail.html", {
        "req": req, "period": domain.period_label(req), "rows": rows,
        "counts": [(label, counts[value]) for value, label in Timeliness.choices],
        "roots": req.roots.order_by("path"),
        "perms": {name: user.has_perm(f"reports.{name}", req) for name in (
            "change_request", "issue_request", "close_request", "cancel_request")}})


def _fields(data) -> dict:
    return {k: data[k] for k in domain.REQUEST_FIELDS}


@login_required
def request_create(request):
    require(request, "reports.add_request")
    return form_page(
        request, forms.RequestForm(posted(request), request.FILES or None, user=request.user),
        lambda data: domain.create_request(
            actor=request.user, requester=data["requester"], roots=data["roots"],
            guidance=data["guidance"], **_fields(data)),
        title=_("New report request"), submit=_("Save as draft"), done=detail_url,
        success_message=_("Report request saved as a draft."), template=FORM)


@login_required
def request_edit(request, public_id):
    req = get_request(request, public_id, "reports.change_request")
    initial = {name: getattr(req, name) for name in domain.REQUEST_FIELDS}
    initial["roots"] = list(req.roots.all())
    return form_page(
        request, forms.RequestForm(posted(request), request.FILES or None, initial=initial,
                                   user=request.user, req=req),
        lambda data: domain.update_request(req, actor=request.user, roots=data["roots"],
                                           guidance=data["guidance"], **_fields(data)),
        title=_("Correct the report request"), submit=_("Save"), done=detail_url,
        success_message=_("Report request saved."), template=FORM)


@login_required
def request_issue(request, public_id):
    req = get_request(request, public_id, "reports.issue_request")
    return form_page(request, forms.ConfirmForm(posted(request)),
                     lambda data: domain.issue_request(req, actor=request.user),
                     title=_("Issue “%(title)s” to the target units") % {"title": req.title},
                     submit=_("Issue"), done=detail_url,
                     success_message=_("Report request issued; the units were notified."),
                     template=FORM)


@login_required
def request_close(request, public_id):
    req = get_request(request, public_id, "reports.close_request")
    return form_page(request, forms.ConfirmForm(posted(request)),
                     lambda data: domain.close_request(req, actor=request.user),
                     title=_("Close “%(title)s”: no more reports accepted") % {
                         "title": req.title},
                     submit=_("Close"), done=detail_url,
                     success_message=_("Report request closed."), template=FORM)


@login_required
def request_cancel(request, public_id):
    req = get_request(request, public_id, "reports.cancel_request")
    return form_page(request, forms.ReasonForm(posted(request)),
                     lambda data: domain.cancel_request(req, actor=request.user, **data),
                     title=_("Cancel “%(title)s”") % {"title": req.title},
                     submit=_("Cancel the request"), done=detail_url,
                     success_message=_("Report request cancelled."), template=FORM)


@login_required
def request_guidance(request, public_id):
    req = get_request(request, public_id)
    if not req.guidance_path:
        raise Http404
    return private_download(req.guidance_path, req.guidance_name,
                            CONTENT_TYPES.get(req.guidance_kind, "application/octet-stream"))


@login_required
def filing_file(request, public_id):
    filing = get_filing(request, public_id, "reports.file_report")
    return form_page(
        request, forms.FilingForm(posted(request), request.FILES or None),
        lambda data: filing_domain.file_report(filing, actor=request.user, **data),
        title=_("File the report of %(unit)s: %(title)s") % {
            "unit": filing.unit.name, "title": filing.request.title},
        submit=_("File the report"), done=lambda f: detail_url(f.request),
        success_message=lambda f: (_("Report filed on time.") if f.on_time
                                   else _("Report filed after the due date.")), template=FORM)


@login_required
def filing_return(request, public_id):
    filing = get_filing(request, public_id, "reports.return_filing")
    may_disregard = request.user.has_perm("reports.disregard_filing", filing)
    return form_page(
        request, forms.ReturnForm(posted(request), may_disregard=may_disregard),
        lambda data: filing_domain.return_filing(
            filing, actor=request.user, reason=data["reason"],
            counts_as_unfiled=data.get("counts_as_unfiled", False)),
        title=_("Return the report of %(unit)s for correction") % {"unit": filing.unit.name},
        submit=_("Return"), done=lambda f: detail_url(f.request),
        success_message=_("Report returned; the unit was notified."), template=FORM)


@login_required
def filing_extend(request, public_id):
    filing = get_filing(request, public_id, "reports.extend_filing")
    return form_page(
        request, forms.ExtendForm(posted(request), initial={"due_date": filing.due_date}),
        lambda data: filing_domain.extend_due_date(filing, actor=request.user, **data),
        title=_("Extend the due date of %(unit)s") % {"unit": filing.unit.name},
        submit=_("Save"), done=lambda f: detail_url(f.request),
        success_message=_("Due date extended."), template=FORM)


@login_required
def version_download(request, public_id):
    version = get_in(FilingVersion.objects.select_related("filing"), public_id=public_id)
    get_filing(request, version.filing.public_id, "reports.view_reporting")
    return private_download(version.path, version.original_name,
                            CONTENT_TYPES.get(version.file_kind, "application/octet-stream"))


@login_required
def timeliness_summary(request):
    """Per unit, for a year: reports asked, on time, late, missing, share on time."""
    require(request, "reports.view_reporting")
    today = timeliness.today_in_vietnam()
    year = _year(request, today.year)
    visible = filings_for_user(request.user).filter(
        pk__in=timeliness.counted_filings(year).values("pk"))
    summaries = timeliness.summaries(visible, today)
    units = Unit.objects.in_bulk(list(summaries))
    rows = sorted(summaries.values(), key=lambda s: units[s.unit_id].path)
    for row in rows:
        row.unit = units[row.unit_id]
    return render(request, "reports/reporting/timeliness.html", {"year": year, "rows": rows})


@login_required
def unit_timeliness(request, code, year):
    """One unit's reports of a year: the evidence behind its reporting criterion."""
    require(request, "reports.view_reporting")
    unit = get_in(restrict_to_scope(Unit.objects.all(), request.user, field="id",
                                    roles=REPORTING_ROLES), code=code)
    today = timeliness.today_in_vietnam()
    filings = (timeliness.counted_filings(year).filter(unit=unit)
               .select_related("request", "request__requester").order_by("due_date", "id"))
    rows = []
    for filing in filings:
        status = timeliness.timeliness(filing, today)
        rows.append({"filing": filing, "status": status, "label": Timeliness(status).label})
    summary = timeliness.year_summaries([unit.pk], year, today)[unit.pk]
    return render(request, "reports/reporting/unit_timeliness.html", {
        "unit": unit, "year": year, "rows": rows, "summary": summary})


@login_required
def overdue_list(request):
    """Reports still owed past their due date, of the requests the user's units issued;
    `?export=xlsx|csv` streams the same list."""
    require(request, "reports.view_reporting")
    today = timeliness.today_in_vietnam()
    return list_page(request, overdue_filings(request.user, today), export=overdue_export,
                     template="reports/reporting/overdue.html", per_page=100, today=today)
