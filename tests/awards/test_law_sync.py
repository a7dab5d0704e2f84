"""The law's one dated home (issue 16 point 3): the data files reach every database through a
re-runnable sync that keeps an administrator's edit and reports the conflict."""

import datetime
import importlib
import pkgutil

import pytest
from django.apps import apps

import awards.migrations
from audit.models import AuditEntry
from awards.data import legal_parameters as lp
from awards.data.lawbook import Row, general_rows, law_rows
from awards.data.sync import fingerprint, sync_law
from awards.domain.parameters import CatalogueParameters
from awards.eligibility.laws import DEFAULT_PARAMETERS, Parameters
from awards.models import AwardParameter, LegalValue

D = datetime.date
pytestmark = pytest.mark.django_db


def _replaced(rows, key, valid_from, **changes):
    return [Row(**{**r.__dict__, **changes}) if (r.key, r.valid_from) == (key, valid_from)
            else r for r in rows]


def test_the_database_holds_every_value_of_the_data_files():
    general = [r for r in law_rows() if not r.award]
    assert LegalValue.objects.count() == len(general)
    assert sync_law(apps).changed is False  # migrations loaded exactly the files


@pytest.mark.parametrize(("award", "kind", "on"), [
    ("ldtt", "individual", D(2023, 5, 1)), ("ldtt", "individual", D(2026, 7, 1)),
    ("bang_khen_tinh", "household", D(2025, 8, 1)), ("co_thi_dua_tinh", "collective",
                                                      D(2024, 3, 1)),
])
def test_the_database_and_the_files_give_the_same_money(award, kind, on):
    assert CatalogueParameters().reward(award, kind, on) == DEFAULT_PARAMETERS.reward(award, kind,
                                                                                     on)


def test_criteria_are_dated_rows_not_law_names():
    params = CatalogueParameters()
    assert params.criterion("collective.ldtt_share_tt_ldtt", D(2023, 1, 1)).value == 0.5
    assert params.criterion("collective.ldtt_share_tt_ldtt", D(2024, 1, 1)).value == 0.7


def test_a_value_changed_in_the_files_reaches_the_database():
    rows = _replaced(law_rows(), "ladder.cstd_co_so_for_cstd_tinh", D(2024, 1, 1), value=4)
    report = sync_law(apps, rows=rows)
    assert report.updated == ["ladder.cstd_co_so_for_cstd_tinh@2024-01-01"]
    assert LegalValue.objects.get(key="ladder.cstd_co_so_for_cstd_tinh",
                                  valid_from=D(2024, 1, 1)).value == 4
    assert AuditEntry.objects.filter(action="awards.law.sync").count() == 1


def test_the_syncs_audit_entry_is_found_by_the_logs_folded_search():
    sync_law(apps, rows=_replaced(law_rows(), "ladder.cstd_co_so_for_cstd_tinh",
                                  D(2024, 1, 1), value=4))
    assert list(AuditEntry.objects.filter(action="awards.law.sync",
                                          search_text__contains="phap luat")
                .values_list("search_text", flat=True)) == ["du lieu phap luat (awards/data)"]


def test_an_administrators_edit_is_kept_and_the_conflict_reported():
    row = LegalValue.objects.get(key="collective.ldtt_share_tt_ldtt", valid_from=D(2024, 1, 1))
    row.value = 0.6  # corrected by the province
    row.save()
    rows = _replaced(law_rows(), "collective.ldtt_share_tt_ldtt", D(2024, 1, 1), value=0.75,
                     citation="Luật TĐKT 2022, Điều 28 (sửa)")
    report = sync_law(apps, rows=rows)
    row.refresh_from_db()
    assert row.value == 0.6
    assert row.citation == "Luật TĐKT 2022, Điều 28 (sửa)"  # a field nobody edited follows
    assert report.conflicts == [{"row": "collective.ldtt_share_tt_ldtt@2024-01-01",
                                 "field": "value", "kept": 0.6, "file": 0.75,
                                 "citation": "Luật TĐKT 2022, Điều 28 (sửa)"}]
    assert sync_law(apps, rows=rows).conflicts == report.conflicts  # until settled


