"""Pages of the background "who qualifies" run (issue 14.6): ask for one, watch its progress,
read, page and export the stored verdicts. Only the requester reads a run, and only the people
still in his scope."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from awards.domain.screening_runs import (
    ALL,
    award_choices,
    request_screening,
    results_for_user,
    runs_for_user,
)
from awards.interfaces.screening import ScreeningForm, screening_export, status
from awards.models import AwardType
from core.interfaces.exports import requested_format
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.paging import paginate
from organisations.domain.queries import units_for_user


def _names() -> dict:
    names = dict(AwardType.objects.values_list("code", "name"))
    names[ALL] = _("All individual titles and forms")
    return names


@login_required
def screening_runs(request):
    """The request form and the officer's own runs, newest first."""
    require(request, "awards.view_ledger")
    # A GET only is kept (kept_pages): the form posted is answered as before.
    return kept_page(request, SCREENING_RUNS_TABLES, lambda: _screening_runs(request))


# Every table the page's statements read (tests/awards/test_list_pages_kept.py captures them):
# kept under their epochs (core.interfaces.kept_pages), a run's progress written by its workers'
# commits; the form's default year (today's) is in the key.
SCREENING_RUNS_TABLES = ("awards_awardtype", "awards_screeningrun", "organisations_unit")


def _screening_runs(request):
    names = _names()
    choices = [(code, names.get(code, code)) for code in award_choices()]
    form = ScreeningForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        unit = None
        if code := form.cleaned_data["unit"].strip():
            unit = units_for_user(request.user).filter(code=code).first()
            if unit is None:  # outside the scope reads the same as unknown
                form.add_error("unit", _("No unit with code “%(code)s” in your scope.")
                               % {"code": code})
        if form.is_valid():
            try:
                run = request_screening(request.user, form.cleaned_data["award"],
                                        form.cleaned_data["year"], unit)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("awards:screening_run", run.public_id)
    runs = list(runs_for_user(request.user)[:50])
    return render(request, "awards/screening_runs.html", {
        "form": form, "runs": runs, "names": names})


@login_required
def screening_run(request, public_id):
    """A run's progress and its stored verdicts, paged; `?export=xlsx|csv` for all of them."""
    require(request, "awards.view_ledger")
    run = get_in(runs_for_user(request.user), public_id=public_id)
    names = _names()
    results = results_for_user(request.user, run)
    if kind := requested_format(request):
        return screening_export(kind, results, names, run.year)
    page = paginate(request, results, per_page=50)
    eligible = _("Eligible")
    for result in page.object_list:
        result.status_text = status(result, eligible)
    return render(request, "awards/screening_run.html", {
        "run": run, "page": page, "names": names})


@login_required
def screening_progress(request, public_id):
    """The progress card alone, polled by htmx while the run is queued or running."""
    require(request, "awards.view_ledger")
    run = get_in(runs_for_user(request.user), public_id=public_id)
    return render(request, "awards/includes/screening_progress.html", {"run": run})
