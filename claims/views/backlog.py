"""The backlog dashboard (per commune and in total, with the monthly trend and an export) and
the portal's public lookup by claim code (stage and next step only)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render

from claims.domain.queries.backlog import backlog_table, monthly_trend
from claims.domain.states import NEXT_STEP
from claims.enums import ClaimState
from claims.interfaces.exports import backlog_export
from claims.interfaces.forms import LookupForm
from claims.models import Claim
from core.clients import client_address
from core.interfaces.exports import requested_format
from core.interfaces.guards import get_in, require
from organisations.domain.queries import units_for_user


@login_required
def dashboard(request):
    require(request, "claims.view_backlog")
    unit = None
    if request.GET.get("unit"):
        unit = get_in(units_for_user(request.user), code=request.GET["unit"])
    table = backlog_table(request.user, unit=unit)
    if kind := requested_format(request):
        return backlog_export(kind, table)
    return render(request, "claims/dashboard.html", {
        "table": table, "unit": unit, "trend": monthly_trend(request.user, unit=unit)})


def _rate_limited(request) -> bool:
    """A fixed window per client address (TDKT_CLAIM_LOOKUP_RATE per minute): codes are not
    guessable, and this keeps anyone from trying."""
    key = f"claims-lookup:{client_address(request)}"
    cache.add(key, 0, 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 60)
        count = 1
    return count > getattr(settings, "TDKT_CLAIM_LOOKUP_RATE", 20)


def lookup(request):
    """Public: a family types the claim code and reads the stage and the next step. Nothing
    else about the claim is shown."""
    form = LookupForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        if _rate_limited(request):
            return render(request, "claims/lookup.html", context | {"limited": True},
                          status=429)
        state = (Claim.objects.filter(code=form.cleaned_data["code"].strip().upper())
                 .values_list("state", flat=True).first())
        context |= {"searched": True, "stage": ClaimState(state).label if state else None,
                    "next_step": NEXT_STEP[state] if state else None}
    return render(request, "claims/lookup.html", context)
