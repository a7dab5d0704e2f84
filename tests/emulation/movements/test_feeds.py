"""Criterion 2.2 "on-time information reporting" scored from the filings (Criterion.feed)."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.domain import criteria, feeds
from emulation.movements.models import CriteriaSet, Criterion
from tests.reports.reporting_helpers import file_at, make_request, set_due

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def leaf(cluster_round, code):
    return cluster_round.criteria_set.criteria.get(code=code)


@pytest.fixture
def filings_2025(province, members):
    """Of four reports due in 2025: SO-A filed 3 on time and 1 late; SO-C filed 1 on time and
    missed 3; SO-D was asked nothing."""
    dept_a, so_c = members[0], members[1]
    for month in (1, 3, 5, 7):
        req = make_request(province, [dept_a, so_c], include_below=False, kind="monthly",
                           period=month, title=f"Báo cáo tháng {month}")
        due = datetime.date(2025, month, 15)
        set_due(req, due)
        late = month == 7
        when = datetime.datetime(2025, month, 16 if late else 14, 3, tzinfo=datetime.UTC)
        file_at(req, dept_a, when)
        if month == 1:
            file_at(req, so_c, when)


def test_template_row_is_system_fed(db):
    template = CriteriaSet.objects.get(name=criteria.TEMPLATE_NAME, is_template=True)
    assert dict(template.criteria.exclude(feed="manual").values_list("code", "feed")) == {
        "2.2": "reporting_on_time"}
    assert criteria.mark_template_feeds() == 1


def test_copy_keeps_the_feed(year_set):
    assert year_set.criteria.get(code="2.2").feed == "reporting_on_time"


def test_results_score_2_2_from_filings(scoring_round, members, filings_2025):
    rows = {r.unit.code: r.total for r in domain.results(scoring_round)}
    # 10 × 3/4 = 7.50; 10 × 1/4 = 2.50; nothing due → the full 10.
    assert rows == {"SO-A": D("7.50"), "SO-C": D("2.50"), "SO-D": D("10.00")}


def test_unit_cannot_score_a_fed_criterion(scoring_round, members, officer_a):
    crit = leaf(scoring_round, "2.2")
    with pytest.raises(ValidationError, match="scored by the system"):
        domain.self_assess(scoring_round, actor=officer_a, unit=members[0], criterion=crit,
                           points=10, evidence_text="Đủ 12 kỳ")
    with pytest.raises(ValidationError, match="scored by the system"):
        domain.score_peer(scoring_round, actor=officer_a, scorer_unit=members[0],
                          unit=members[1], criterion=crit, points=10)


def test_rescore_with_a_reason_overrides_the_system(scoring_round, members, filings_2025,
                                                    head_user):
    domain.rescore(scoring_round, actor=head_user, unit=members[1],
                   criterion=leaf(scoring_round, "2.2"), points=D(6),
                   reason="Sở đã gửi qua đường công văn 2 kỳ")
    rows = {r.unit.code: r.total for r in domain.results(scoring_round)}
    assert rows == {"SO-A": D("7.50"), "SO-C": D("6.00"), "SO-D": D("10.00")}


def test_manual_criterion_unaffected(scoring_round, members, filings_2025, admin_user):
    Criterion.objects.filter(criteria_set=scoring_round.criteria_set, code="2.2").update(
        feed="manual")
    rows = {r.unit.code: r.total for r in domain.results(scoring_round)}
    assert rows == {"SO-A": D("0.00"), "SO-C": D("0.00"), "SO-D": D("0.00")}


def test_evidence_lists_late_and_missing(members, filings_2025):
    evidence = feeds.reporting_evidence(members, 2025)
    assert [(e["unit"].code, e["summary"].on_time, e["summary"].late, e["summary"].missing,
             [(i["filing"].request.title, i["status"]) for i in e["items"]])
            for e in evidence] == [
        ("SO-A", 3, 1, 0, [("Báo cáo tháng 7", "late")]),
        ("SO-C", 1, 0, 3, [("Báo cáo tháng 3", "missing"), ("Báo cáo tháng 5", "missing"),
                           ("Báo cáo tháng 7", "missing")]),
        ("SO-D", 0, 0, 0, [])]
