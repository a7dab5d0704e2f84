"""The corrected money rows reach a database seeded before the corrections (migration
0012_h3_law_corrections, then the law's move into LegalValue and its sync, 0013–0016), a
province's own values survive, and the new forms and criteria arrive."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEntry
from awards.data import legal_parameters as lp
from awards.domain.parameters import CatalogueParameters
from awards.models import GrantingAuthority, LegalValue

D = datetime.date
BEFORE = [("awards", "0011_h4_seed_authorities")]  # the schema before issue 16
OWN = "Công văn của Sở Tài chính số 1/2024"
NEW_CRITERION = "hc_lao_dong_2.initiatives"


def _as_seeded_before_the_corrections(apps) -> None:
    """What migrations 0002/0005 wrote before issue 16.2: Decree 152's table copied into the
    Decree 98 period, a household row from 2024, the old rounding and base-salary citations;
    no Giấy khen of a commune chairman, no HC Lao động hạng Nhì criteria. And one value a
    province corrected on the catalogue screen."""
    AwardType = apps.get_model("awards", "AwardType")
    AwardParameter = apps.get_model("awards", "AwardParameter")
    bk = AwardType.objects.get(code="bang_khen_tinh")
    AwardParameter.objects.filter(award_type=bk, key="coefficient_individual",
                                  valid_from=D(2024, 1, 1)).update(
        value=1.5, citation="Nghị định 98/2023/NĐ-CP, Điều 55–60")
    AwardParameter.objects.create(award_type=bk, key="coefficient_household", value=2.25,
                                  valid_from=D(2024, 1, 1), valid_to=D(2025, 6, 30),
                                  citation="Nghị định 98/2023/NĐ-CP, Điều 55–60; "
                                           "Nghị định 152/2025/NĐ-CP, Điều 49", verified=False)
    AwardParameter.objects.filter(award_type__code="giay_khen", key="coefficient_individual",
                                  valid_from=D(2024, 1, 1)).update(value=0.35, citation=OWN)
    xa = AwardType.objects.get(code="giay_khen_xa")
    AwardParameter.objects.filter(award_type=xa).delete()
    apps.get_model("awards", "GrantingAuthority").objects.filter(award_type=xa).delete()
    xa.delete()
    apps.get_model("awards", "RoundingRule").objects.bulk_create(
        [apps.get_model("awards", "RoundingRule")(
            step=step, mode=mode, valid_from=start, valid_to=end, verified=verified,
            citation={D(2018, 1, 1): "Nghị định 91/2017/NĐ-CP, Điều 70",
                      D(2024, 1, 1): "Nghị định 98/2023/NĐ-CP, Điều 55"}.get(start, citation))
         for step, mode, start, end, citation, verified in lp.ROUNDING])
    BaseSalary = apps.get_model("awards", "BaseSalary")
    BaseSalary.objects.bulk_create(
        [BaseSalary(amount=amount, valid_from=start, valid_to=end, verified=verified,
                    citation="Nghị định 161/2026/NĐ-CP" if amount == 2_530_000 else citation)
         for amount, start, end, citation, verified in lp.BASE_SALARY])
    LegalCriterion = apps.get_model("awards", "LegalCriterion")
    LegalCriterion.objects.bulk_create(
        [LegalCriterion(law=law, key=key, value=value, citation=citation, verified=verified)
         for law, table in lp.CRITERIA.items()
         for key, (value, citation, verified) in table.items() if key != NEW_CRITERION])


@pytest.fixture
def migrated_from_before_the_corrections(reference_data):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    _as_seeded_before_the_corrections(executor.loader.project_state(BEFORE).apps)
    MigrationExecutor(connection).migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_migrations_correct_the_rows_seeded_before_the_corrections(
        migrated_from_before_the_corrections):
    params = CatalogueParameters()
    individual = params.coefficient("bang_khen_tinh", "individual", D(2025, 2, 1))
    assert (individual.value, individual.citation) == (1.0, "Nghị định 98/2023/NĐ-CP, Điều 58")
    assert params.coefficient("bang_khen_tinh", "household", D(2025, 2, 1)) is None
    assert params.coefficient("bang_khen_tinh", "household", D(2025, 7, 1)).value == 2.25
    assert params.rounding(D(2023, 5, 1)).citation == "Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2"
    assert params.base_salary(D(2026, 7, 1)).citation == (
        "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2")


@pytest.mark.django_db(transaction=True)
def test_migrations_keep_a_provinces_own_value_and_report_only_it(
        migrated_from_before_the_corrections):
    """0012 corrected the seeded rows first, so the sync adopts them as the files' own; only the
    province's edit differs from the files and is reported (the law screen shows it)."""
    own = CatalogueParameters().coefficient("giay_khen", "individual", D(2025, 2, 1))
    assert (own.value, own.citation) == (0.35, OWN)
    first_sync = AuditEntry.objects.filter(action="awards.law.sync").order_by("pk").first()
    assert sorted({c["row"] for c in first_sync.changes["conflicts"]}) == [
        "giay_khen.coefficient_individual@2024-01-01"]


@pytest.mark.django_db(transaction=True)
def test_new_forms_and_criteria_reach_a_database_seeded_before_them(
        migrated_from_before_the_corrections):
    params = CatalogueParameters()
    assert params.reward("giay_khen_xa", "collective", D(2023, 5, 1))["coefficient"] == 0.3
    assert params.criterion(NEW_CRITERION, D(2024, 1, 1)).value == 2
    assert LegalValue.objects.get(key=NEW_CRITERION, valid_from=D(2024, 1, 1)).citation == (
        "Luật TĐKT 2022, Điều 43")
    assert list(GrantingAuthority.objects.filter(
        award_type__code="giay_khen_xa", power="grants", valid_from=D(2025, 7, 1))
        .values_list("office", flat=True)) == ["Chủ tịch UBND cấp xã"]


@pytest.mark.django_db
def test_seeded_database_has_no_household_amount_before_decree_152():
    params = CatalogueParameters()
    assert params.coefficient("bang_khen_tinh", "household", D(2025, 6, 30)) is None
    assert params.coefficient("bang_khen_tinh", "household", D(2025, 7, 1)).value == 2.25
