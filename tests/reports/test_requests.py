"""Report requests: drafting, targets, issue, close, cancel (every state × every change)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import Role
from audit.models import AuditEntry
from notifications.models import Notification
from organisations.models import ClusterMembership
from reports.domain import requests as domain
from reports.enums import RequestState
from reports.models import ReportFiling, ReportRequest
from tests.factories import ClusterFactory, UnitFactory, user_with_role
from tests.reports.reporting_helpers import FUTURE, make_request

pytestmark = pytest.mark.django_db
STATES = list(RequestState.values)


def to_state(req, state):
    ReportRequest.objects.filter(pk=req.pk).update(state=state)
    req.refresh_from_db()
    return req


def targets(req):
    return sorted(ReportFiling.objects.filter(request=req).values_list("unit__code", flat=True))


def test_issue_targets_the_subtree_and_notifies_officers(province, dept_a, school_a, dept_b,
                                                         officer_a):
    req = make_request(province, [dept_a])
    assert targets(req) == ["SO-A", "TRUONG-A"]
    assert set(ReportFiling.objects.values_list("state", "due_date")) == {("pending", FUTURE)}
    assert list(Notification.objects.values_list("recipient__username", "verb")) == [
        ("officer_a", "reports.request_issued")]
    assert list(AuditEntry.objects.filter(action__startswith="reports.request")
                .values_list("action", flat=True).order_by("id")) == [
        "reports.request.create", "reports.request.issue"]


def test_only_the_chosen_units_without_below(province, dept_a, school_a):
    assert targets(make_request(province, [dept_a], include_below=False)) == ["SO-A"]


def test_requester_never_targets_itself(province, dept_a, school_a, dept_b):
    assert targets(make_request(province, [province])) == ["SO-A", "SO-B", "TRUONG-A"]


def test_dissolved_units_do_not_owe_reports(province, dept_a, school_a):
    school_a.valid_to = datetime.date(2024, 12, 31)
    school_a.save()
    assert targets(make_request(province, [dept_a])) == ["SO-A"]


def test_cluster_members_of_the_year(province, dept_a, dept_b):
    cluster = ClusterFactory(managing_unit=province)
    ClusterMembership.objects.create(cluster=cluster, year=2025, unit=dept_b, role="member")
    ClusterMembership.objects.create(cluster=cluster, year=2024, unit=dept_a, role="member")
    assert targets(make_request(province, [], cluster=cluster)) == ["SO-B"]


def test_targets_must_be_under_the_requester(dept_a, dept_b):
    with pytest.raises(ValidationError) as error:
        make_request(dept_a, [dept_b], issue=False)
    assert error.value.message_dict["roots"] == ["Sở Y tế: not under the requesting unit."]


def test_no_target_refused(province):
    with pytest.raises(ValidationError) as error:
        make_request(province, [], issue=False)
    assert error.value.message_dict["roots"] == ["Choose the target units or a cluster."]


def test_issue_with_nobody_below_refused(province):
    lonely = UnitFactory(code="LE", parent=province)
    req = make_request(lonely, [lonely], issue=False)
    with pytest.raises(ValidationError, match="No current unit"):
        domain.issue_request(req, actor=None)


@pytest.mark.parametrize(("kind", "period", "error"), [
    ("quarterly", None, "Give the period: a number from 1 to 4."),
    ("monthly", 13, "Give the period: a number from 1 to 12."),
    ("half_year", 0, "Give the period: a number from 1 to 2."),
    ("yearly", 2, "A yearly or ad hoc report has no period; leave it blank."),
    ("ad_hoc", 1, "A yearly or ad hoc report has no period; leave it blank."),
])
def test_period_checked_by_kind(province, dept_a, kind, period, error):
    with pytest.raises(ValidationError) as raised:
        make_request(province, [dept_a], kind=kind, period=period, issue=False)
    assert raised.value.message_dict["period"] == [error]


def test_issue_refuses_a_past_due_date(province, dept_a):
    req = make_request(province, [dept_a], issue=False, due_date=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        domain.issue_request(req, actor=None)
    assert error.value.message_dict["due_date"] == ["The due date has passed; correct it first."]


@pytest.mark.parametrize("state", STATES)
def test_issue_only_a_draft(province, dept_a, state):
    req = to_state(make_request(province, [dept_a], issue=False), state)
    if state == RequestState.DRAFT:
        assert domain.issue_request(req, actor=None).state == RequestState.ISSUED
    else:
        with pytest.raises(ValidationError, match="only a draft can be issued"):
            domain.issue_request(req, actor=None)
        assert not ReportFiling.objects.exists()


@pytest.mark.parametrize("state", STATES)
def test_update_only_a_draft(province, dept_a, state):
    req = to_state(make_request(province, [dept_a], issue=False), state)
    if state == RequestState.DRAFT:
        updated = domain.update_request(req, actor=None, title="Báo cáo quý 2", period=2)
        assert (updated.title, updated.period) == ("Báo cáo quý 2", 2)
        entry = AuditEntry.objects.get(action="reports.request.update")
        assert entry.changes == {"title": ["Báo cáo công tác thi đua quý 1", "Báo cáo quý 2"],
                                 "period": [1, 2]}
    else:
        with pytest.raises(ValidationError, match="only a draft can be corrected"):
            domain.update_request(req, actor=None, title="X")


@pytest.mark.parametrize("state", STATES)
def test_close_only_an_issued_request(province, dept_a, state):
    req = to_state(make_request(province, [dept_a], issue=False), state)
    if state == RequestState.ISSUED:
        assert domain.close_request(req, actor=None).state == RequestState.CLOSED
    else:
        with pytest.raises(ValidationError, match="only an issued request can be closed"):
            domain.close_request(req, actor=None)


@pytest.mark.parametrize("state", STATES)
def test_cancel_draft_or_issued_with_a_reason(province, dept_a, state):
    req = to_state(make_request(province, [dept_a], issue=False), state)
    if state in (RequestState.DRAFT, RequestState.ISSUED):
        with pytest.raises(ValidationError, match="Give a reason"):
            domain.cancel_request(req, actor=None, reason=" ")
        cancelled = domain.cancel_request(req, actor=None, reason="Trùng yêu cầu số 5")
        assert (cancelled.state, cancelled.cancel_reason) == ("cancelled", "Trùng yêu cầu số 5")
        assert AuditEntry.objects.get(action="reports.request.cancel").reason == (
            "Trùng yêu cầu số 5")
    else:
        with pytest.raises(ValidationError, match="already"):
            domain.cancel_request(req, actor=None, reason="Trùng")


def test_unit_officer_requests_from_its_own_units(dept_a, school_a):
    officer = user_with_role(Role.UNIT_OFFICER, dept_a)
    req = make_request(dept_a, [school_a])
    assert targets(req) == ["TRUONG-A"]
    assert officer.has_perm("reports.issue_request", req) is False  # already issued
    assert officer.has_perm("reports.close_request", req) is True


@pytest.mark.parametrize(("kind", "period", "label"), [
    ("monthly", 11, "Month 11/2025"), ("quarterly", 2, "Quarter 2/2025"),
    ("half_year", 1, "Half 1/2025"), ("yearly", None, "Year 2025"), ("ad_hoc", None, "Year 2025"),
])
def test_period_label(province, dept_a, kind, period, label):
    req = make_request(province, [dept_a], kind=kind, period=period, issue=False)
    assert domain.period_label(req) == label
