"""Emulation clusters and blocks: members per year, head and deputy, yearly rotation."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.interfaces.forms import apply_domain_error
from core.interfaces.guards import get_in, require
from organisations.domain import clusters
from organisations.domain.queries import clusters_for_user
from organisations.interfaces.forms import (
    ClusterForm,
    ClusterMemberForm,
    LeadershipForm,
    YearForm,
)
from organisations.models import Unit


@login_required
def cluster_list(request):
    require(request, "organisations.view_cluster")
    q = request.GET.get("q", "")
    return render(request, "organisations/cluster_list.html", {
        "clusters": clusters_for_user(request.user, q), "q": q,
        "can_add": request.user.has_perm("organisations.manage_cluster")})


def _selected_year(request, cluster) -> int:
    years = list(cluster.memberships.values_list("year", flat=True).distinct().order_by("-year"))
    try:
        return int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        return years[0] if years else timezone.localdate().year


@login_required
def cluster_detail(request, code):
    cluster = get_in(clusters_for_user(request.user), code=code)
    require(request, "organisations.view_cluster", cluster)
    year = _selected_year(request, cluster)
    members = cluster.memberships.filter(year=year).select_related("unit").order_by(
        "role", "unit__name")
    member_units = Unit.objects.filter(cluster_memberships__cluster=cluster,
                                       cluster_memberships__year=year)
    head = next((m.unit for m in members if m.role == "head"), None)
    deputy = next((m.unit for m in members if m.role == "deputy"), None)
    return render(request, "organisations/cluster_detail.html", {
        "cluster": cluster, "year": year, "members": members,
        "years": cluster.memberships.values_list("year", flat=True).distinct().order_by("-year"),
        "can_manage": request.user.has_perm("organisations.manage_cluster", cluster),
        "member_form": ClusterMemberForm(initial={"year": year}),
        "leadership_form": LeadershipForm(members=member_units,
                                          initial={"head": head, "deputy": deputy}),
        "year_form": YearForm(initial={"year": year + 1}),
    })


@login_required
def cluster_form(request, code=None):
    cluster = get_in(clusters_for_user(request.user), code=code) if code else None
    require(request, "organisations.manage_cluster", cluster)
    form = ClusterForm(request.POST or None, instance=cluster)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
        if not request.user.has_perm("organisations.manage_cluster",
                                     form.cleaned_data["managing_unit"]):
            form.add_error("managing_unit", _("This unit is outside your scope."))
        else:
            try:
                saved = (clusters.create_cluster(request.user, **fields) if cluster is None
                         else clusters.update_cluster(request.user, cluster, **fields))
                messages.success(request, _("Saved."))
                return redirect("organisations:cluster_detail", code=saved.code)
            except ValidationError as error:
                apply_domain_error(form, error)
    title = _("New cluster or block") if cluster is None else cluster.name
    return render(request, "core/form.html",
                  {"form": form, "title": title, "submit": _("Save")})


def _cluster_action(request, code, form_factory, act):
    cluster = get_in(clusters_for_user(request.user), code=code)
    require(request, "organisations.manage_cluster", cluster)
    year = _selected_year(request, cluster)
    if request.method != "POST":
        return redirect("organisations:cluster_detail", code=code)
    form = form_factory(cluster, year)
    if form.is_valid():
        try:
            year = act(cluster, form.cleaned_data) or year
            messages.success(request, _("Saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(reverse("organisations:cluster_detail", args=[code]) + f"?year={year}")


@login_required
def cluster_add_member(request, code):
    def act(cluster, data):
        clusters.add_member(request.user, cluster, data["unit"], data["year"])
        return data["year"]

    return _cluster_action(request, code, lambda c, y: ClusterMemberForm(request.POST), act)


@login_required
def cluster_leadership(request, code):
    def factory(cluster, year):
        members = Unit.objects.filter(cluster_memberships__cluster=cluster,
                                      cluster_memberships__year=year)
        return LeadershipForm(request.POST, members=members)

    def act(cluster, data):
        clusters.set_leadership(request.user, cluster, _selected_year(request, cluster),
                                head=data["head"], deputy=data["deputy"])

    return _cluster_action(request, code, factory, act)


@login_required
def cluster_start_year(request, code):
    def act(cluster, data):
        clusters.start_year(request.user, cluster, data["year"])
        return data["year"]

    return _cluster_action(request, code, lambda c, y: YearForm(request.POST), act)
