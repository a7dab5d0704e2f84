"""The yearly record of a unit and the criterion points, with exact values."""

import datetime
from decimal import Decimal as D

import pytest

from reports.domain import timeliness
from reports.domain.parameters import OnTimeRule, on_time_rule
from reports.domain.requests import cancel_request
from reports.models import ReportingParameter
from tests.reports.reporting_helpers import file_at, make_request, set_due

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 12, 1)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def record(province, dept_a, dept_b):
    """dept_a in 2025: 2 on time, 1 late, 1 missing, 1 not due yet; dept_b: 1 on time; plus a
    cancelled request and a 2024 request that never count for 2025."""
    dues = [datetime.date(2025, m, 10) for m in (2, 4, 6, 8)] + [datetime.date(2025, 12, 20)]
    reqs = []
    for n, due in enumerate(dues, start=1):
        req = make_request(province, [dept_a, dept_b], include_below=False, kind="monthly",
                           period=n, title=f"Báo cáo tháng {n}")
        set_due(req, due)
        reqs.append(req)
    file_at(reqs[0], dept_a, at(dues[0]))
    file_at(reqs[1], dept_a, at(dues[1] - datetime.timedelta(days=2)))
    file_at(reqs[2], dept_a, at(dues[2] + datetime.timedelta(days=1)))
    file_at(reqs[0], dept_b, at(dues[0]))
    cancelled = make_request(province, [dept_a], include_below=False, title="Hủy")
    cancel_request(cancelled, actor=None, reason="Trùng")
    old = make_request(province, [dept_a], include_below=False, year=2024, title="Năm cũ")
    set_due(old, datetime.date(2024, 3, 1))
    return reqs


def test_year_summary_counts(record, dept_a, dept_b, school_a):
    summaries = timeliness.year_summaries([dept_a.pk, dept_b.pk, school_a.pk], 2025, TODAY)
    a, b, s = summaries[dept_a.pk], summaries[dept_b.pk], summaries[school_a.pk]
    assert (a.total, a.on_time, a.late, a.missing, a.not_due, a.due) == (5, 2, 1, 1, 1, 4)
    assert a.share_on_time == D("50.00")
    assert (b.total, b.on_time, b.late, b.missing, b.not_due, b.share_on_time) == (
        5, 1, 0, 3, 1, D("25.00"))
    assert (s.total, s.due, s.share_on_time) == (0, 0, None)


def test_late_or_missing_is_the_evidence(record, dept_a):
    rows = list(timeliness.late_or_missing([dept_a.pk], 2025, TODAY))
    assert [(f.request.title, timeliness.timeliness(f, TODAY)) for f in rows] == [
        ("Báo cáo tháng 3", "late"), ("Báo cáo tháng 4", "missing")]


@pytest.mark.parametrize(("rule", "points"), [
    (OnTimeRule(), D("5.00")),                                    # 10 × 2/4
    (OnTimeRule(late_credit=D("0.5")), D("6.25")),                # 10 × 2.5/4
    (OnTimeRule(penalty_per_late=D(1), penalty_per_missing=D(2)), D("2.00")),
    (OnTimeRule(penalty_per_missing=D(10)), D("0.00")),           # never below 0
])
def test_criterion_points(record, dept_a, rule, points):
    summary = timeliness.year_summaries([dept_a.pk], 2025, TODAY)[dept_a.pk]
    assert timeliness.criterion_points(summary, D(10), rule) == points


def test_nothing_due_gives_full_points_unless_the_rule_says_otherwise():
    empty = timeliness.Summary(unit_id=1)
    assert timeliness.criterion_points(empty, D(10), OnTimeRule()) == D("10.00")
    assert timeliness.criterion_points(empty, D(10), OnTimeRule(none_due_full=False)) == D(
        "0.00")


def test_rule_is_dated_data(db):
    assert on_time_rule(2025) == OnTimeRule()
    seeded = ReportingParameter.objects.get(key="criterion.on_time")
    assert (seeded.verified, seeded.citation.startswith("Seed 001 §8")) == (False, True)
    ReportingParameter.objects.create(
        key="criterion.on_time", valid_from=datetime.date(2026, 1, 1),
        citation="Hướng dẫn số 01/HD-HĐTĐKT", value={"penalty_per_late": "0.5"})
    assert on_time_rule(2025) == OnTimeRule()
    assert on_time_rule(2026) == OnTimeRule(penalty_per_late=D("0.5"))