def test_an_edit_the_file_did_not_touch_is_not_a_conflict():
    row = LegalValue.objects.get(key="base_salary", valid_from=D(2026, 7, 1))
    row.verified = True  # signed off by the province
    row.save()
    report = sync_law(apps)
    row.refresh_from_db()
    assert (report.conflicts, row.verified) == ([], True)


def test_a_row_withdrawn_from_the_files_goes_unless_edited():
    rows = [r for r in law_rows() if (r.key, r.valid_from) != ("base_salary", D(2018, 7, 1))]
    report = sync_law(apps, rows=rows)
    assert report.removed == ["base_salary@2018-07-01"]
    assert not LegalValue.objects.filter(key="base_salary", valid_from=D(2018, 7, 1)).exists()


def test_a_changed_coefficient_reaches_the_award_parameters():
    rows = [Row(**{**r.__dict__, "value": 0.32}) if (r.award, r.key, r.valid_from) == (
        "ldtt", "coefficient_individual", D(2025, 7, 1)) else r for r in law_rows()]
    sync_law(apps, rows=rows)
    assert AwardParameter.objects.get(award_type__code="ldtt", key="coefficient_individual",
                                      valid_from=D(2025, 7, 1)).value == 0.32


def test_the_latest_sync_migration_loads_the_current_data_files():
    """Changed awards/data (a number, a new decree)? Add a migration running
    `awards.data.sync.sync_law` with LAW_DATA_FINGERPRINT = awards.data.sync.fingerprint()."""
    recorded = {}
    for info in pkgutil.iter_modules(awards.migrations.__path__):
        module = importlib.import_module(f"awards.migrations.{info.name}")
        if hasattr(module, "LAW_DATA_FINGERPRINT"):
            recorded[info.name] = module.LAW_DATA_FINGERPRINT
    assert recorded[max(recorded)] == fingerprint()


def test_a_fictitious_decree_added_as_data_changes_the_money_on_its_date(monkeypatch):
    """docs/architecture.md "How to change a rule when the law changes", step 1, followed once:
    a new base salary from 1/7/2030 is two rows in legal_parameters.py (the old one closed),
    loaded by the sync; no code changes."""
    new_salary = [*lp.BASE_SALARY[:-1],
                  (*lp.BASE_SALARY[-1][:2], D(2030, 6, 30), *lp.BASE_SALARY[-1][3:]),
                  (3_000_000, D(2030, 7, 1), None, "Nghị định 999/2030/NĐ-CP (giả định)",
                   False)]
    monkeypatch.setattr(lp, "BASE_SALARY", new_salary)
    report = sync_law(apps)
    assert (len(report.created), report.updated) == (1, ["base_salary@2026-07-01"])
    params = CatalogueParameters()
    assert params.reward("ldtt", "individual", D(2030, 6, 30))["amount_vnd"] == 760_000
    assert params.reward("ldtt", "individual", D(2030, 7, 1))["amount_vnd"] == 900_000
    assert Parameters(general_rows() + [r for r in law_rows() if r.award]).reward(
        "ldtt", "individual", D(2030, 7, 1))["amount_vnd"] == 900_000


def test_the_granting_authorities_follow_their_data_file_and_keep_an_end_set_here():
    from awards.data.authorities import authority_rows
    from awards.models import GrantingAuthority

    def commune_giay_khen(rows):
        return next(r for r in rows if (r["code"], r["unit_level"], r["power"], r["valid_from"])
                    == ("giay_khen", "commune", "grants", D(2025, 7, 1)))

    ended = GrantingAuthority.objects.get(
        award_type__code="giay_khen", unit_level="province", unit_kind="department",
        power="grants", valid_from=D(2024, 1, 1))
    ended.valid_to = D(2026, 3, 31)  # the authorities screen's "end"
    ended.save()
    rows = authority_rows()
    commune_giay_khen(rows)["citation"] = "Nghị định 129/2025/NĐ-CP, Điều 59 khoản 2"
    report = sync_law(apps, authorities=rows)
    assert report.updated == ["giay_khen.commune.peoples_committee.grants@2025-07-01"]
    assert report.conflicts == []  # the file did not change the row the province ended
    ended.refresh_from_db()
    assert ended.valid_to == D(2026, 3, 31)
