"""Report forms: every figure against the hand-built ledger of tests/reports/ledger.py, and
against an independent ORM count of the same thing."""

import datetime

import pytest
from django.db.models import Sum

from awards.models import AwardRecord
from decisions.models import DecisionItem
from reports.domain.forms import FORMS, FormScope, Period, compute
from tests.reports.ledger import build_clusters, build_ledger, build_movements, build_staff

pytestmark = pytest.mark.django_db
Y2025 = Period.reporting_years(2025, 2025)


@pytest.fixture
def world(officer_a, province, dept_a, school_a, dept_b):
    made = build_ledger(officer_a, province, dept_a, school_a, dept_b)
    build_movements(province, dept_a, school_a, made["other"])
    build_clusters(province, dept_a, dept_b, made["ent"])
    build_staff(province, school_a)
    return made


def scope(root, period=Y2025):
    return FormScope(root=root, period=period)


def row(table, code):
    keys = [leaf.key for leaf in table.leaves]
    found = next(r for r in table.rows if r.code == code)
    return {k: v for k, v in zip(keys, found.values, strict=True) if v is not None}


def test_period_is_the_emulation_year():
    assert Period(datetime.date(2024, 12, 1), datetime.date(2025, 11, 30)) == Y2025
    assert Y2025.label == "Năm 2025"
    assert Period.reporting_years(2023, 2025).label == "Từ năm 2023 đến năm 2025"


def test_0602_counts_state_awards_of_the_scope(world, province):
    table = compute("0602", scope(province))
    assert table.number == "0602.N/BNV-TĐKT"
    total = row(table, "01")
    assert {k: v for k, v in total.items() if v} == {
        "total": 10, "hc_lao_dong_3:i": 3, "hc_lao_dong_3:c": 1, "hc_lao_dong_2:i": 1,
        "nha_giao_uu_tu:i": 1, "co_thi_dua_cp:c": 1, "bang_khen_ttg:i": 1,
        "bang_khen_ttg:c": 1, "cstd_toan_quoc:i": 1}
    assert row(table, "02")["total"] == 0
    assert row(table, "03")["total"] == 10
    assert {c: row(table, c)["total"] for c in ("06", "07", "08", "09", "10", "11", "12",
                                                 "13", "14")} == {
        "06": 2, "07": 1, "08": 1, "09": 7, "10": 1, "11": 1, "12": 1, "13": 1, "14": 1}
    assert {c: row(table, c)["total"] for c in ("15", "16", "17", "18", "19", "20", "21")} \
        == {"15": 4, "16": 1, "17": 1, "18": 1, "19": 1, "20": 1, "21": 1}


def test_0602_leaves_cells_that_cannot_apply_empty(world, province):
    table = compute("0602", scope(province))
    collective, individual = row(table, "06"), row(table, "09")
    assert "hc_lao_dong_3:i" not in collective and "cstd_toan_quoc:i" not in collective
    assert "co_thi_dua_cp:c" not in individual and "hc_lao_dong_3:c" not in individual
    assert table.value("08", "bang_khen_ttg:c") == 1  # households on the collective side
    assert table.value("08", "bang_khen_ttg:i") is None


def test_0602_equals_an_independent_count(world, province):
    table = compute("0602", scope(province))
    counted = AwardRecord.objects.filter(
        revoked=False, unit__in=[province.id, *province.children.values_list("id", flat=True),
                                 *[u.id for c in province.children.all()
                                   for u in c.children.all()]],
        decision_date__range=(Y2025.start, Y2025.end),
        award_type__code__in=["hc_lao_dong_3", "hc_lao_dong_2", "nha_giao_uu_tu",
                              "co_thi_dua_cp", "bang_khen_ttg", "cstd_toan_quoc"])
    assert table.value("01", "total") == counted.count()
    assert table.value("09", "total") == counted.filter(person__isnull=False).count()


def test_0603_counts_the_provinces_own_awards(world, province):
    table = compute("0603", scope(province))
    assert row(table, "01") == {"total": 6, "bang_khen_tinh": 3, "cstd_tinh": 1,
                                "co_thi_dua_tinh": 1, "ky_niem_chuong": 1}
    assert row(table, "02") == {"total": 2, "bang_khen_tinh": 1, "co_thi_dua_tinh": 1}
    assert row(table, "03") == {"total": 1, "bang_khen_tinh": 0, "co_thi_dua_tinh": 1}
    assert row(table, "04") == {"total": 1, "bang_khen_tinh": 1, "co_thi_dua_tinh": 0}
    assert row(table, "05") == {"total": 3, "bang_khen_tinh": 1, "cstd_tinh": 1,
                                "ky_niem_chuong": 1}
    assert [row(table, c)["total"] for c in ("06", "07", "08", "09", "10")] == [1, 1, 0, 0, 1]
    assert [row(table, c)["total"] for c in ("11", "12", "13", "14", "15", "16", "17")] == [
        4, 0, 1, 0, 0, 1, 0]


