"""Import screens as every persona: template, upload, job page with progress and errors,
commit, cancel. A job is seen only by its uploader and the system administrator."""

import io
import os
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from imports.enums import JobState
from imports.models import ImportJob
from organisations.domain.cccd import cccd_errors
from organisations.models import Person
from tests.imports.helpers import (
    PEOPLE_HEADER,
    UNITS_HEADER,
    person_row,
    upload,
    validated,
    write_xlsx,
)

PERSONAS = ["admin_user", "board_user", "officer_a", "outsider", "council_user", "approver_user"]
IMPORTERS = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 200,
             "council_user": 403, "approver_user": 403}
ADMIN_ONLY = dict.fromkeys(PERSONAS, 403) | {"admin_user": 200}
OWNER_AND_ADMIN = dict.fromkeys(PERSONAS, 404) | {"admin_user": 200, "officer_a": 200}


@pytest.fixture
def browser(client_for):
    """A signed-in client whose pages (and so the messages of its imports) are in English."""

    def login(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"  # the footer choice; browsers do not count
        return client

    return login


@pytest.fixture
def people_path(tmp_path):
    def build(rows):
        return write_xlsx(tmp_path / "people.xlsx", PEOPLE_HEADER, rows)

    return build


@pytest.fixture
def officer_job(officer_a, dept_a, people_path):
    return validated(officer_a, "people", people_path([person_row(unit="KHONG-CO")]))


def _post_file(client, content: bytes, name="people.xlsx", kind="people"):
    upload_file = io.BytesIO(content)
    upload_file.name = name
    return client.post(reverse("imports:job_create"), {"kind": kind, "file": upload_file})


# ---------------------------------------------------------------- access for every persona

@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "args", "expected"), [
    ("imports:job_list", [], IMPORTERS),
    ("imports:job_create", [], IMPORTERS),
    ("imports:template", ["people"], IMPORTERS),
    ("imports:template", ["units"], ADMIN_ONLY),
])
def test_pages_by_persona(request, browser, dept_a, persona, name, args, expected):
    response = browser(request.getfixturevalue(persona)).get(reverse(name, args=args))

    assert response.status_code == expected[persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method"), [
    ("imports:job_detail", "get"), ("imports:job_progress", "get"),
    ("imports:job_commit", "post"), ("imports:job_cancel", "post"),
])
def test_job_pages_only_for_uploader_and_admin(request, browser, officer_job, persona, name,
                                                method):
    client = browser(request.getfixturevalue(persona))

    response = getattr(client, method)(reverse(name, args=[officer_job.public_id]))

    expected = OWNER_AND_ADMIN[persona]
    assert response.status_code == (302 if method == "post" and expected == 200 else expected)


def test_outsider_cannot_act_on_others_job(browser, outsider, officer_job):
    client = browser(outsider)

    client.post(reverse("imports:job_cancel", args=[officer_job.public_id]))

    assert ImportJob.objects.get(pk=officer_job.pk).state == JobState.INVALID


def test_list_shows_own_jobs_and_admin_sees_all(browser, officer_a, outsider, admin_user,
                                                officer_job):
    def listed(user):
        page = browser(user).get(reverse("imports:job_list")).context["page"]
        return [job.public_id for job in page.object_list]

    assert (listed(officer_a), listed(outsider), listed(admin_user)) == (
        [officer_job.public_id], [], [officer_job.public_id])


def test_unknown_template_kind_404(browser, admin_user):
    assert browser(admin_user).get(reverse("imports:template", args=["nope"])).status_code == 404


# ---------------------------------------------------------------- template

def _workbook(response):
    return load_workbook(io.BytesIO(response.content), read_only=True)


