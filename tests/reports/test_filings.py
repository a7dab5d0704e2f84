"""Filing a report, returning it, extending the due date; timeliness at the day's edge in
Vietnam; every filing state × request state."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from notifications.models import Notification
from reports.domain import filings as domain
from reports.domain.timeliness import deadline_end, is_on_time
from reports.enums import FilingState, RequestState
from reports.models import FilingVersion, ReportFiling, ReportRequest
from tests.reports.reporting_helpers import file_at, filing_of, make_request, set_due

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
DUE = datetime.date(2025, 3, 10)
# 23:59:59 on 10/3 in Vietnam is 16:59:59 UTC; midnight is 17:00 UTC.
LAST_SECOND = datetime.datetime(2025, 3, 10, 16, 59, 59, tzinfo=UTC)
MIDNIGHT = datetime.datetime(2025, 3, 10, 17, 0, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def req(province, dept_a):
    req = make_request(province, [dept_a], include_below=False)
    set_due(req, DUE)
    return req


def test_deadline_is_the_end_of_the_day_in_vietnam():
    assert deadline_end(DUE) == MIDNIGHT
    assert (is_on_time(LAST_SECOND, DUE), is_on_time(MIDNIGHT, DUE)) == (True, False)


@pytest.mark.parametrize(("when", "on_time"), [(LAST_SECOND, True), (MIDNIGHT, False)])
def test_file_records_server_time_and_timeliness(req, dept_a, officer_a, when, on_time):
    filing = file_at(req, dept_a, when, actor=officer_a)
    assert (filing.state, filing.filed_at, filing.first_filed_at, filing.on_time) == (
        "filed", when, when, on_time)
    version = FilingVersion.objects.get()
    assert (version.filed_at, version.note, version.file_kind, version.actor) == (
        when, "Đã gửi", "pdf", officer_a)
    assert AuditEntry.objects.get(action="reports.filing.file").changes == {
        "state": ["pending", "filed"], "on_time": [None, on_time]}


def test_file_needs_a_file(req, dept_a):
    with pytest.raises(ValidationError) as error:
        domain.file_report(filing_of(req, dept_a), actor=None, uploaded=None)
    assert error.value.message_dict["uploaded"] == ["Attach the report file."]


@pytest.mark.parametrize("request_state", list(RequestState.values))
@pytest.mark.parametrize("state", list(FilingState.values))
def test_file_only_pending_or_returned_of_an_issued_request(req, dept_a, state,
                                                            request_state):
    ReportRequest.objects.filter(pk=req.pk).update(state=request_state)
    ReportFiling.objects.filter(request=req).update(state=state)
    allowed = state in ("pending", "returned") and request_state == "issued"
    if allowed:
        assert file_at(req, dept_a, LAST_SECOND).state == "filed"
    else:
        with pytest.raises(ValidationError):
            file_at(req, dept_a, LAST_SECOND)
        assert not FilingVersion.objects.exists()


@pytest.mark.parametrize("state", list(FilingState.values))
def test_return_only_a_filed_report(req, dept_a, state):
    ReportFiling.objects.filter(request=req).update(state=state)
    call = lambda: domain.return_filing(filing_of(req, dept_a), actor=None,  # noqa: E731
                                        reason="Thiếu số liệu biểu 2")
    if state == "filed":
        returned = call()
        assert (returned.state, returned.return_reason) == ("returned", "Thiếu số liệu biểu 2")
    else:
        with pytest.raises(ValidationError, match="only a filed report can be returned"):
            call()


def test_refiling_after_return_keeps_the_first_time(req, dept_a, officer_a):
    file_at(req, dept_a, LAST_SECOND)
    domain.return_filing(filing_of(req, dept_a), actor=None, reason="Thiếu biểu 2")
    later = MIDNIGHT + datetime.timedelta(days=3)
    filing = file_at(req, dept_a, later)
    assert (filing.state, filing.first_filed_at, filing.filed_at, filing.on_time) == (
        "filed", LAST_SECOND, later, True)
    assert FilingVersion.objects.filter(filing=filing).count() == 2
    assert list(Notification.objects.filter(verb="reports.filing_returned")
                .values_list("recipient__username", flat=True)) == ["officer_a"]


def test_board_may_disregard_a_returned_filing(req, dept_a):
    file_at(req, dept_a, LAST_SECOND)
    returned = domain.return_filing(filing_of(req, dept_a), actor=None,
                                    reason="Gửi nhầm báo cáo năm trước", counts_as_unfiled=True)
    assert (returned.first_filed_at, returned.on_time) == (None, None)
    refiled = file_at(req, dept_a, MIDNIGHT)
    assert (refiled.first_filed_at, refiled.on_time) == (MIDNIGHT, False)


def test_return_needs_a_reason(req, dept_a):
    file_at(req, dept_a, LAST_SECOND)
    with pytest.raises(ValidationError) as error:
        domain.return_filing(filing_of(req, dept_a), actor=None, reason="  ")
    assert error.value.message_dict["reason"] == ["Give the reason for returning the report."]


def test_extension_judges_again(req, dept_a):
    file_at(req, dept_a, MIDNIGHT)
    extended = domain.extend_due_date(filing_of(req, dept_a), actor=None,
                                      due_date=datetime.date(2025, 3, 12),
                                      reason="Mất điện diện rộng")
    assert (extended.due_date, extended.on_time, extended.extension_reason) == (
        datetime.date(2025, 3, 12), True, "Mất điện diện rộng")
    assert AuditEntry.objects.get(action="reports.filing.extend").changes == {
        "due_date": ["2025-03-10", "2025-03-12"], "on_time": [False, True]}


def test_extension_not_before_the_request_due_date(req, dept_a):
    with pytest.raises(ValidationError) as error:
        domain.extend_due_date(filing_of(req, dept_a), actor=None,
                               due_date=datetime.date(2025, 3, 1), reason="Sai")
    assert error.value.message_dict["due_date"] == [
        "The new due date is before the request's due date (10/03/2025)."]


def test_extension_needs_a_reason(req, dept_a):
    with pytest.raises(ValidationError, match="reason for the extension"):
        domain.extend_due_date(filing_of(req, dept_a), actor=None,
                               due_date=datetime.date(2025, 3, 20), reason="")
