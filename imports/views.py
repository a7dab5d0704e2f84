"""Back-office screens of Excel imports: list, upload, template, job page with progress, commit,
cancel. Every view checks permission itself; the templates only hide what would be refused."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.domain.scope import is_system_admin
from core.interfaces.importers import importer_class, importers_for, kind_label
from core.interfaces.paging import paginate
from imports.domain import jobs, queue
from imports.domain.queries import jobs_for_user
from imports.enums import CANCELLABLE_STATES
from imports.interfaces.forms import UploadForm
from imports.interfaces.workbooks import CSV_TYPE, XLSX_TYPE, template_csv, template_workbook

ERRORS_PER_PAGE = 100


def _job_or_404(request, public_id):
    """The job if the user may see it; 404 otherwise, so others' jobs cannot be probed."""
    job = jobs_for_user(request.user).filter(public_id=public_id).first()
    if job is None or not request.user.has_perm("imports.view_job", job):
        raise Http404
    return job


def _require_some_importer(request) -> list:
    importers = importers_for(request.user)
    if not importers:
        raise PermissionDenied
    return importers


def _template_links(importers) -> list[dict]:
    # Plain dicts: the template engine would call an importer class instead of reading it.
    return [{"kind": imp.kind, "label": imp.label} for imp in importers]


@login_required
def job_list(request):
    importers = _require_some_importer(request)
    page = paginate(request, jobs_for_user(request.user), per_page=50)
    for job in page.object_list:
        job.kind_label = kind_label(job.kind)
    return render(request, "imports/job_list.html", {
        "page": page, "templates": _template_links(importers),
        "show_owner": is_system_admin(request.user)})


@login_required
def job_create(request):
    importers = _require_some_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user,
                      initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        job = queue.create_job(request.user, form.cleaned_data["kind"],
                              form.cleaned_data["file"], language=translation.get_language())
        messages.success(request, _("File received; checking has started."))
        return redirect("imports:job_detail", public_id=job.public_id)
    return render(request, "imports/job_form.html",
                  {"form": form, "templates": _template_links(importers)})


@login_required
def template_download(request, kind):
    try:
        importer = importer_class(kind)
    except LookupError:
        raise Http404
    if not request.user.has_perm(importer.permission):
        raise PermissionDenied
    if request.GET.get("format") == "csv":
        response = HttpResponse(template_csv(importer(request.user)), content_type=CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind}.csv"'
        return response
    response = HttpResponse(template_workbook(importer(request.user)), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind}.xlsx"'
    return response


def _progress_context(job) -> dict:
    return {"job": job, "kind_label": kind_label(job.kind)}


@login_required
def job_detail(request, public_id):
    job = _job_or_404(request, public_id)
    context = _progress_context(job) | {
        "page": paginate(request, job.errors.all(), per_page=ERRORS_PER_PAGE),
        "can_commit": jobs.can_commit(request.user, job),
        "can_cancel": job.state in CANCELLABLE_STATES and jobs.can_manage(request.user, job),
    }
    return render(request, "imports/job_detail.html", context)


@login_required
def job_progress(request, public_id):
    """The progress card alone, polled by htmx while the job runs. Once it has stopped, an
    htmx request gets HX-Refresh so the page reloads with the errors and the actions."""
    job = _job_or_404(request, public_id)
    response = render(request, "imports/includes/job_progress.html", _progress_context(job))
    if request.headers.get("HX-Request") and not job.is_running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_commit(request, public_id):
    job = _job_or_404(request, public_id)
    try:
        queue.request_commit(job, request.user)
        messages.success(request, _("Saving has started."))
    except jobs.JobStateError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:job_detail", public_id=job.public_id)


@login_required
@require_POST
def job_cancel(request, public_id):
    job = _job_or_404(request, public_id)
    try:
        jobs.cancel_job(job, request.user)
        messages.success(request, _("Import cancelled."))
    except jobs.JobStateError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:job_detail", public_id=job.public_id)
