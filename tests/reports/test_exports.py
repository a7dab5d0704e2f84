"""Background exports: request → task → file, one function per state change, the progress
page polled by htmx, and downloads for the owner only, scope-checked again."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEntry
from awards.domain.queries import records_for_user
from reports.domain import exports
from reports.enums import ExportState
from reports.interfaces.export_jobs import run
from reports.models import ExportJob
from tests.reports.ledger import build_ledger

pytestmark = pytest.mark.django_db
FORM = {"form": "0603", "year_from": "2025", "year_to": "2025", "format": "xlsx"}


@pytest.fixture
def ledger(officer_a, province, dept_a, school_a, dept_b):
    return build_ledger(officer_a, province, dept_a, school_a, dept_b)


def job_in(state, user, **fields) -> ExportJob:
    # Fixture only: a job placed in `state` without running the worker.
    return ExportJob.objects.create(requested_by=user, kind="form", file_format="xlsx",
                                    parameters={"form": "0603", "year_to": 2025},
                                    title="Biểu 0603", state=state, language="en", **fields)


def post_and_run(client, url, data, capture):
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    return ExportJob.objects.get()


def test_form_in_background_ends_done_with_the_file(client_for, officer_a, ledger,
                                                    django_capture_on_commit_callbacks):
    client = client_for(officer_a)
    job = post_and_run(client, reverse("reports:form_background"), FORM,
                       django_capture_on_commit_callbacks)
    assert (job.state, job.kind, job.parameters["unit"]) == ("done", "form", "SO-A")
    assert job.rows_done == job.rows_total == 19
    response = client.get(reverse("reports:export_download", args=[job.public_id]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    actions = list(AuditEntry.objects.filter(action__startswith="reports.export")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["reports.export.request", "reports.export.start",
                       "reports.export.finish"]


def test_ledger_in_background_writes_every_record_in_scope(
        client_for, officer_a, ledger, django_capture_on_commit_callbacks):
    client = client_for(officer_a)
    job = post_and_run(client, reverse("reports:ledger_background"),
                       {"q": "", "award": "", "year": "", "revoked": "", "format": "csv"},
                       django_capture_on_commit_callbacks)
    expected = records_for_user(officer_a, "").count()
    assert job.state == "done" and job.rows_total == expected == 16
    response = client.get(reverse("reports:export_download", args=[job.public_id]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == expected + 1


def test_ledger_in_background_keeps_the_screens_filters(
        client_for, officer_a, ledger, django_capture_on_commit_callbacks):
    job = post_and_run(client_for(officer_a), reverse("reports:ledger_background"),
                       {"award": "bang_khen_tinh", "format": "xlsx"},
                       django_capture_on_commit_callbacks)
    assert job.rows_total == records_for_user(officer_a, "").filter(
        award_type__code="bang_khen_tinh").count() == 4


def test_a_job_for_a_unit_out_of_scope_fails_with_a_message(officer_a, ledger):
    job = job_in(ExportState.QUEUED, officer_a)
    job.parameters = {"form": "0603", "unit": "SO-B", "year_to": 2025}
    job.save()
    run(job)
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error == "You may no longer read the statistics of this unit."
    assert job.stored_name == ""


def test_running_a_job_twice_moves_it_once(officer_a, ledger):
    job = job_in(ExportState.QUEUED, officer_a)
    run(job)
    with pytest.raises(exports.ExportStateError):
        run(ExportJob.objects.get(pk=job.pk))


@pytest.mark.parametrize("state", ExportState.values)
def test_start_only_from_queued(officer_a, state):
    job = job_in(state, officer_a)
    if state == ExportState.QUEUED:
        assert exports.start_export(job).state == "running"
    else:
        with pytest.raises(exports.ExportStateError):
            exports.start_export(job)
        assert ExportJob.objects.get(pk=job.pk).state == state


@pytest.mark.parametrize("state", ExportState.values)
def test_finish_only_from_running(officer_a, state):
    job = job_in(state, officer_a, rows_total=7)
    if state == ExportState.RUNNING:
        done = exports.finish_export(job, "exports/2025/x.xlsx", "bieu.xlsx")
        assert (done.state, done.rows_done, done.stored_name) == ("done", 7,
                                                                  "exports/2025/x.xlsx")
    else:
        with pytest.raises(exports.ExportStateError):
            exports.finish_export(job, "exports/2025/x.xlsx", "bieu.xlsx")


@pytest.mark.parametrize("state", ExportState.values)
def test_fail_only_while_active(officer_a, state):
    job = job_in(state, officer_a)
    if state in (ExportState.QUEUED, ExportState.RUNNING):
        assert exports.fail_export(job, "Lỗi").error == "Lỗi"
        assert ExportJob.objects.get(pk=job.pk).state == "failed"
    else:
        with pytest.raises(exports.ExportStateError):
            exports.fail_export(job, "Lỗi")


def test_progress_polls_while_active_and_stops_when_done(client_for, officer_a):
    client = client_for(officer_a)
    client.cookies["django_language"] = "en"
    active = job_in(ExportState.RUNNING, officer_a, rows_done=5000, rows_total=20000)
    body = client.get(reverse("reports:export_progress", args=[active.public_id])).content
    assert b'hx-trigger="every 1s"' in body and b"5,000 of 20,000 rows written" in body
    done = job_in(ExportState.DONE, officer_a, rows_done=3, rows_total=3)
    body = client.get(reverse("reports:export_progress", args=[done.public_id])).content
    assert b"hx-get" not in body
    assert reverse("reports:export_download", args=[done.public_id]).encode() in body


@pytest.mark.parametrize("name", ["export_detail", "export_progress", "export_download"])
def test_another_users_job_is_not_found(client_for, officer_a, outsider, name):
    job = job_in(ExportState.DONE, officer_a, stored_name="exports/2025/x.xlsx")
    assert client_for(outsider).get(reverse(f"reports:{name}",
                                            args=[job.public_id])).status_code == 404


def test_anonymous_goes_to_login_for_exports(client):
    response = client.get(reverse("reports:export_list"))
    assert response.status_code == 302 and "/login" in response.url


def test_download_rechecks_the_scope(client_for, officer_a, ledger,
                                     django_capture_on_commit_callbacks):
    client = client_for(officer_a)
    job = post_and_run(client, reverse("reports:form_background"), FORM,
                       django_capture_on_commit_callbacks)
    officer_a.role_assignments.update(unit=ledger["other"])
    from accounts.domain.scope import forget_cached_scope

    forget_cached_scope(officer_a)
    response = client.get(reverse("reports:export_download", args=[job.public_id]))
    assert response.status_code == 404


def test_download_before_done_is_not_found(client_for, officer_a):
    job = job_in(ExportState.RUNNING, officer_a)
    response = client_for(officer_a).get(reverse("reports:export_download",
                                                 args=[job.public_id]))
    assert response.status_code == 404


def test_my_exports_lists_only_mine(client_for, officer_a, outsider,
                                    django_assert_max_num_queries):
    mine = [job_in(ExportState.DONE, officer_a) for _ in range(5)]
    job_in(ExportState.DONE, outsider)
    client = client_for(officer_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:export_list"))
    assert [j.pk for j in response.context["page"].object_list] == [j.pk for j in
                                                                    reversed(mine)]


def test_get_on_background_endpoints_is_refused(client_for, officer_a):
    client = client_for(officer_a)
    assert client.get(reverse("reports:form_background")).status_code == 405
    assert client.get(reverse("reports:ledger_background")).status_code == 405


@pytest.mark.parametrize("name", ["form_background", "ledger_background"])
def test_anonymous_post_goes_to_login(client, name):
    response = client.post(reverse(f"reports:{name}"), FORM)
    assert response.status_code == 302 and "/login" in response.url
    assert ExportJob.objects.count() == 0


def test_form_background_refuses_roles_without_statistics(client_for, council_user):
    response = client_for(council_user).post(reverse("reports:form_background"), FORM)
    assert response.status_code == 403
    assert ExportJob.objects.count() == 0


def test_form_background_for_a_unit_out_of_scope_is_not_found(client_for, outsider, ledger):
    response = client_for(outsider).post(reverse("reports:form_background"),
                                         FORM | {"unit": "SO-A"})
    assert response.status_code == 404
    assert ExportJob.objects.count() == 0
