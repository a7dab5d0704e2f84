"""Early salary raise (nâng bậc lương trước thời hạn; Thông tư 08/2013/TT-BNV Art. 3 as amended
by Thông tư 03/2021/TT-BNV): the awards that count in a period, the months the highest gives,
and the HR office's list of the user's units with its Excel export."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.domain.early_raise import early_raise_list
from awards.domain.ledger import record_award
from awards.domain.parameters import CatalogueParameters
from awards.models import AwardType
from organisations.models import Person
from tests.factories import PersonFactory

D = datetime.date
URL = reverse("awards:early_raise")


def _award(person, code, year, decided, unit, number=None):
    return record_award(None, award_type=AwardType.objects.get(code=code), year=year,
                        decision_number=number or f"{code}/{year}/QĐ", decision_date=decided,
                        issuer="UBND tỉnh", issuer_unit=unit, person=person)


@pytest.fixture
def staff(dept_a, dept_b):
    lan = PersonFactory(unit=dept_a, full_name="Nguyễn Thị Lan", position="Chuyên viên")
    _award(lan, "giay_khen", 2023, D(2024, 2, 1), dept_a)
    _award(lan, "bang_khen_tinh", 2024, D(2025, 3, 10), dept_a)
    _award(lan, "ky_niem_chuong", 2024, D(2025, 4, 1), dept_a)  # not an achievement award
    minh = PersonFactory(unit=dept_a, full_name="Trần Văn Minh")
    _award(minh, "ldtt", 2020, D(2021, 2, 1), dept_a)  # before the period
    revoked = _award(minh, "cstd_co_so", 2024, D(2025, 1, 20), dept_a)
    revoked.revoked = True
    revoked.save()
    other = PersonFactory(unit=dept_b, full_name="Lê Văn Khác")
    _award(other, "cstd_tinh", 2024, D(2025, 5, 1), dept_b)
    return {"lan": lan, "minh": minh, "other": other}


def test_the_highest_award_decided_in_the_period_sets_the_months(staff, dept_a):
    result = early_raise_list(Person.objects.filter(unit=dept_a), D(2023, 6, 1),
                              D(2026, 5, 31), CatalogueParameters())
    assert [(e.person.full_name, e.months) for e in result.people] == [("Nguyễn Thị Lan", 9)]
    assert [(r.award_type.code, m) for r, m in result.people[0].awards] == [
        ("giay_khen", 6), ("bang_khen_tinh", 9)]
    assert result.table.citation.startswith("Thông tư 08/2013/TT-BNV, Điều 3")
    assert (result.staff, result.cap) == (2, 0)  # 10 % of 2 people


def test_awards_count_by_the_decision_date_not_the_achievement_year(staff, dept_a):
    result = early_raise_list(Person.objects.filter(unit=dept_a), D(2025, 1, 1),
                              D(2025, 12, 31), CatalogueParameters())
    assert [(r.award_type.code, m) for r, m in result.people[0].awards] == [
        ("bang_khen_tinh", 9)]


def test_no_rule_before_the_amending_circular_no_list(staff, dept_a):
    result = early_raise_list(Person.objects.filter(unit=dept_a), D(2019, 1, 1),
                              D(2021, 7, 14), CatalogueParameters())
    assert (result.table, result.people) == (None, [])


def test_the_hr_office_sees_its_units_people(client, officer_a, staff):
    client.force_login(officer_a)
    response = client.get(URL, {"from": "2023-06-01", "to": "2026-05-31"})
    assert response.status_code == 200
    assert [e.person.full_name for e in response.context["result"].people] == [
        "Nguyễn Thị Lan"]
    assert "Bằng khen cấp bộ, ban, ngành, tỉnh" in response.text


def test_the_board_sees_every_unit(client, board_user, staff):
    client.force_login(board_user)
    response = client.get(URL, {"from": "2023-06-01", "to": "2026-05-31"})
    assert [e.person.full_name for e in response.context["result"].people] == [
        "Nguyễn Thị Lan", "Lê Văn Khác"]


def test_one_persons_awards_that_count(client, officer_a, staff):
    client.force_login(officer_a)
    response = client.get(URL, {"person": staff["lan"].public_id, "from": "2023-06-01",
                                "to": "2026-05-31"})
    assert [e.months for e in response.context["result"].people] == [9]


def test_an_outsider_sees_nothing_of_another_unit(client, outsider, staff):
    client.force_login(outsider)
    response = client.get(URL, {"from": "2023-06-01", "to": "2026-05-31"})
    assert [e.person.full_name for e in response.context["result"].people] == ["Lê Văn Khác"]
    assert client.get(URL, {"unit": "SO-A"}).status_code == 404
    assert client.get(URL, {"person": staff["lan"].public_id}).status_code == 404


def test_the_excel_export_lists_everyone_and_neutralises_formulas(client, officer_a, staff):
    staff["lan"].full_name = "=HYPERLINK(\"http://x\")"
    staff["lan"].save()
    client.force_login(officer_a)
    response = client.get(URL, {"from": "2023-06-01", "to": "2026-05-31", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Họ và tên", "Đơn vị", "Chức vụ", "Số tháng nâng trước hạn")
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][3] == 9
    assert len(rows) == 2


def test_the_list_reads_a_constant_number_of_queries(client, officer_a, staff, dept_a,
                                                     django_assert_max_num_queries):
    for n in range(5):
        _award(PersonFactory(unit=dept_a), "giay_khen", 2024, D(2025, 2, n + 1), dept_a)
    client.force_login(officer_a)
    with django_assert_max_num_queries(12):
        client.get(URL, {"from": "2023-06-01", "to": "2026-05-31"})
