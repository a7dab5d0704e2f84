"""The corrected money rows reach a database seeded before the corrections (migration
0012_h3_law_corrections), and a province's own values survive it."""

import datetime
import importlib

import pytest
from django.apps import apps

from awards.data.seed import seed_new_awards
from awards.domain.parameters import CatalogueParameters
from awards.eligibility.laws import LAW_2022
from awards.models import (
    AwardParameter,
    AwardType,
    BaseSalary,
    GrantingAuthority,
    LegalCriterion,
    RoundingRule,
)

D = datetime.date
correct = importlib.import_module("awards.migrations.0012_h3_law_corrections").correct
pytestmark = pytest.mark.django_db


def _as_seeded_before_the_corrections():
    """What migration 0002 wrote before issue 16.2: Decree 152's table copied into the Decree
    98 period and a household row from 2024."""
    bk = AwardType.objects.get(code="bang_khen_tinh")
    AwardParameter.objects.filter(award_type=bk, key="coefficient_individual",
                                  valid_from=D(2024, 1, 1)).update(
        value=1.5, citation="Nghị định 98/2023/NĐ-CP, Điều 55–60")
    AwardParameter.objects.create(award_type=bk, key="coefficient_household", value=2.25,
                                  valid_from=D(2024, 1, 1), valid_to=D(2025, 6, 30),
                                  citation="Nghị định 98/2023/NĐ-CP, Điều 55–60; "
                                           "Nghị định 152/2025/NĐ-CP, Điều 49", verified=False)
    RoundingRule.objects.filter(valid_from=D(2018, 1, 1)).update(
        citation="Nghị định 91/2017/NĐ-CP, Điều 70")
    BaseSalary.objects.filter(valid_from=D(2026, 7, 1)).update(
        citation="Nghị định 161/2026/NĐ-CP")


def test_migration_corrects_rows_seeded_before_the_corrections():
    _as_seeded_before_the_corrections()
    correct(apps, None)
    params = CatalogueParameters()
    individual = params.coefficient("bang_khen_tinh", "individual", D(2025, 2, 1))
    assert (individual.value, individual.citation) == (1.0, "Nghị định 98/2023/NĐ-CP, Điều 58")
    assert params.coefficient("bang_khen_tinh", "household", D(2025, 2, 1)) is None
    assert params.rounding(D(2023, 5, 1)).citation == "Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2"
    assert params.base_salary(D(2026, 7, 1)).citation == (
        "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2")


def test_migration_keeps_a_provinces_own_value():
    bk = AwardType.objects.get(code="bang_khen_tinh")
    AwardParameter.objects.filter(award_type=bk, key="coefficient_individual",
                                  valid_from=D(2024, 1, 1)).update(
        value=1.2, citation="Công văn của Sở Tài chính số 1/2024")
    correct(apps, None)
    own = CatalogueParameters().coefficient("bang_khen_tinh", "individual", D(2025, 2, 1))
    assert (own.value, own.citation) == (1.2, "Công văn của Sở Tài chính số 1/2024")
    assert AwardParameter.objects.filter(award_type=bk, key="coefficient_individual",
                                         valid_from=D(2024, 1, 1)).count() == 1


def test_seeded_database_has_no_household_amount_before_decree_152():
    params = CatalogueParameters()
    assert params.coefficient("bang_khen_tinh", "household", D(2025, 6, 30)) is None
    assert params.coefficient("bang_khen_tinh", "household", D(2025, 7, 1)).value == 2.25


def test_new_forms_and_criteria_reach_a_database_seeded_before_them():
    """Migration 0012 adds the award types the catalogue gained (Giấy khen by issuer) with
    their money and granting authorities, and the criteria numbers added since."""
    xa = AwardType.objects.get(code="giay_khen_xa")
    AwardParameter.objects.filter(award_type=xa).delete()
    GrantingAuthority.objects.filter(award_type=xa).delete()
    xa.delete()
    LegalCriterion.objects.filter(key="hc_lao_dong_2.initiatives").delete()
    seed_new_awards(apps)
    params = CatalogueParameters()
    assert params.reward("giay_khen_xa", "collective", D(2023, 5, 1))["coefficient"] == 0.3
    assert params.criterion(LAW_2022, "hc_lao_dong_2.initiatives").value == 2
    assert list(GrantingAuthority.objects.filter(
        award_type__code="giay_khen_xa", power="grants", valid_from=D(2025, 7, 1))
        .values_list("office", flat=True)) == ["Chủ tịch UBND cấp xã"]

