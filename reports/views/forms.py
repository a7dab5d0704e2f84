"""Report forms: choose form, period and unit, preview the table, download it (.xlsx, .docx)
or have it written in the background; and the user's background exports (list, progress
polled by htmx, download)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.domain.queries import filter_ledger, records_for_user
from core.interfaces.guards import get_in, require
from core.interfaces.paging import paginate
from core.uploads import content_disposition, private_download
from reports.domain.exports import exports_for_user
from reports.domain.forms import FORMS, compute, form_choices
from reports.domain.forms.request import FormRequest
from reports.domain.scope import row_units
from reports.enums import CONTENT_TYPES, ExportFormat, ExportKind
from reports.interfaces.export_jobs import request_export
from reports.interfaces.form_docx import form_document
from reports.interfaces.form_xlsx import form_workbook

LEDGER_FILTERS = ("q", "award", "year", "revoked")


def _scope(request, form_request: FormRequest):
    scope = form_request.scope_for(request.user)
    if scope is None:
        raise Http404
    return scope


def _download(table, file_format: str, form_request: FormRequest) -> HttpResponse:
    content = form_document(table) if file_format == "docx" else form_workbook(table)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition(
        f"bieu-{form_request.code}-{form_request.year_to}.{file_format}")
    return response


@login_required
def forms(request):
    """The form chooser and preview; `?export=xlsx|docx` downloads the previewed table."""
    require(request, "reports.view_statistics")
    form_request = FormRequest.parse(request.GET)
    scope = _scope(request, form_request)
    table = compute(form_request.code, scope) if form_request.code else None
    if table is not None and request.GET.get("export") in {"xlsx", "docx"}:
        return _download(table, request.GET["export"], form_request)
    return render(request, "reports/forms.html", {
        "choices": form_choices(), "req": form_request, "scope": scope, "table": table,
        "units": [scope.root, *row_units(scope.root)], "statutory": [
            f.code for f in FORMS.values() if f.statutory]})


@login_required
@require_POST
def form_background(request):
    """Write the chosen form in the background (POST: it creates a job)."""
    require(request, "reports.view_statistics")
    form_request = FormRequest.parse(request.POST)
    if not form_request.code:
        raise Http404
    scope = _scope(request, form_request)
    file_format = request.POST.get("format")
    if file_format not in {ExportFormat.XLSX, ExportFormat.DOCX}:
        file_format = ExportFormat.XLSX
    params = form_request.as_params() | {"unit": scope.root.code}
    job = request_export(request.user, ExportKind.FORM, file_format, params,
                         f"{FORMS[form_request.code].name} — {scope.root.name} — "
                         f"{scope.period.label}")
    return redirect("reports:export_detail", job.public_id)


@login_required
@require_POST
def ledger_background(request):
    """Write the award ledger (with the screen's filters) in the background."""
    require(request, "awards.view_ledger")
    params = {k: request.POST.get(k, "") for k in LEDGER_FILTERS}
    file_format = request.POST.get("format")
    if file_format not in {ExportFormat.XLSX, ExportFormat.CSV}:
        file_format = ExportFormat.XLSX
    count = filter_ledger(records_for_user(request.user, params["q"]), params).count()
    job = request_export(request.user, ExportKind.LEDGER, file_format, params,
                         _("Award ledger (%(count)s records)") % {"count": f"{count:,}"})
    return redirect("reports:export_detail", job.public_id)


@login_required
def export_list(request):
    return render(request, "reports/exports/list.html", {
        "page": paginate(request, exports_for_user(request.user), per_page=30)})


def _own_job(request, public_id):
    """The user's own job (404 for anyone else's: nobody learns it exists)."""
    return get_in(exports_for_user(request.user), public_id=public_id)


@login_required
def export_detail(request, public_id):
    return render(request, "reports/exports/detail.html", {"job": _own_job(request, public_id)})


@login_required
def export_progress(request, public_id):
    """The progress card alone, polled by htmx while the job is queued or running."""
    return render(request, "reports/exports/includes/progress.html",
                  {"job": _own_job(request, public_id)})


def _still_allowed(request, job) -> bool:
    """Scope checked again at download: the requester may have lost the role or the unit."""
    if job.kind == ExportKind.LEDGER:
        return request.user.has_perm("awards.view_ledger")
    form_request = FormRequest.parse(job.parameters)
    return (request.user.has_perm("reports.view_statistics")
            and form_request.scope_for(request.user) is not None)


@login_required
def export_download(request, public_id):
    job = _own_job(request, public_id)
    if not job.is_done:
        raise Http404
    if not _still_allowed(request, job):
        raise Http404
    return private_download(job.stored_name, job.download_name,
                            CONTENT_TYPES[job.file_format])
