"""Criteria sets: the list, one set's tree with its thresholds, and the editing pages (add,
correct, reorder, retire a criterion; grade thresholds). The domain refuses any change to a set
locked by published results; the pages show why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.interfaces.forms import posted
from core.interfaces.guards import require
from core.interfaces.views import form_page
from emulation.movements.domain import criteria_tree as domain
from emulation.movements.enums import Grade, RoundState
from emulation.movements.interfaces import cluster_forms as forms
from emulation.movements.models import ClusterRound, CriteriaSet, Criterion

TEMPLATE = "emulation/criteria_form.html"


def _set(request, public_id, perm="emulation.view_criteria_set") -> CriteriaSet:
    require(request, "emulation.view_criteria_set")
    criteria_set = get_object_or_404(CriteriaSet, public_id=public_id)
    if perm != "emulation.view_criteria_set":
        require(request, perm, criteria_set)
    return criteria_set


def _criterion(criteria_set, code) -> Criterion:
    criterion = criteria_set.criteria.select_related("parent").filter(code=code).first()
    if criterion is None:
        raise Http404
    return criterion


def _url(criteria_set) -> str:
    return reverse("emulation:criteria_set_detail", args=[criteria_set.public_id])


@login_required
def criteria_set_list(request):
    require(request, "emulation.view_criteria_set")
    locked = ClusterRound.objects.filter(criteria_set=OuterRef("pk"),
                                         state=RoundState.PUBLISHED)
    sets = CriteriaSet.objects.annotate(locked=Exists(locked)).order_by(
        "-is_template", "-year", "name")
    return render(request, "emulation/criteria_set_list.html", {"sets": sets})


@login_required
def criteria_set_detail(request, public_id):
    criteria_set = _set(request, public_id)
    rows = domain.tree(criteria_set.criteria.select_related("retirement"))
    grades = dict(Grade.choices)
    return render(request, "emulation/criteria_set_detail.html", {
        "set": criteria_set,
        "rows": rows,
        "thresholds": [(grades.get(code, code), minimum)
                       for code, minimum in criteria_set.thresholds],
        "locked_by": domain.locking_round(criteria_set),
        "can_change": request.user.has_perm("emulation.change_criteria_set", criteria_set),
        "mismatches": domain.group_mismatches(criteria_set),
    })


def _groups(criteria_set, exclude=None):
    groups = domain.active(criteria_set).order_by("position", "id")
    return groups.exclude(pk=exclude.pk) if exclude is not None else groups


def _balanced(request, criteria_set, response):
    """After a saved change, warn about every group whose maximum is not the sum of its
    sub-criteria (the form shows the same sentences above its fields)."""
    if response.status_code == 302:
        for mismatch in domain.group_mismatches(criteria_set):
            messages.warning(request, mismatch)
    return response


@login_required
def criterion_add(request, public_id):
    criteria_set = _set(request, public_id, "emulation.change_criteria_set")
    form = forms.CriterionForm(request.POST or None, groups=_groups(criteria_set))
    form.warning = " ".join(domain.group_mismatches(criteria_set))
    return _balanced(request, criteria_set, form_page(
        request, form, lambda data: domain.add_criterion(criteria_set, actor=request.user,
                                                         **data),
        title=_("Add a criterion to %(set)s") % {"set": criteria_set.name},
        submit=_("Add"), done=lambda _c: _url(criteria_set),
        success_message=_("Criterion added."), template=TEMPLATE))


@login_required
def criterion_edit(request, public_id, code):
    criteria_set = _set(request, public_id, "emulation.change_criteria_set")
    criterion = _criterion(criteria_set, code)
    initial = {name: getattr(criterion, name) for name in domain.FIELDS} | {
        "parent": criterion.parent}
    form = forms.CriterionForm(request.POST or None, initial=initial,
                               groups=_groups(criteria_set, exclude=criterion))
    form.warning = " ".join(domain.group_mismatches(criteria_set))
    return _balanced(request, criteria_set, form_page(
        request, form, lambda data: domain.update_criterion(criterion, actor=request.user,
                                                            **data),
        title=_("Correct criterion %(code)s") % {"code": criterion.code},
        submit=_("Save"), done=lambda _c: _url(criteria_set),
        success_message=_("Criterion saved."), template=TEMPLATE))


@login_required
def criterion_retire(request, public_id, code):
    criteria_set = _set(request, public_id, "emulation.change_criteria_set")
    criterion = _criterion(criteria_set, code)
    return form_page(
        request, forms.RetireCriterionForm(posted(request)),
        lambda data: domain.retire_criterion(criterion, actor=request.user,
                                             reason=data["reason"]),
        title=_("Retire criterion %(code)s and its sub-criteria") % {"code": criterion.code},
        submit=_("Retire"), done=lambda _c: _url(criteria_set),
        success_message=_("Criterion retired."), template=TEMPLATE)


@login_required
@require_POST
def criterion_move(request, public_id, code, direction):
    if direction not in ("up", "down"):
        raise Http404
    criteria_set = _set(request, public_id, "emulation.change_criteria_set")
    criterion = _criterion(criteria_set, code)
    try:
        domain.move_criterion(criterion, actor=request.user, up=direction == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_url(criteria_set))


@login_required
def thresholds_edit(request, public_id):
    criteria_set = _set(request, public_id, "emulation.change_criteria_set")
    initial = dict(criteria_set.thresholds)
    form = forms.ThresholdsForm(request.POST or None, initial=initial)
    return form_page(
        request, form, lambda data: domain.set_thresholds(
            criteria_set, actor=request.user,
            thresholds=[(grade, data[grade]) for grade, _label in Grade.choices]),
        title=_("Grade thresholds of %(set)s") % {"set": criteria_set.name},
        submit=_("Save"), done=lambda _s: _url(criteria_set),
        success_message=_("Thresholds saved."), template=TEMPLATE)
