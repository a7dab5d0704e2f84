import pytest
from django.core.exceptions import ValidationError

from organisations.domain import clusters
from organisations.enums import ClusterRole
from organisations.models import ClusterMembership
from tests.factories import ClusterFactory, UnitFactory


@pytest.fixture
def cluster_2025(province):
    cluster = ClusterFactory(managing_unit=province)
    members = [UnitFactory(code=f"M{i}", parent=province) for i in range(1, 5)]
    for unit in members:
        clusters.add_member(None, cluster, unit, 2025)
    clusters.set_leadership(None, cluster, 2025, head=members[0], deputy=members[1])
    return cluster, members


def roles(cluster, year):
    return dict(ClusterMembership.objects.filter(cluster=cluster, year=year)
                .values_list("unit__code", "role"))


def test_leadership_sets_one_head_and_one_deputy(cluster_2025):
    cluster, _members = cluster_2025
    assert roles(cluster, 2025) == {"M1": "head", "M2": "deputy", "M3": "member",
                                    "M4": "member"}


def test_leadership_swap_is_allowed(cluster_2025):
    cluster, members = cluster_2025
    clusters.set_leadership(None, cluster, 2025, head=members[1], deputy=members[0])
    assert roles(cluster, 2025)["M2"] == ClusterRole.HEAD


def test_leadership_must_be_members(cluster_2025, province):
    cluster, members = cluster_2025
    outsider = UnitFactory(parent=province)
    with pytest.raises(ValidationError):
        clusters.set_leadership(None, cluster, 2025, head=outsider, deputy=None)
    with pytest.raises(ValidationError):
        clusters.set_leadership(None, cluster, 2025, head=members[0], deputy=members[0])


def test_member_only_once_per_year(cluster_2025):
    cluster, members = cluster_2025
    with pytest.raises(ValidationError):
        clusters.add_member(None, cluster, members[0], 2025)


def test_start_year_rotates_deputy_to_head(cluster_2025):
    cluster, _members = cluster_2025
    clusters.start_year(None, cluster, 2026)
    assert roles(cluster, 2026) == {"M2": "head", "M3": "deputy", "M1": "member",
                                    "M4": "member"}
    clusters.start_year(None, cluster, 2027)
    assert roles(cluster, 2027)["M3"] == "head"
    assert roles(cluster, 2027)["M4"] == "deputy"


def test_start_year_drops_ended_units(cluster_2025):
    cluster, members = cluster_2025
    members[3].valid_to = members[3].valid_from.replace(year=2025)
    members[3].save()
    clusters.start_year(None, cluster, 2026)
    assert set(roles(cluster, 2026)) == {"M1", "M2", "M3"}


def test_start_year_twice_is_refused(cluster_2025):
    cluster, _members = cluster_2025
    clusters.start_year(None, cluster, 2026)
    with pytest.raises(ValidationError):
        clusters.start_year(None, cluster, 2026)


def test_rotation_wraps_round_without_previous_deputy():
    units = [type("U", (), {"pk": i, "code": f"C{i}"})() for i in range(3)]
    head_row = type("M", (), {"role": "head", "unit": units[2]})()
    head, deputy = clusters.rotation_for([head_row], units)
    assert (head.code, deputy.code) == ("C0", "C1")