def test_0603_of_a_department_only_counts_its_subtree(world, dept_a):
    table = compute("0603", scope(dept_a))
    assert row(table, "01") == {"total": 4, "bang_khen_tinh": 3, "cstd_tinh": 1,
                                "co_thi_dua_tinh": 0, "ky_niem_chuong": 0}


def test_0601_counts_movements_and_cluster_rounds(world, province):
    table = compute("0601", scope(province))
    assert row(table, "01") == {"total": 4, "central": 0, "province": 1, "agency": 3}
    assert row(table, "02") == {"total": 0, "central": 0}
    assert row(table, "03") == {"total": 1, "province": 1}
    assert row(table, "04") == {"total": 1, "agency": 1}
    assert row(table, "05") == {"total": 2, "agency": 2}
    assert [row(table, c)["total"] for c in ("06", "07", "08", "09", "10", "11", "12")] == [
        1, 2, 1, 0, 0, 2, 2]


def test_0604_counts_units_with_emulation_staff(world, province):
    table = compute("0604", scope(province))
    assert [r.values[0] for r in table.rows if r.code] == [2, 0, 0, 1, 1]


def test_0605_counts_staff_by_age_and_seniority(world, province):
    table = compute("0605", scope(province))
    assert row(table, "01") == {"total": 4, "women": 2}
    assert {c: (row(table, c) or None) and row(table, c)["total"]
            for c in ("02", "03", "04", "05", "06", "07")} == {
        "02": 1, "03": 1, "04": 0, "05": 1, "06": 0, "07": 1}
    assert row(table, "08") == {}  # no training level in the register
    assert [row(table, c) for c in ("13", "14", "15")] == [
        {"total": 1, "women": 0}, {"total": 2, "women": 1}, {"total": 1, "women": 1}]


def test_by_unit_rows_are_subtrees(world, province, dept_a, dept_b):
    table = compute("by_unit", scope(province))
    by_code = {r.code: r.values for r in table.rows}
    keys = [leaf.key for leaf in table.leaves]
    assert dict(zip(keys, by_code["SO-A"], strict=True)) == {
        "total": 12, "title": 5, "form": 7, "individual": 7, "collective": 3, "household": 2,
        "money": 6_000_000}
    assert by_code["SO-B"][0] == 1 and by_code["DN-A"][0] == 3
    assert by_code[province.code][0] == 18 == AwardRecord.objects.filter(
        revoked=False, decision_date__range=(Y2025.start, Y2025.end)).exclude(
        unit__code="TINH-KHAC").count()


def test_by_cluster_sums_member_subtrees(world, province):
    table = compute("by_cluster", scope(province))
    assert [(r.code, r.values[0]) for r in table.rows] == [("CUM-1", 15), ("", 15)]


def test_summary_groups_types_by_level(world, province):
    table = compute("summary", scope(province))
    by_code = {r.code: r.values for r in table.rows if r.code}
    assert by_code["bang_khen_tinh"] == [1, 1, 1, 3, 3_000_000]
    assert by_code["hc_lao_dong_3"] == [3, 1, 0, 4, 0]
    assert table.rows[-1].values == [11, 5, 2, 18, 6_000_000]


def test_money_by_emulation_year(world, province):
    table = compute("money", scope(province, Period.reporting_years(2024, 2025)))
    assert [(r.code, r.values) for r in table.rows] == [
        ("2024", [2, 500_000, 500_000, 0, 0]),
        ("2025", [18, 6_000_000, 4_000_000, 2_000_000, 0]),
        ("", [20, 6_500_000, 4_500_000, 2_000_000, 0])]
    paid = DecisionItem.objects.filter(award_record__revoked=False).aggregate(s=Sum("money"))
    assert table.rows[-1].values[1] == paid["s"]


@pytest.mark.parametrize("code", list(FORMS))
def test_every_form_has_a_total_and_consistent_widths(world, province, code):
    table = compute(code, scope(province))
    assert all(len(r.values) == len(table.leaves) for r in table.rows)
    assert sum(c.colspan for c in table.code_cells()) == table.width
