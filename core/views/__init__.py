from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from core import home as home_panels
from organisations.domain.queries import people_for_user, units_for_user


@login_required
def home(request):
    """Start page: what the user's scope holds."""
    units = units_for_user(request.user)
    context = {
        "unit_count": units.filter(valid_to__isnull=True).count(),
        "ended_unit_count": units.filter(valid_to__isnull=False).count(),
        "people_count": people_for_user(request.user).count(),
        "assignments": request.user.role_assignments.filter(is_active=True)
        .select_related("unit", "cluster"),
        "panels": home_panels.panels_for(request),
    }
    return render(request, "core/home.html", context)


def healthz(request):
    """Liveness probe, also the trivial view the benchmarks compare list pages with."""
    return HttpResponse("ok", content_type="text/plain")
