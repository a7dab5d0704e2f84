"""Emulation staff registry and training sessions (seed 000 §2, 001 §7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.interfaces.forms import apply_domain_error
from core.interfaces.paging import paginate
from organisations.domain import staff as staff_domain
from organisations.domain.queries import staff_for_user, trainings_for_user
from organisations.interfaces.forms import EndEmploymentForm, StaffForm, TrainingForm
from organisations.views.common import get_in, require


@login_required
def staff_list(request):
    require(request, "organisations.view_staff")
    qs = staff_for_user(request.user).annotate(training_count=Count("trainings"))
    if request.GET.get("status") != "all":
        qs = qs.filter(end_date__isnull=True)
    if request.GET.get("mode") in {"full_time", "part_time"}:
        qs = qs.filter(mode=request.GET["mode"])
    return render(request, "organisations/staff_list.html", {
        "page": paginate(request, qs, per_page=50),
        "trainings": trainings_for_user(request.user).annotate(n=Count("attendees"))[:20],
        "can_change": request.user.has_perm("organisations.change_staff")})


@login_required
def staff_create(request):
    require(request, "organisations.change_staff")
    form = StaffForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            staff_domain.register_staff(request.user, **form.cleaned_data)
            messages.success(request, _("Staff member registered."))
            return redirect("organisations:staff_list")
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "organisations/form.html", {
        "form": form, "title": _("Register emulation staff"), "submit": _("Register")})


@login_required
def staff_end(request, public_id):
    staff = get_in(staff_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_staff", staff)
    form = EndEmploymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_domain.end_staff(request.user, staff, **form.cleaned_data)
            messages.success(request, _("Staff period ended."))
            return redirect("organisations:staff_list")
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "organisations/form.html", {
        "form": form, "title": _("End staff period: %(name)s") % {"name": staff.person},
        "submit": _("Record")})


@login_required
def training_create(request):
    require(request, "organisations.change_staff")
    staff_qs = staff_for_user(request.user).filter(end_date__isnull=True)
    form = TrainingForm(request.POST or None, user=request.user, staff_qs=staff_qs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            staff_domain.create_training(request.user, attendees=list(data.pop("attendees")),
                                         **data)
            messages.success(request, _("Training session recorded."))
            return redirect("organisations:staff_list")
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "organisations/form.html", {
        "form": form, "title": _("Record a training session"), "submit": _("Save")})


@login_required
def training_detail(request, public_id):
    session = get_in(trainings_for_user(request.user), public_id=public_id)
    require(request, "organisations.view_staff", session)
    return render(request, "organisations/training_detail.html", {
        "session": session,
        "attendees": session.attendees.select_related("person", "unit")})
