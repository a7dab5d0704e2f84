"""The demo stage of the emulation year, on a small copy of the demo's units and clusters."""

import random

import pytest
from django.urls import reverse

from emulation.movements.domain import cluster_rounds
from emulation.movements.interfaces.demo import build_emulation_year
from emulation.movements.models import (
    AnnualPlan,
    ClusterRound,
    Movement,
    Registration,
    ScoreChange,
)
from organisations.models import ClusterMembership
from tests.factories import ClusterFactory, CollectiveFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_units(db):
    province = UnitFactory(code="TQ", name="Tỉnh Tuyên Quang")
    units = {code: UnitFactory(code=code, name=name, parent=province) for code, name in (
        ("TQ-SGD-25", "Sở Giáo dục và Đào tạo"), ("TQ-SYT-25", "Sở Y tế"),
        ("TQ-CTTL", "Trường Cao đẳng Tuyên Quang"), ("TQ-X-YS-25", "Xã Yên Sơn"),
        ("TQ-X-SD-25", "Xã Sơn Dương"))}
    for unit in units.values():
        for _n in range(3):
            PersonFactory(unit=unit)
        CollectiveFactory(unit=unit)
    for code, members in (("KHOI-VHXH", ["TQ-SGD-25", "TQ-SYT-25", "TQ-CTTL"]),
                          ("CUM-NAM", ["TQ-X-YS-25", "TQ-X-SD-25"])):
        cluster = ClusterFactory(code=code, managing_unit=province)
        for member in members:
            ClusterMembership.objects.create(cluster=cluster, year=2025, unit=units[member])
    return units


def test_demo_year(demo_units, client, admin_user):
    assert build_emulation_year(random.Random(1)) == 10
    assert list(AnnualPlan.objects.values_list("state", flat=True)) == ["published"]
    assert sorted(Movement.objects.values_list("kind", "state")) == [
        ("regular", "mid_reviewed"), ("thematic", "launched")]
    assert sorted(Registration.objects.values_list("unit__code", "state")) == [
        ("TQ-CTTL", "draft"), ("TQ-SGD-25", "approved"), ("TQ-SYT-25", "approved"),
        ("TQ-X-SD-25", "returned"), ("TQ-X-YS-25", "submitted")]
    published = ClusterRound.objects.get(cluster__code="KHOI-VHXH")
    assert published.state == "published"
    counts, leaders = cluster_rounds.tally(published)
    assert [u.code for u in cluster_rounds.member_units(published)
            if u.pk in leaders] == ["TQ-SGD-25"]
    assert ScoreChange.objects.exclude(reason="").count() == 2
    southern = ClusterRound.objects.get(cluster__code="CUM-NAM")
    assert southern.state == "scoring"
    # Every member of the scoring round has an officer, who enters the unit's own scores.
    assert sorted(ScoreChange.objects.filter(score__round=southern).values_list(
        "score__unit__code", "actor__username")) == [
        ("TQ-X-SD-25", "canbo_tq_x_sd_25"), ("TQ-X-YS-25", "canbo_tq_x_ys_25")]
    client.force_login(admin_user)
    page = client.get(reverse("emulation:round_detail", args=[published.public_id]))
    assert [unit.code for unit, _link in page.context["leaders"]] == ["TQ-SGD-25"]
