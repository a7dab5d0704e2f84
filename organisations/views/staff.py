"""Emulation staff registry and training sessions (seed 000 §2, 001 §7)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.interfaces.guards import get_in, require
from core.interfaces.paging import paginate
from core.interfaces.views import form_page
from organisations.domain import staff as staff_domain
from organisations.domain.queries import staff_for_user, trainings_for_user
from organisations.interfaces.forms import EndEmploymentForm, StaffForm, TrainingForm


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
    return form_page(
        request, StaffForm(request.POST or None, user=request.user),
        lambda data: staff_domain.register_staff(request.user, **data),
        title=_("Register emulation staff"), submit=_("Register"), done=_list_url,
        success_message=_("Staff member registered."))


def _list_url(_result=None) -> str:
    return reverse("organisations:staff_list")


@login_required
def staff_end(request, public_id):
    staff = get_in(staff_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_staff", staff)
    return form_page(
        request, EndEmploymentForm(request.POST or None),
        lambda data: staff_domain.end_staff(request.user, staff, **data),
        title=_("End staff period: %(name)s") % {"name": staff.person}, submit=_("Record"),
        done=_list_url, success_message=_("Staff period ended."))


@login_required
def training_create(request):
    require(request, "organisations.change_staff")
    staff_qs = staff_for_user(request.user).filter(end_date__isnull=True)

    def save(data):
        data = dict(data)
        return staff_domain.create_training(request.user, attendees=list(data.pop("attendees")),
                                            **data)

    return form_page(
        request, TrainingForm(request.POST or None, user=request.user, staff_qs=staff_qs),
        save, title=_("Record a training session"), submit=_("Save"), done=_list_url,
        success_message=_("Training session recorded."))


@login_required
def training_detail(request, public_id):
    session = get_in(trainings_for_user(request.user), public_id=public_id)
    require(request, "organisations.view_staff", session)
    return render(request, "organisations/training_detail.html", {
        "session": session,
        "attendees": session.attendees.select_related("person", "unit")})
