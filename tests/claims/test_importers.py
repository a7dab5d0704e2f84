"""Importing an existing backlog list from Excel: row-level errors, then claims at stage
registered in the importer's communes."""

import pytest

from claims.enums import ClaimState
from claims.interfaces.importers import BacklogImporter
from claims.models import Claim
from tests.imports.helpers import committed, errors_of, validated, write_xlsx

HEADER = [column.header for column in BacklogImporter.columns]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def row(unit="SO-A", **values):
    base = {"unit": unit, "kind": "resistance", "name": "Nguyễn Văn Kháng", "birth_year": 1938,
            "deceased": "Không", "address": "Thôn 3", "applicant": "", "relation": "",
            "phone": "", "period": "Chống Mỹ", "role": "militia", "from": 1965, "to": 1972,
            "service_unit": "Du kích xã", "children": "", "originals": "Gia đình giữ",
            "registered_on": "02/03/2024"}
    base.update(values)
    return [base[column.key] for column in BacklogImporter.columns]


def test_backlog_rows_become_registered_claims(officer_a, dept_a, tmp_path):
    path = write_xlsx(tmp_path / "ton-dong.xlsx", HEADER, [
        row(), row(name="Lê Thị Mẹ", kind="heroic_mother", deceased="Có",
                   applicant="Lê Văn Con", period="", role="", **{"from": "", "to": ""},
                   children=3)])
    job = committed(officer_a, "claims", path)
    claims = Claim.objects.order_by("claimant_name")
    assert (job.state, [(c.claimant_name, c.state, c.unit_id, c.applicant_relation)
                        for c in claims]) == ("committed", [
        ("Lê Thị Mẹ", ClaimState.REGISTERED, dept_a.pk, "child"),
        ("Nguyễn Văn Kháng", ClaimState.REGISTERED, dept_a.pk, "self")])
    assert [c.steps.count() for c in claims] == [1, 1]


def test_row_errors_name_row_and_column(officer_a, dept_a, dept_b, tmp_path):
    path = write_xlsx(tmp_path / "ton-dong.xlsx", HEADER, [
        row(unit="SO-B"), row(deceased="Có"), row(birth_year="19x8"),
        row(**{"from": 1972, "to": 1965})])
    job = validated(officer_a, "claims", path)
    assert errors_of(job) == [
        (2, "Mã xã", "No commune “SO-B” in your scope."),
        (3, "Người đứng đơn", "Give the name of the relative who applies."),
        (4, "Năm sinh", "“19x8” is not a year."),
        (5, "Đến năm", "The end year is before the start year."),
    ]
    assert Claim.objects.count() == 0
