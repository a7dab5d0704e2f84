"""The report-form screen: scope, preview and downloads (.xlsx in the form's layout, .docx)."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from reports.domain.forms import FormScope, Period, compute
from tests.reports.ledger import build_ledger

pytestmark = pytest.mark.django_db
URL = reverse("reports:forms")
Q2025 = {"form": "0603", "year_from": "2025", "year_to": "2025"}


@pytest.fixture
def ledger(officer_a, province, dept_a, school_a, dept_b):
    return build_ledger(officer_a, province, dept_a, school_a, dept_b)


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.url


def test_roles_without_statistics_are_refused(client_for, council_user):
    assert client_for(council_user).get(URL).status_code == 403


def test_a_unit_outside_the_scope_is_not_found(client_for, outsider, ledger):
    response = client_for(outsider).get(URL, Q2025 | {"unit": "SO-A"})
    assert response.status_code == 404


def test_preview_shows_the_table_of_the_users_scope(client_for, officer_a, dept_a, ledger):
    response = client_for(officer_a).get(URL, Q2025)
    assert response.status_code == 200
    table = response.context["table"]
    assert table.unit_name == dept_a.name
    assert table.value("01", "total") == 4
    assert "0603.N/BNV-TĐKT" in response.content.decode()


def test_chooser_without_a_form_shows_no_table(client_for, board_user, province):
    response = client_for(board_user).get(URL)
    assert response.status_code == 200
    assert response.context["table"] is None
    assert response.context["scope"].root == province


def test_xlsx_download_keeps_the_forms_layout(client_for, board_user, province, ledger):
    response = client_for(board_user).get(URL, Q2025 | {"export": "xlsx"})
    assert response.status_code == 200
    assert "bieu-0603-2025.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    total = cells["Tổng số"]
    # Row 01: label, code, unit, then column 1 = 6 and columns 2–5.
    values = [sheet.cell(row=total.row, column=c).value for c in range(1, 9)]
    assert values == ["Tổng số", "01", None, 6, 3, 1, 1, 1]
    assert sheet.cell(row=total.row, column=1).font.b is True
    merged = {str(r) for r in sheet.merged_cells.ranges}
    header_top = cells["Chia ra"].row
    assert f"E{header_top}:H{header_top}" in merged  # "Chia ra" over columns 2–5
    assert f"A{header_top}:A{header_top + 1}" in merged


def test_docx_download_has_header_and_grid(client_for, board_user, province, ledger):
    response = client_for(board_user).get(URL, Q2025 | {"export": "docx"})
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ" in text and "Năm 2025" in text
    grid = doc.tables[1]
    table = compute("0603", FormScope(province, Period.reporting_years(2025, 2025)))
    first = table.depth + 1
    assert [c.text for c in grid.rows[first].cells[:4]] == ["Tổng số", "01", "", "6"]


@pytest.mark.parametrize("code", ["0601", "0602", "0604", "0605", "by_unit", "by_cluster",
                                  "summary", "money"])
def test_every_form_downloads(client_for, board_user, ledger, code):
    client = client_for(board_user)
    for kind in ("xlsx", "docx"):
        response = client.get(URL, {"form": code, "year_to": "2025", "export": kind})
        assert response.status_code == 200
        assert response.content[:2] == b"PK"
