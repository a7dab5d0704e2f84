"""Movement results: a review's results table, a unit entering its result, the board
confirming or returning it, and the award proposal drafted from the review."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page
from emulation.movements.domain import results as domain
from emulation.movements.domain.queries.movements import registrations_for_user
from emulation.movements.enums import RegistrationState
from emulation.movements.interfaces.movement_forms import ConfirmForm, ReasonForm
from emulation.movements.interfaces.result_forms import ProposeForm, ResultForm
from emulation.movements.models import MovementReview, UnitResult
from emulation.movements.views.movements import FORM, get_movement


def get_review(request, public_id) -> MovementReview:
    review = get_in(MovementReview.objects.select_related("movement__organiser"),
                    public_id=public_id)
    get_movement(request, review.movement.public_id)  # 404 outside the user's movements
    return review


def get_result(request, public_id, perm=None) -> UnitResult:
    readable = registrations_for_user(request.user).values("pk")
    result = get_in(UnitResult.objects.select_related(
        "review__movement__organiser", "registration__unit").filter(
        registration__in=readable), public_id=public_id)
    require(request, perm or "emulation.view_movement", result if perm else None)
    return result


def results_url(review) -> str:
    return reverse("emulation:review_results", args=[review.public_id])


def result_url(result) -> str:
    return reverse("emulation:result_detail", args=[result.public_id])


def _enterable(user, review):
    """The approved registrations of the movement the user may enter results for."""
    return [r for r in registrations_for_user(user).filter(
        movement_id=review.movement_id, state=RegistrationState.APPROVED)
        .order_by("unit__path", "year") if user.has_perm("emulation.enter_result", r)]


@login_required
def review_results(request, public_id):
    """The review's results, those of the units the user may read (the organiser reads all)."""
    review = get_review(request, public_id)
    readable = registrations_for_user(request.user).values("pk")
    rows = (review.results.filter(registration__in=readable)
            .select_related("registration__unit").prefetch_related("titles"))
    return render(request, "emulation/movements/review_results.html", {
        "review": review, "movement": review.movement, "results": rows,
        "enterable": _enterable(request.user, review),
        "can_propose": request.user.has_perm("emulation.propose_from_review", review)})


@login_required
def result_enter(request, public_id, registration_id):
    """The unit's result in the review, entered or corrected while draft or returned."""
    review = get_review(request, public_id)
    registration = get_in(registrations_for_user(request.user).filter(
        movement_id=review.movement_id), public_id=registration_id)
    require(request, "emulation.enter_result", registration)
    existing = review.results.filter(registration=registration).first()
    entries = registration.entries.select_related("person", "collective", "award_type")
    initial = {}
    if existing is not None:
        initial = {"targets": existing.targets, "figures": existing.figures,
                   "achieved": existing.achieved}
        initial |= {f"entry_{t.entry_id}": t.achieved for t in existing.titles.all()}
    return form_page(
        request, ResultForm(posted(request), initial=initial, entries=entries),
        lambda data: domain.enter_result(review, registration, actor=request.user, **data),
        title=_("Results of %(unit)s — %(review)s") % {"unit": registration.unit.name,
                                                       "review": review},
        submit=_("Save"), done=result_url, success_message=_("Result saved."),
        template=FORM)


@login_required
def result_detail(request, public_id):
    result = get_result(request, public_id)
    user = request.user
    return render(request, "emulation/movements/result_detail.html", {
        "result": result, "review": result.review, "movement": result.review.movement,
        "titles": result.titles.select_related("entry__person", "entry__collective",
                                               "entry__award_type"),
        "can_change": user.has_perm("emulation.change_result", result),
        "can_decide": user.has_perm("emulation.decide_result", result)})


def _step(request, public_id, perm, form, action, title, submit, message):
    result = get_result(request, public_id, perm)
    return form_page(request, form(posted(request)),
                     lambda data: action(result, actor=request.user, **data),
                     title=title % {"result": result}, submit=submit, done=result_url,
                     success_message=message, template=FORM)


@login_required
def result_submit(request, public_id):
    return _step(request, public_id, "emulation.change_result", ConfirmForm,
                 domain.submit_result, _("Submit the result %(result)s"), _("Submit"),
                 _("Result submitted."))


@login_required
def result_confirm(request, public_id):
    return _step(request, public_id, "emulation.decide_result", ConfirmForm,
                 domain.confirm_result, _("Confirm the result %(result)s"), _("Confirm"),
                 _("Result confirmed."))


@login_required
def result_return(request, public_id):
    return _step(request, public_id, "emulation.decide_result", ReasonForm,
                 domain.return_result, _("Return the result %(result)s"), _("Return"),
                 _("Result returned."))


@login_required
def review_propose(request, public_id):
    """The board drafts the award proposal the review produces (confirmed achievers)."""
    review = get_review(request, public_id)
    require(request, "emulation.propose_from_review", review)
    return form_page(
        request, ProposeForm(posted(request), organiser=review.movement.organiser),
        lambda data: domain.draft_award_proposal(review, actor=request.user, **data),
        title=_("Draft the award proposal of %(review)s") % {"review": review},
        submit=_("Draft the proposal"),
        done=lambda p: reverse("proposals:detail", args=[p.public_id]),
        success_message=lambda p: _("%(code)s drafted with its nominees.") % {"code": p.code},
        template=FORM)
