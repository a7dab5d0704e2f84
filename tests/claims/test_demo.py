"""The demo backlog: the demo commune has claims in every stage; its officer's dashboard and
the board's show them."""

import pytest
from django.db.models import Count
from django.urls import reverse

from accounts.models import User
from claims.enums import ClaimState
from claims.interfaces.demo import HOME_COMMUNE
from claims.models import Claim

pytestmark = pytest.mark.django_db


def test_demo_commune_has_every_stage(demo_province):
    counts = dict(Claim.objects.filter(unit__code=HOME_COMMUNE).values_list("state")
                  .annotate(n=Count("id")).values_list("state", "n"))
    assert set(counts) == set(ClaimState.values)
    assert sum(counts.values()) == 300
    assert min(counts.values()) >= 5


def test_demo_dashboards(demo_province, client):
    client.force_login(User.objects.get(username="canbo_yenson"))
    rows = client.get(reverse("claims:dashboard")).context["table"].rows
    assert [(r.unit_code, sum(r.counts)) for r in rows] == [(HOME_COMMUNE, 300)]
    client.force_login(User.objects.get(username="banthidua"))
    table = client.get(reverse("claims:dashboard")).context["table"]
    assert (len(table.rows), sum(table.total.counts)) == (7, 300 + 6 * 15)