def test_people_template_has_headers_example_and_guide(browser, officer_a, dept_a):
    response = browser(officer_a).get(reverse("imports:template", args=["people"]))

    book = _workbook(response)
    data = list(book.worksheets[0].iter_rows(values_only=True))
    guide = [row[0] for row in book["Hướng dẫn"].iter_rows(values_only=True) if row]
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert book.sheetnames == ["Dữ liệu", "Hướng dẫn"]
    assert [h.removesuffix(" *") for h in data[0]] == PEOPLE_HEADER
    assert data[0][0] == "Số CCCD *"
    example = dict(zip(PEOPLE_HEADER, data[1], strict=True))
    assert cccd_errors(example["Số CCCD"]) == []
    assert example["Mã đơn vị"] == "SO-A"  # a unit of the downloader's scope
    assert set(PEOPLE_HEADER) <= set(guide)


def test_units_template_lists_level_codes(browser, admin_user):
    response = browser(admin_user).get(reverse("imports:template", args=["units"]))

    book = _workbook(response)
    header = next(book.worksheets[0].iter_rows(values_only=True))
    guide = list(book["Hướng dẫn"].iter_rows(values_only=True))
    assert [h.removesuffix(" *") for h in header] == UNITS_HEADER
    assert ("Cấp", "commune", "Commune") in guide


def test_downloaded_template_example_passes_checks(browser, officer_a, dept_a, tmp_path):
    content = browser(officer_a).get(reverse("imports:template", args=["people"])).content
    path = tmp_path / "template.xlsx"
    path.write_bytes(content)

    job = validated(officer_a, "people", path)

    assert (job.state, job.total_rows) == (JobState.VALIDATED, 1)


# ---------------------------------------------------------------- upload → check → commit

