"""Reporting-discipline pages: every view as outsider and in scope, the flow through the
forms, private downloads, query counts of the lists."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import FilingVersion, ReportFiling, ReportRequest
from tests.reports.reporting_helpers import FUTURE, PDF, file_at, filing_of, make_request, set_due

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def req(province, dept_a, school_a):
    return make_request(province, [dept_a])


def url(name, *args):
    return reverse(f"reports:{name}", args=args)


def pdf(name="bao-cao.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def object_urls(req, dept_a):
    filing = filing_of(req, dept_a)
    return [url("request_detail", req.public_id), url("request_cancel", req.public_id),
            url("request_close", req.public_id), url("filing_file", filing.public_id),
            url("filing_return", filing.public_id), url("filing_extend", filing.public_id),
            url("unit_timeliness", dept_a.code, 2025)]


def test_anonymous_is_sent_to_sign_in(client, req, dept_a):
    for target in [url("request_list"), url("timeliness"), url("overdue"),
                   *object_urls(req, dept_a)]:
        response = client.get(target)
        assert (response.status_code, response["Location"].startswith("/accounts/login")) == (
            302, True), target


def test_outsider_gets_404_for_another_units_request(client_for, outsider, req, dept_a):
    client = client_for(outsider)
    for target in object_urls(req, dept_a):
        assert client.get(target).status_code == 404, target


def test_role_without_reporting_gets_403(client_for, council_user, req):
    client = client_for(council_user)
    for target in [url("request_list"), url("timeliness"), url("overdue"),
                   url("request_create")]:
        assert client.get(target).status_code == 403, target


def test_outsider_lists_are_empty(client_for, outsider, req):
    client = client_for(outsider)
    assert list(client.get(url("request_list")).context["page"].object_list) == []
    assert client.get(url("timeliness") + "?year=2025").context["rows"] == []


def test_target_officer_sees_own_filings_only(client_for, officer_a, province, dept_a, dept_b):
    both = make_request(province, [dept_a, dept_b], include_below=False)
    page = client_for(officer_a).get(url("request_detail", both.public_id))
    assert [r["filing"].unit.code for r in page.context["rows"]] == ["SO-A"]
    assert page.context["rows"][0]["can_file"] is True
    assert page.context["perms"] == {"change_request": False, "issue_request": False,
                                     "close_request": False, "cancel_request": False}


def test_officer_cannot_manage_the_boards_request(client_for, officer_a, req):
    client = client_for(officer_a)
    assert client.get(url("request_cancel", req.public_id)).status_code == 403
    assert client.get(url("request_close", req.public_id)).status_code == 403


def test_full_flow_through_the_forms(client, board_user, officer_a, province, dept_a,
                                     school_a):
    client.force_login(board_user)
    response = client.post(url("request_create"), {
        "requester": province.pk, "title": "Báo cáo 6 tháng đầu năm", "kind": "half_year",
        "year": "2025", "period": "1", "legal_basis": "Công văn 15/HĐTĐKT",
        "due_date": FUTURE.isoformat(), "roots": [dept_a.pk], "include_below": "on",
        "guidance": pdf("huong-dan.pdf")})
    req = ReportRequest.objects.get()
    assert response["Location"] == url("request_detail", req.public_id)
    assert (req.state, req.guidance_name, req.period) == ("draft", "huong-dan.pdf", 1)
    client.post(url("request_issue", req.public_id))
    assert sorted(ReportFiling.objects.values_list("unit__code", flat=True)) == [
        "SO-A", "TRUONG-A"]
    client.force_login(officer_a)
    filing = filing_of(req, dept_a)
    response = client.post(url("filing_file", filing.public_id),
                           {"uploaded": pdf(), "note": "Kèm biểu số liệu"})
    assert response.status_code == 302
    filing.refresh_from_db()
    assert (filing.state, filing.on_time) == ("filed", True)
    guidance = client.get(url("request_guidance", req.public_id))
    assert b"".join(guidance.streaming_content) == PDF
    client.force_login(board_user)
    page = client.get(url("filing_return", filing.public_id))
    assert "counts_as_unfiled" in page.context["form"].fields
    client.post(url("filing_return", filing.public_id), {"reason": "Thiếu biểu 3"})
    filing.refresh_from_db()
    assert (filing.state, filing.return_reason, filing.on_time) == (
        "returned", "Thiếu biểu 3", True)
    client.post(url("filing_extend", filing_of(req, school_a).public_id), {
        "due_date": (FUTURE + datetime.timedelta(days=5)).isoformat(), "reason": "Bão số 3"})
    assert filing_of(req, school_a).extension_reason == "Bão số 3"
    version = FilingVersion.objects.get()
    download = client.get(url("filing_version", version.public_id))
    assert b"".join(download.streaming_content) == PDF


def test_outsider_cannot_download_filed_report(client_for, outsider, req, dept_a):
    file_at(req, dept_a, datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    version = FilingVersion.objects.get()
    assert client_for(outsider).get(url("filing_version", version.public_id)).status_code == 404


def test_a_disguised_file_is_refused_by_name(client_for, officer_a, req, dept_a):
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf",
                              content_type="application/pdf")
    page = client_for(officer_a).post(url("filing_file", filing_of(req, dept_a).public_id),
                                      {"uploaded": fake})
    assert page.status_code == 200 and "bao-cao.pdf" in page.context["form"].errors[
        "uploaded"][0]
    assert not FilingVersion.objects.exists()


def test_unit_officer_return_form_has_no_disregard(client_for, dept_a, school_a):
    from accounts.enums import Role
    from tests.factories import user_with_role

    officer = user_with_role(Role.UNIT_OFFICER, dept_a)
    own = make_request(dept_a, [school_a])
    file_at(own, school_a, datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    page = client_for(officer).get(url("filing_return", filing_of(own, school_a).public_id))
    assert list(page.context["form"].fields) == ["reason"]
    assert client_for(officer).get(
        url("filing_extend", filing_of(own, school_a).public_id)).status_code == 403


def test_detail_marks_overdue_rows(client_for, board_user, req, dept_a):
    set_due(req, datetime.date(2025, 3, 10))
    page = client_for(board_user).get(url("request_detail", req.public_id))
    assert [(r["filing"].unit.code, r["status"], r["overdue"]) for r in page.context["rows"]] == [
        ("SO-A", "missing", True), ("TRUONG-A", "missing", True)]
    assert b'class="overdue"' in page.content


def test_timeliness_and_unit_year_pages(client_for, board_user, province, dept_a, school_a):
    req = make_request(province, [dept_a])
    set_due(req, datetime.date(2025, 3, 10))
    file_at(req, dept_a, datetime.datetime(2025, 3, 9, tzinfo=datetime.UTC))
    client = client_for(board_user)
    rows = client.get(url("timeliness") + "?year=2025").context["rows"]
    assert [(r.unit.code, r.total, r.on_time, r.missing, r.share_on_time) for r in rows] == [
        ("SO-A", 1, 1, 0, 100), ("TRUONG-A", 1, 0, 1, 0)]
    page = client.get(url("unit_timeliness", school_a.code, 2025))
    assert [(r["filing"].request.title, r["status"], r["label"])
            for r in page.context["rows"]] == [
        ("Báo cáo công tác thi đua quý 1", "missing", "Chưa gửi (quá hạn)")]  # back office: vi


def test_overdue_list(client_for, board_user, officer_a, province, dept_a, school_a):
    req = make_request(province, [dept_a])
    set_due(req, datetime.date(2025, 3, 10))
    file_at(req, dept_a, datetime.datetime(2025, 3, 9, tzinfo=datetime.UTC))
    board_rows = client_for(board_user).get(url("overdue")).context["page"].object_list
    assert [f.unit.code for f in board_rows] == ["TRUONG-A"]
    # The overdue list is the requester's: the target officer does not chase the board's list.
    assert list(client_for(officer_a).get(url("overdue")).context["page"].object_list) == []


def _many(province, dept_a, n):
    for i in range(n):
        req = make_request(province, [dept_a], title=f"Báo cáo {i}")
        set_due(req, datetime.date(2025, 3, 10))


def test_list_query_counts(client_for, board_user, province, dept_a, school_a,
                           django_assert_max_num_queries):
    _many(province, dept_a, 5)
    client = client_for(board_user)
    for target in (url("request_list"), url("overdue"), url("timeliness") + "?year=2025"):
        with django_assert_max_num_queries(12):
            assert client.get(target).status_code == 200
    req = ReportRequest.objects.first()
    with django_assert_max_num_queries(25):
        assert client.get(url("request_detail", req.public_id)).status_code == 200
