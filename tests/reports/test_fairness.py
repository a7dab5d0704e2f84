"""Fairness statistics: exact figures against a province built in the test."""

import pytest

from reports.domain.fairness import Filters, fairness_table
from reports.domain.scope import row_units
from tests.reports.helpers import build_province

pytestmark = pytest.mark.django_db

DEPT_A_AWARDS = {"total": 4, "leaders": 3, "non_leaders": 1, "direct_workers": 1, "women": 1,
                 "minorities": 1, "grassroots": 1}
DEPT_A_PEOPLE = {"total": 4, "leaders": 2, "non_leaders": 2, "direct_workers": 1, "women": 2,
                 "minorities": 1, "grassroots": 2}
DEPT_B_AWARDS = {"total": 1, "leaders": 0, "non_leaders": 1, "direct_workers": 0, "women": 0,
                 "minorities": 0, "grassroots": 0}
DEPT_B_PEOPLE = dict(DEPT_B_AWARDS)
TOTAL_AWARDS = {"total": 5, "leaders": 3, "non_leaders": 2, "direct_workers": 1, "women": 1,
                "minorities": 1, "grassroots": 1}
TOTAL_PEOPLE = {"total": 5, "leaders": 2, "non_leaders": 3, "direct_workers": 1, "women": 2,
                "minorities": 1, "grassroots": 2}


def test_counts_per_child_unit_and_total(province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    table = fairness_table(province, row_units(province), Filters(2022, 2024))
    assert [(r.unit, r.is_total) for r in table] == [(dept_a, False), (dept_b, False),
                                                     (province, True)]
    assert [r.awards for r in table] == [DEPT_A_AWARDS, DEPT_B_AWARDS, TOTAL_AWARDS]
    assert [r.people for r in table] == [DEPT_A_PEOPLE, DEPT_B_PEOPLE, TOTAL_PEOPLE]
    assert [r.below_threshold for r in table] == [True, False, True]


def test_shares_and_under_representation(province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    dept_a_row = fairness_table(province, row_units(province), Filters(2022, 2024))[0]
    assert {c["group"]: (c["award_share"], c["people_share"], c["under"])
            for c in dept_a_row.cells} == {
        "leaders": (75.0, 50.0, False), "non_leaders": (25.0, 50.0, True),
        "direct_workers": (25.0, 25.0, False), "women": (25.0, 50.0, True),
        "minorities": (25.0, 25.0, False), "grassroots": (25.0, 50.0, True)}


def test_filters_period_code_and_threshold(province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    table = fairness_table(province, row_units(province),
                           Filters(2024, 2024, award_code="cstd_co_so", threshold=0))
    assert [r.awards["total"] for r in table] == [1, 0, 1]
    assert [r.awards["leaders"] for r in table] == [1, 0, 1]
    assert [r.below_threshold for r in table] == [False, False, False]
    titles = fairness_table(province, row_units(province), Filters(2022, 2024, category="form"))
    assert [r.awards["total"] for r in titles] == [0, 0, 0]


def test_a_department_as_root_has_its_school_as_row(province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    table = fairness_table(dept_a, row_units(dept_a), Filters(2022, 2024))
    assert [(r.unit, r.awards["total"], r.people["total"]) for r in table] == [
        (school_a, 1, 2), (dept_a, 4, 4)]


def test_queries_are_set_based(province, dept_a, school_a, dept_b,
                               django_assert_num_queries):
    build_province(province, dept_a, school_a, dept_b)
    children = row_units(province)
    with django_assert_num_queries(2):
        fairness_table(province, children, Filters(2022, 2024))