def test_upload_check_and_commit(browser, officer_a, dept_a, people_path,
                                 django_capture_on_commit_callbacks):
    client = browser(officer_a)
    path = people_path([person_row(), person_row()])

    with django_capture_on_commit_callbacks(execute=True):
        response = _post_file(client, path.read_bytes())
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job_detail", args=[job.public_id])
    detail = client.get(response["Location"])
    assert (job.state, job.total_rows, detail.context["can_commit"]) == (
        JobState.VALIDATED, 2, True)
    assert f'action="{reverse("imports:job_commit", args=[job.public_id])}"' in (
        detail.content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_commit", args=[job.public_id]))

    job.refresh_from_db()
    assert (job.state, Person.objects.filter(unit=dept_a).count()) == (JobState.COMMITTED, 2)


def test_detail_lists_errors_and_offers_no_commit(browser, officer_a, officer_job):
    response = browser(officer_a).get(reverse("imports:job_detail",
                                              args=[officer_job.public_id]))

    page = response.context["page"]
    assert [(e.row_number, e.column, e.value, e.message) for e in page.object_list] == [
        (2, "Mã đơn vị", "KHONG-CO", "Unknown unit code “KHONG-CO”.")]
    assert response.context["can_commit"] is False
    assert "Unknown unit code “KHONG-CO”." in response.content.decode()
    assert reverse("imports:job_commit", args=[officer_job.public_id]) not in (
        response.content.decode())


def test_error_list_is_paginated(browser, officer_a, dept_a, people_path):
    job = validated(officer_a, "people", people_path([person_row(unit="X") for _n in range(150)]))
    client = browser(officer_a)
    url = reverse("imports:job_detail", args=[job.public_id])

    first, second = client.get(url).context["page"], client.get(url + "?page=2").context["page"]

    assert (len(first.object_list), first.has_next, len(second.object_list)) == (100, True, 50)
    assert second.object_list[-1].row_number == 151


def test_commit_view_rechecks_state(browser, officer_a, officer_job):
    response = browser(officer_a).post(
        reverse("imports:job_commit", args=[officer_job.public_id]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Only a file checked without errors can be committed."]
    assert ImportJob.objects.get(pk=officer_job.pk).state == JobState.INVALID


def test_commit_view_needs_post(browser, officer_a, officer_job):
    response = browser(officer_a).get(reverse("imports:job_commit",
                                              args=[officer_job.public_id]))

    assert response.status_code == 405


def test_cancel_view(browser, officer_a, officer_job):
    browser(officer_a).post(reverse("imports:job_cancel", args=[officer_job.public_id]))

    assert ImportJob.objects.get(pk=officer_job.pk).state == JobState.CANCELLED


def test_officer_cannot_upload_units(browser, officer_a, tmp_path):
    path = write_xlsx(tmp_path / "u.xlsx", UNITS_HEADER, [])

    response = _post_file(browser(officer_a), path.read_bytes(), kind="units")

    assert response.context["form"].errors == {"kind": [
        "Select a valid choice. units is not one of the available choices."]}
    assert ImportJob.objects.count() == 0


# ---------------------------------------------------------------- upload refusals

def test_upload_refuses_neither_xlsx_nor_utf8_csv(browser, officer_a):
    # Windows-1258 text (the old Vietnamese code page) is not UTF-8: refused, not misread.
    response = _post_file(browser(officer_a), "Tên đơn;Năm\n".encode("cp1258"),
                          name="p.xlsx")

    assert response.context["form"].errors == {"file": [
        "This is neither an Excel .xlsx file nor a UTF-8 CSV file. Save it from Excel as "
        "“Excel Workbook (.xlsx)” or “CSV UTF-8” and try again."]}
    assert ImportJob.objects.count() == 0


def test_upload_refuses_damaged_workbook(browser, officer_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")

    response = _post_file(browser(officer_a), buffer.getvalue())

    assert response.context["form"].errors == {"file": [
        "The Excel file could not be read; it may be damaged. Save it again as .xlsx and try "
        "again."]}


def test_upload_refuses_large_file(browser, officer_a, people_path, settings):
    settings.TDKT_IMPORT_MAX_BYTES = 1024 * 1024 // 10
    path = people_path([person_row(full_name=os.urandom(50).hex()) for _n in range(3000)])

    response = _post_file(browser(officer_a), path.read_bytes())

    assert response.context["form"].errors == {"file": [
        "The file is larger than the limit of 0.1 MB."]}


# ---------------------------------------------------------------- progress

def test_progress_polls_while_running(browser, officer_a, dept_a, people_path):
    job = upload(officer_a, "people", people_path([person_row()]))
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.VALIDATING, total_rows=3000,
                                               processed_rows=1000)

    response = browser(officer_a).get(reverse("imports:job_progress", args=[job.public_id]),
                                      HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress class="progress" aria-label="Rows checked" max="3000" value="1000">' in html
    assert "1,000 of 3,000 rows checked" in html
    assert "HX-Refresh" not in response


def test_progress_of_finished_job_reloads_page(browser, officer_a, officer_job):
    response = browser(officer_a).get(
        reverse("imports:job_progress", args=[officer_job.public_id]), HTTP_HX_REQUEST="true")

    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()


def test_detail_of_finished_job_does_not_poll(browser, officer_a, officer_job):
    response = browser(officer_a).get(reverse("imports:job_detail",
                                              args=[officer_job.public_id]))

    assert "hx-trigger" not in response.content.decode()
    assert '<progress class="progress" aria-label="Rows checked" max="1" value="1">' in (
        response.content.decode())


def test_job_list_queries_do_not_grow_with_jobs(browser, admin_user, officer_a, dept_a,
                                                people_path):
    client = browser(admin_user)
    path = people_path([person_row()])

    def queries_of_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("imports:job_list"))
        return len(captured)

    upload(officer_a, "people", path)
    queries_of_list()  # the layout's roles and unread count are cached from the second page on
    one = queries_of_list()
    for _n in range(4):
        upload(officer_a, "people", path)

    assert queries_of_list() == one


def test_pages_render_in_vietnamese(client_for, officer_a, officer_job):
    client = client_for(officer_a)

    pages = [client.get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE="vi")
             for name, args in [("imports:job_list", []), ("imports:job_create", []),
                                ("imports:job_detail", [officer_job.public_id])]]

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert '<html lang="vi">' in pages[0].content.decode()
