"""Replicating exemplary models: the board assigns a model to a unit; the unit reports its
progress; the model's page lists where it spread."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import restrict_to_scope
from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page
from emulation.exemplars.domain import replications as domain
from emulation.exemplars.domain.queries.records import BOARD_ROLES, exemplars_for_user
from emulation.exemplars.models import Replication
from emulation.initiatives.enums import VIEW_ROLES
from organisations.interfaces.forms import UnitChoiceField, active_units

FORM = "core/form.html"


class AssignForm(forms.Form):
    unit = UnitChoiceField(label=gettext_lazy("Replicating unit"), queryset=active_units())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = restrict_to_scope(active_units(), user, field="id",
                                                         roles=BOARD_ROLES)


class ProgressForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Progress"),
                           widget=forms.Textarea(attrs={"rows": 4}))
    done = forms.BooleanField(label=gettext_lazy("The model is replicated (completed)"),
                              required=False)


def replications_for_user(user):
    """Replications of a unit in the user's scope, or of a model of a unit in scope."""
    units = restrict_to_scope(active_units(), user, field="id", roles=VIEW_ROLES).values("id")
    return Replication.objects.select_related("exemplar__unit", "unit").filter(
        Q(unit_id__in=units) | Q(exemplar__unit_id__in=units))


@login_required
def replication_assign(request, public_id):
    exemplar = get_in(exemplars_for_user(request.user), public_id=public_id)
    require(request, "emulation.replicate_exemplar", exemplar)
    return form_page(
        request, AssignForm(posted(request), user=request.user),
        lambda data: domain.assign_replication(exemplar, actor=request.user, **data),
        title=_("Replicate “%(title)s”") % {"title": exemplar.title}, submit=_("Assign"),
        done=domain.replication_url, success_message=_("Model assigned for replication."),
        template=FORM)


@login_required
def replication_detail(request, public_id):
    replication = get_in(replications_for_user(request.user), public_id=public_id)
    require(request, "emulation.view_exemplar")
    return render(request, "emulation/replication_detail.html", {
        "replication": replication, "reports": replication.reports.select_related(
            "reported_by"),
        "can_report": request.user.has_perm("emulation.report_replication", replication)})


@login_required
def replication_report(request, public_id):
    replication = get_in(replications_for_user(request.user), public_id=public_id)
    require(request, "emulation.report_replication", replication)
    return form_page(
        request, ProgressForm(posted(request)),
        lambda data: domain.report_progress(replication, actor=request.user, **data),
        title=_("Replication progress: %(item)s") % {"item": replication}, submit=_("Save"),
        done=lambda r: domain.replication_url(replication),
        success_message=_("Progress reported."), template=FORM)
