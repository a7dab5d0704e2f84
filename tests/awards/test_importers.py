"""Historical awards and task ratings from Excel: every error kind, all-or-nothing, scope."""


import datetime

import pytest

from awards.interfaces.importers import AwardImporter, RatingImporter
from awards.models import AwardRecord, TaskRating
from imports.models import ImportRowError
from tests.factories import CollectiveFactory, PersonFactory
from tests.imports.helpers import committed, validated, write_xlsx

AWARD_HEADER = [c.header for c in AwardImporter.columns]
RATING_HEADER = [c.header for c in RatingImporter.columns]


def award_row(**values):
    row = {"cccd": "", "unit": "", "collective": "", "award": "ldtt", "year": 2024,
           "kind": "", "decision_number": "12/QĐ-SGD", "decision_date": "15/01/2025",
           "issuer": "Giám đốc Sở", "revoked": "", "issuer_unit": ""} | values
    return [row[c.key] for c in AwardImporter.columns]


def rating_row(**values):
    row = {"cccd": "", "unit": "", "collective": "", "year": 2024, "rating": "tot"} | values
    return [row[c.key] for c in RatingImporter.columns]


def errors_of(job):
    return [(e.row_number, e.column, e.message) for e in
            ImportRowError.objects.filter(job=job).order_by("row_number", "id")]


@pytest.fixture
def person(dept_a):
    return PersonFactory(unit=dept_a)


def test_valid_awards_are_committed(tmp_path, officer_a, person, dept_a):
    whole = CollectiveFactory(unit=dept_a, kind="unit", name="Tập thể Sở A")
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd),
        award_row(cccd=person.cccd, award="Chiến sĩ thi đua cơ sở", year=2023,
                  decision_number="9/QĐ", revoked="Có"),
        award_row(unit="SO-A", award="tt_ldtt", decision_number="13/QĐ")])
    job = committed(officer_a, "awards", path)
    assert job.state == "committed"
    records = AwardRecord.objects.order_by("year", "award_type__code")
    assert [(r.award_type.code, r.year, r.revoked, r.source) for r in records] == [
        ("cstd_co_so", 2023, True, "import"), ("ldtt", 2024, False, "import"),
        ("tt_ldtt", 2024, False, "import")]
    assert records.get(award_type__code="tt_ldtt").collective == whole


def test_every_error_kind_is_reported_with_row_and_column(tmp_path, officer_a, person, dept_b):
    outsider_cccd = PersonFactory(unit=dept_b).cccd
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd="008085999999"),                                       # row 2
        award_row(cccd=person.cccd, award="khong_co"),                         # row 3
        award_row(cccd=person.cccd, year=1900),                                # row 4
        award_row(cccd=person.cccd, year=2026, decision_date="01/01/2025"),    # row 5
        award_row(cccd=person.cccd),                                           # row 6
        award_row(cccd=person.cccd),                                           # row 7 dup of 6
        award_row(cccd=person.cccd, award="tt_ldtt", decision_number="x"),     # row 8
        award_row(unit="SO-B", award="tt_ldtt"),                               # row 9 scope
        award_row(cccd=outsider_cccd),                                         # row 10 scope
        award_row(cccd=person.cccd, year="hai nghìn"),                         # row 11
    ])
    job = validated(officer_a, "awards", path)
    assert job.state == "invalid"
    assert errors_of(job) == [
        (2, "Số CCCD", "No person with citizen ID 008085999999 is registered in your units."),
        (3, "Mã danh hiệu/hình thức", "Unknown title or form “khong_co”."),
        (4, "Năm thành tích", "Impossible year 1900."),
        (5, "Năm thành tích", "The achievement year 2026 is after the decision date."),
        (7, "Mã danh hiệu/hình thức", "Same record as row 6."),
        (8, "Mã danh hiệu/hình thức",
         "“tt_ldtt” is not awarded to this kind of subject (Individual)."),
        # Another unit: refused before its collectives are looked up (nothing revealed).
        (9, "Mã đơn vị", "This record is outside your scope."),
        # Another unit's person reads exactly as an unknown number (nothing revealed).
        (10, "Số CCCD", f"No person with citizen ID {outsider_cccd} is registered in your "
                        "units."),
        (11, "Năm thành tích", "“hai nghìn” is not a year."),
    ]
    assert AwardRecord.objects.count() == 0


def test_people_whose_ids_share_a_python_hash_are_not_the_same_record(tmp_path, officer_a,
                                                                       person, dept_a):
    # hash() of an int is taken modulo 2**61 - 1: the duplicate check keyed on hash() called
    # the second row "Same record as row 2." and refused a valid file.
    twin = PersonFactory(pk=person.pk + 2**61 - 1, unit=dept_a)
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd), award_row(cccd=twin.cccd), award_row(cccd=twin.cccd)])
    job = validated(officer_a, "awards", path)
    assert errors_of(job) == [(4, "Mã danh hiệu/hình thức", "Same record as row 3.")]


