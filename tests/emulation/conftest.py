"""Cluster-round fixtures: a cluster managed by the province with three members in 2025."""

import datetime

import pytest

from accounts.enums import Role
from emulation.movements.domain import cluster_rounds, criteria
from emulation.movements.models import CriteriaSet
from organisations.models import ClusterMembership
from tests.factories import ClusterFactory, UnitFactory, user_with_role

YEAR = 2025


@pytest.fixture
def cluster(province, dept_a):
    cluster = ClusterFactory(managing_unit=province, name="Cụm thi đua các sở")
    second = UnitFactory(code="SO-C", name="Sở Tài chính", parent=province)
    third = UnitFactory(code="SO-D", name="Sở Xây dựng", parent=province)
    for unit, role in ((dept_a, "head"), (second, "deputy"), (third, "member")):
        ClusterMembership.objects.create(cluster=cluster, year=YEAR, unit=unit, role=role)
    return cluster


@pytest.fixture
def members(cluster):
    return [m.unit for m in cluster.memberships.filter(year=YEAR).order_by("unit__code")]


@pytest.fixture
def head_user(cluster):
    return user_with_role(Role.CLUSTER_HEAD, cluster=cluster, username="cluster_head")


@pytest.fixture
def year_set(admin_user):
    template = CriteriaSet.objects.get(name=criteria.TEMPLATE_NAME, is_template=True)
    return criteria.copy_criteria_set(template, actor=admin_user, name="Tiêu chí 2025",
                                      year=YEAR)


@pytest.fixture
def new_round(cluster, year_set, admin_user):
    return cluster_rounds.open_round(actor=admin_user, cluster=cluster, year=YEAR,
                                     criteria_set=year_set)


@pytest.fixture
def scoring_round(new_round, admin_user):
    return cluster_rounds.sign_pact(new_round, actor=admin_user,
                                    pact_date=datetime.date(YEAR, 2, 1),
                                    pact_text="Giao ước thi đua năm 2025")
