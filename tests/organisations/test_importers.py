"""The units and people importers: every kind of error with its row, column and message, and
what a commit writes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.text import fold_join
from imports.enums import JobState
from organisations.domain.tree import dissolve_unit, merge_units
from organisations.enums import Gender, UnitKind, UnitLevel
from organisations.models import Employment, Person, Unit, UnitClosure
from tests.factories import PersonFactory, UnitFactory, make_cccd
from tests.imports.helpers import (
    PEOPLE_HEADER,
    UNITS_HEADER,
    committed,
    errors_of,
    person_row,
    unit_row,
    upload,
    validated,
    write_xlsx,
)

CCCD = "Số CCCD"


@pytest.fixture
def people_file(tmp_path):
    def build(*rows):
        return write_xlsx(tmp_path / "people.xlsx", PEOPLE_HEADER, list(rows))

    return build


@pytest.fixture
def units_file(tmp_path):
    def build(*rows):
        return write_xlsx(tmp_path / "units.xlsx", UNITS_HEADER, list(rows))

    return build


def check_people(user, path) -> list[tuple]:
    return errors_of(validated(user, "people", path))


# ---------------------------------------------------------------- people: errors

@pytest.mark.parametrize(("cccd", "gender", "message"), [
    ("12345", "Nam", "The citizen ID must have exactly 12 digits (got “12345”)."),
    ("00108501234X", "Nam", "The citizen ID must have exactly 12 digits (got “00108501234X”)."),
    ("000085000123", "Nam", "Digits 1–3 (000) are not a province code."),
    ("008085000123", "Nữ", "Digit 4 (0) means Male, but the gender is Female."),
    ("008285000123", "Nam",
     "Digit 4 (2) means born in 2000–2099, but the birth year is 1985."),
    ("008090000123", "Nam",
     "Digits 5–6 (90) must be the last two digits of the birth year 1985."),
])
def test_people_bad_cccd_named_on_its_row_and_column(officer_a, people_file, cccd, gender,
                                                     message):
    path = people_file(person_row(), person_row(cccd=cccd, gender=gender))

    assert check_people(officer_a, path) == [(3, CCCD, message)]


def test_people_cccd_duplicated_in_file_names_first_row(officer_a, people_file):
    twin = make_cccd(Gender.MALE, datetime.date(1985, 5, 17))
    path = people_file(person_row(cccd=twin), person_row(), person_row(cccd=twin))

    assert check_people(officer_a, path) == [
        (4, CCCD, f"Citizen ID {twin} already appears on row 2.")]


def test_people_cccd_already_registered_names_holder(officer_a, dept_a, people_file):
    holder = PersonFactory(unit=dept_a, full_name="Trần Thị Bình")
    path = people_file(person_row(), person_row(cccd=holder.cccd))

    assert check_people(officer_a, path) == [
        (3, CCCD, f"Citizen ID {holder.cccd} already belongs to Trần Thị Bình.")]


@pytest.mark.parametrize(("column", "value", "message"), [
    ("birth_date", "31/02/1985", "“31/02/1985” is not a real date."),
    ("birth_date", "17.5.85", "“17.5.85” is not a date; write dd/mm/yyyy."),
    ("start_date", "30/13/2020", "“30/13/2020” is not a real date."),
    ("full_name", "", "This column is required."),
    ("unit", "", "This column is required."),
    ("gender", "X", "“X” is not an allowed value; see the “Hướng dẫn” sheet."),
    ("is_leader", "có lẽ", "“có lẽ” is not yes or no; write Có or Không."),
])
def test_people_bad_cell(officer_a, people_file, column, value, message):
    path = people_file(person_row(**{column: value}))
    header = {"birth_date": "Ngày sinh", "start_date": "Làm việc từ ngày",
              "full_name": "Họ và tên", "unit": "Mã đơn vị", "gender": "Giới tính",
              "is_leader": "Lãnh đạo"}[column]

    assert check_people(officer_a, path) == [(2, header, message)]


def test_people_unknown_unit_code(officer_a, people_file):
    path = people_file(person_row(unit="KHONG-CO"))

    assert check_people(officer_a, path) == [(2, "Mã đơn vị", "Unknown unit code “KHONG-CO”.")]


def test_people_unit_outside_scope(officer_a, dept_b, people_file):
    path = people_file(person_row(unit="SO-A"), person_row(unit="SO-B"))

    assert check_people(officer_a, path) == [
        (3, "Mã đơn vị", "Unit “SO-B” is outside your scope.")]


def test_people_unit_in_subtree_is_in_scope(officer_a, school_a, people_file):
    path = people_file(person_row(unit="TRUONG-A"))

    assert check_people(officer_a, path) == []


def test_people_ended_unit_names_successor(admin_user, officer_a, dept_a, people_file):
    old = UnitFactory(code="PHONG-CU", name="Phòng Cũ", parent=dept_a)
    new = UnitFactory(code="PHONG-MOI", name="Phòng Mới", parent=dept_a)
    merge_units(admin_user, [old], into=new, effective_date=datetime.date(2025, 7, 1))
    path = people_file(person_row(unit="PHONG-CU"))

    assert check_people(officer_a, path) == [(2, "Mã đơn vị",
        "Unit “Phòng Cũ” ended on 30/06/2025; its successor is “Phòng Mới” (code PHONG-MOI).")]


def test_people_dissolved_unit_without_successor(admin_user, officer_a, dept_a, people_file):
    gone = UnitFactory(code="PHONG-GIAI-THE", name="Phòng Giải Thể", parent=dept_a)
    dissolve_unit(admin_user, gone, effective_date=datetime.date(2025, 7, 1))
    path = people_file(person_row(unit="PHONG-GIAI-THE"))

    assert check_people(officer_a, path) == [
        (2, "Mã đơn vị", "Unit “Phòng Giải Thể” ended on 30/06/2025.")]


def test_people_future_birth_date(officer_a, people_file):
    path = people_file(person_row(birth_date="01/01/2099", cccd="008299000001"))

    assert check_people(officer_a, path) == [(2, "Ngày sinh", "The birth date is in the future.")]


def test_people_every_error_of_a_row_is_listed(officer_a, people_file):
    path = people_file(person_row(cccd="000085000123", full_name="", unit="KHONG-CO"))

    assert check_people(officer_a, path) == [
        (2, "Họ và tên", "This column is required."),
        (2, CCCD, "Digits 1–3 (000) are not a province code."),
        (2, "Mã đơn vị", "Unknown unit code “KHONG-CO”."),
    ]


# ---------------------------------------------------------------- people: commit

def test_people_commit_writes_every_person_and_employment(officer_a, dept_a, school_a,
                                                          people_file):
    path = people_file(
        person_row(cccd="008085000001", full_name="Nguyễn Văn An", is_leader="x",
                   position="Trưởng phòng", title="Chuyên viên chính", start_date="01/03/2020"),
        person_row(cccd="008185000002", full_name="Lê Thị Hoa", gender="Nữ", ethnicity="Tày",
                   unit="TRUONG-A", is_direct_worker="Có", position="Giáo viên"),
    )

    job = committed(officer_a, "people", path)

    assert (job.state, job.summary) == (
        JobState.COMMITTED, {"rows": 2, "people": 2, "employments": 2})
    an = Person.objects.get(cccd="008085000001")
    assert (an.full_name, an.gender, an.birth_date, an.ethnicity, an.unit, an.position,
            an.title, an.is_leader, an.is_direct_worker, an.search_text) == (
        "Nguyễn Văn An", Gender.MALE, datetime.date(1985, 5, 17), "Kinh", dept_a,
        "Trưởng phòng", "Chuyên viên chính", True, False,
        fold_join("Nguyễn Văn An", "008085000001"))
    hoa = Person.objects.get(cccd="008185000002")
    assert (hoa.gender, hoa.ethnicity, hoa.unit, hoa.is_direct_worker) == (
        Gender.FEMALE, "Tày", school_a, True)
    assert list(Employment.objects.order_by("person__cccd").values_list(
        "person__cccd", "unit__code", "position", "is_leader", "start_date", "end_date")) == [
        ("008085000001", "SO-A", "Trưởng phòng", True, datetime.date(2020, 3, 1), None),
        ("008185000002", "TRUONG-A", "Giáo viên", False, timezone.localdate(), None),
    ]


def test_people_excel_cells_numbers_and_dates(officer_a, dept_a, people_file):
    # Excel turns a typed CCCD into a number (losing its leading zeros) and dates into dates.
    path = people_file(person_row(cccd=8085000777, birth_date=datetime.date(1985, 5, 17),
                                  is_leader=1, start_date=datetime.datetime(2021, 9, 1)))

    job = committed(officer_a, "people", path)

    person = Person.objects.get()
    assert (job.state, person.cccd, person.birth_date, person.is_leader) == (
        JobState.COMMITTED, "008085000777", datetime.date(1985, 5, 17), True)
    assert person.employments.get().start_date == datetime.date(2021, 9, 1)


# ---------------------------------------------------------------- units

def test_units_parent_on_earlier_row(admin_user, dept_a, province, units_file):
    path = units_file(
        unit_row(code="PHONG-1", name="Phòng Một", parent="SO-A", level="Grassroots unit"),
        unit_row(code="TO-1", name="Tổ Một", short_name="T1", parent="PHONG-1",
                 kind="other", valid_from=datetime.date(2025, 7, 1)),
    )

    job = committed(admin_user, "units", path)

    assert (job.state, job.summary) == (JobState.COMMITTED, {"rows": 2, "units": 2})
    phong, to = Unit.objects.get(code="PHONG-1"), Unit.objects.get(code="TO-1")
    assert (phong.parent, phong.level, phong.kind) == (
        dept_a, UnitLevel.GRASSROOTS, UnitKind.DIVISION)
    assert (to.parent, to.valid_from, to.search_text, to.depth) == (
        phong, datetime.date(2025, 7, 1), fold_join("Tổ Một", "T1", "TO-1"), 3)
    assert to.path.startswith(phong.path)
    assert UnitClosure.objects.filter(ancestor=province, descendant=to).exists()


def test_units_parent_in_same_batch_as_child(admin_user, dept_a, units_file):
    path = units_file(unit_row(code="A", parent="SO-A"), unit_row(code="B", parent="A"),
                      unit_row(code="C", parent="B"))

    committed(admin_user, "units", path, batch_size=10)

    assert list(Unit.objects.filter(code__in="ABC").order_by("code")
                .values_list("code", "parent__code")) == [("A", "SO-A"), ("B", "A"), ("C", "B")]


def test_units_errors(admin_user, dept_a, units_file):
    path = units_file(
        unit_row(code="SO-A", parent="TINH"),
        unit_row(code="X1", parent="X2"),
        unit_row(code="X2", level="tỉnh thành", kind=""),
        unit_row(code="X2", parent="X2", valid_from="32/01/2025"),
    )

    assert errors_of(validated(admin_user, "units", path)) == [
        (2, "Mã đơn vị", "Unit code “SO-A” already exists (Sở Giáo dục và Đào tạo)."),
        (3, "Mã đơn vị cấp trên", "Unknown parent unit code “X2”: it must exist already or be "
                                  "defined on an earlier row."),
        (4, "Cấp", "“tỉnh thành” is not an allowed value; see the “Hướng dẫn” sheet."),
        (4, "Loại", "This column is required."),
        (5, "Hiệu lực từ ngày", "“32/01/2025” is not a real date."),
        (5, "Mã đơn vị cấp trên", "A unit cannot be its own parent."),
        (5, "Mã đơn vị", "Unit code “X2” already appears on row 4."),
    ]


def test_units_ended_parent(admin_user, dept_a, units_file):
    gone = UnitFactory(code="CU", name="Phòng Cũ", parent=dept_a)
    dissolve_unit(admin_user, gone, effective_date=datetime.date(2025, 7, 1))
    path = units_file(unit_row(code="MOI", parent="CU", valid_from="01/08/2025"))

    assert errors_of(validated(admin_user, "units", path)) == [
        (2, "Mã đơn vị cấp trên", "The parent unit “Phòng Cũ” no longer exists (ended "
                                  "30/06/2025).")]


def test_units_import_is_for_system_admin_only(officer_a, dept_a, units_file):
    path = units_file(unit_row())

    with pytest.raises(PermissionDenied):
        upload(officer_a, "units", path)