def test_a_second_live_award_is_a_row_error_naming_the_decision(tmp_path, officer_a, dept_a):
    """One live award per subject, award and year, whatever the decision number: the row
    names the decision already in the ledger; a revoked row is history and passes."""
    person = PersonFactory(unit=dept_a, full_name="Trần Văn An")
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [award_row(cccd=person.cccd)])
    committed(officer_a, "awards", path)
    again = validated(officer_a, "awards", write_xlsx(tmp_path / "b.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd, award="cstd_co_so"),
        award_row(cccd=person.cccd, decision_number="77/QĐ-UBND"),
        award_row(cccd=person.cccd, decision_number="78/QĐ-UBND", revoked="Có")]))
    assert errors_of(again) == [(3, "Mã danh hiệu/hình thức",
                                 "Trần Văn An was already awarded Lao động tiên tiến for 2024 by "
                                 "decision 12/QĐ-SGD dated 15/01/2025 (Giám đốc Sở).")]
    assert AwardRecord.objects.count() == 1


def test_granting_authority_is_read_from_its_unit_code(tmp_path, officer_a, person, province):
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd, issuer_unit="TINH"),
        award_row(cccd=person.cccd, year=2023, issuer_unit="KHONG-CO")])
    job = validated(officer_a, "awards", path)
    assert errors_of(job) == [(3, "Mã cơ quan ban hành", "Unknown unit code “KHONG-CO”.")]
    committed(officer_a, "awards", write_xlsx(tmp_path / "b.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd, issuer_unit="TINH")]))
    assert AwardRecord.objects.get().issuer_unit == province


def test_ratings_import_and_duplicates(tmp_path, officer_a, person):
    path = write_xlsx(tmp_path / "r.xlsx", RATING_HEADER, [
        rating_row(cccd=person.cccd, year=2023, rating="Hoàn thành xuất sắc nhiệm vụ"),
        rating_row(cccd=person.cccd, year=2024, rating="tot")])
    assert committed(officer_a, "ratings", path).state == "committed"
    assert sorted(TaskRating.objects.values_list("year", "rating")) == [
        (2023, "xuat_sac"), (2024, "tot")]
    again = validated(officer_a, "ratings", write_xlsx(tmp_path / "s.xlsx", RATING_HEADER, [
        rating_row(cccd=person.cccd, year=2024), rating_row(cccd=person.cccd, year=2025),
        rating_row(cccd=person.cccd, year=2025), rating_row(cccd=person.cccd, rating="gioi")]))
    assert errors_of(again) == [
        (2, "Năm", "This person already has a rating for 2024; correct it on their profile."),
        (4, "Năm", "Same record as row 3."),
        (5, "Xếp loại", "“gioi” is not an allowed value; see the “Hướng dẫn” sheet.")]


def test_imported_history_feeds_the_engine(tmp_path, officer_a, person):
    from awards.domain.queries.cases import case_for
    from awards.eligibility.engine import evaluate

    write = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd, award="cstd_co_so", year=y, decision_number=f"{y}/QĐ",
                  decision_date=f"15/01/{y + 1}") for y in (2023, 2024, 2025)])
    committed(officer_a, "awards", write)
    verdict = evaluate(case_for(person, "cstd_tinh", 2025))
    assert [r.rule for r in verdict.missing] == ["cstd_tinh.initiative_scope"]


def test_award_recorded_between_check_and_commit_fails_the_commit_naming_the_row(
        tmp_path, officer_a, dept_a):
    """The commit does not re-read the file, but the ledger writer still refuses a second live
    award written meanwhile, and the job names the row and the decision."""
    from awards.domain.ledger import record_award
    from awards.models import AwardType
    from imports.domain.engine import run_commit
    from imports.domain.queue import request_commit

    person = PersonFactory(unit=dept_a, full_name="Trần Văn An")
    job = validated(officer_a, "awards", write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd, year=2023, decision_date="16/01/2024"),
        award_row(cccd=person.cccd)]))
    record_award(officer_a, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                 decision_number="5/QĐ-UBND", decision_date=datetime.date(2025, 1, 10),
                 issuer="Chủ tịch UBND", person=person)

    job = run_commit(request_commit(job, officer_a))

    assert (job.state, job.message) == (
        "failed", "Nothing was saved: the file no longer passes the checks. Row 3, column "
        "“Mã danh hiệu/hình thức”: Trần Văn An was already awarded Lao động tiên tiến for "
        "2024 by decision 5/QĐ-UBND dated 10/01/2025 (Chủ tịch UBND).")
    assert list(AwardRecord.objects.values_list("decision_number", flat=True)) == ["5/QĐ-UBND"]
