"""Annual emulation plans: list, detail, draft/correct, publish, download as DOCX or PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.paging import paginate
from core.interfaces.views import form_page
from core.text import is_number
from emulation.movements.domain import plans as domain
from emulation.movements.domain.queries.movements import plans_for_user
from emulation.movements.interfaces.movement_forms import ConfirmForm, PlanForm
from emulation.movements.interfaces.plan_documents import plan_docx, plan_pdf

FORM = "core/form.html"
FORMATS = {"docx": (plan_docx, "application/vnd.openxmlformats-officedocument."
                                "wordprocessingml.document"),
           "pdf": (plan_pdf, "application/pdf")}


def _get(request, public_id, perm="emulation.view_movement"):
    plan = get_in(plans_for_user(request.user), public_id=public_id)
    require(request, perm, plan)
    return plan


def _detail_url(plan) -> str:
    return reverse("emulation:plan_detail", args=[plan.public_id])


@login_required
def plan_list(request):
    require(request, "emulation.view_movement")
    qs = plans_for_user(request.user)
    if is_number(request.GET.get("year", "")):
        qs = qs.filter(year=int(request.GET["year"]))
    return render(request, "emulation/movements/plan_list.html", {
        "page": paginate(request, qs, per_page=50),
        "can_add": request.user.has_perm("emulation.change_plan")})


@login_required
def plan_detail(request, public_id):
    plan = _get(request, public_id)
    user = request.user
    return render(request, "emulation/movements/plan_detail.html", {
        "plan": plan, "milestones": plan.milestones.all(),
        "movements": plan.movements.order_by("-start_date"),
        "can_change": user.has_perm("emulation.change_plan", plan),
        "can_publish": user.has_perm("emulation.publish_plan", plan)})


def _save(request, plan):
    def save(data):
        fields = {k: data[k] for k in ("year", "title", "content", "key_targets")}
        if plan is None:
            return domain.create_plan(actor=request.user, unit=data["unit"],
                                      milestones=data["milestones"], **fields)
        return domain.update_plan(plan, actor=request.user, milestones=data["milestones"],
                                  **fields)
    return save


@login_required
def plan_create(request):
    require(request, "emulation.change_plan")
    return form_page(request, PlanForm(posted(request), user=request.user),
                     _save(request, None), title=_("Draft an annual emulation plan"),
                     submit=_("Save"), done=_detail_url, success_message=_("Plan saved."),
                     template=FORM)


@login_required
def plan_edit(request, public_id):
    plan = _get(request, public_id, "emulation.change_plan")
    initial = {"year": plan.year, "title": plan.title, "content": plan.content,
               "key_targets": plan.key_targets, "milestones": domain.milestones_text(plan)}
    return form_page(request, PlanForm(posted(request), initial=initial, user=request.user,
                                       plan=plan),
                     _save(request, plan), title=_("Correct the plan"), submit=_("Save"),
                     done=_detail_url, success_message=_("Plan saved."), template=FORM)


@login_required
def plan_publish(request, public_id):
    plan = _get(request, public_id, "emulation.publish_plan")
    return form_page(request, ConfirmForm(posted(request)),
                     lambda data: domain.publish_plan(plan, actor=request.user),
                     title=_("Publish “%(title)s”") % {"title": plan.title},
                     submit=_("Publish"), done=_detail_url,
                     success_message=_("Plan published; the units below are notified."),
                     template=FORM)


@login_required
def plan_download(request, public_id, fmt):
    plan = _get(request, public_id)
    if fmt not in FORMATS:
        raise Http404
    render_bytes, content_type = FORMATS[fmt]
    response = HttpResponse(render_bytes(plan), content_type=content_type)
    response["Content-Disposition"] = (f'attachment; filename="KH-TDKT-{plan.year}-'
                                       f'{plan.unit.code}.{fmt}"')
    return response
