"""The granting-authority table: form × body × date (Law 06/2022/QH15 Art. 79–80, the 2003/2013
law before 2024, Decree 129/2025/NĐ-CP Art. 59 from 1/7/2025), and its maintenance."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from awards.domain import granting
from awards.models import AwardType, GrantingAuthority
from organisations.enums import UnitKind, UnitLevel
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

D = datetime.date
LAST_DISTRICT_DAY, FIRST_COMMUNE_DAY = D(2025, 6, 30), D(2025, 7, 1)
BODIES = {
    "province": (UnitLevel.PROVINCE, UnitKind.PEOPLES_COMMITTEE),
    "department": (UnitLevel.PROVINCE, UnitKind.DEPARTMENT),
    "district": (UnitLevel.DISTRICT, UnitKind.PEOPLES_COMMITTEE),
    "commune": (UnitLevel.COMMUNE, UnitKind.PEOPLES_COMMITTEE),
    "school": (UnitLevel.GRASSROOTS, UnitKind.SCHOOL),
    "mass_organisation": (UnitLevel.PROVINCE, UnitKind.MASS_ORGANISATION),
}
G, F, NO = "grants", "forwards", None


def power(body: str, code: str, on: datetime.date):
    level, kind = BODIES[body]
    award = AwardType.objects.get(code=code)
    return granting.powers(UnitFactory.build(level=level, kind=kind), [award], on).get(award.pk)


COMMUNE_POWERS = ["thon_van_hoa", "gia_dinh_van_hoa", "tt_ldtt", "cstd_co_so", "ldtt",
                  "giay_khen"]


@pytest.mark.parametrize("code", COMMUNE_POWERS)
def test_the_district_grants_the_commune_powers_until_30_6_2025_and_not_after(code):
    assert (power("district", code, LAST_DISTRICT_DAY),
            power("district", code, FIRST_COMMUNE_DAY)) == (
        G if code != "gia_dinh_van_hoa" else NO, NO)


@pytest.mark.parametrize("code", COMMUNE_POWERS)
def test_the_commune_chairman_grants_them_from_1_7_2025(code):
    before = G if code in ("giay_khen", "gia_dinh_van_hoa") else F
    assert (power("commune", code, LAST_DISTRICT_DAY),
            power("commune", code, FIRST_COMMUNE_DAY)) == (before, G)


@pytest.mark.parametrize(("body", "code", "expected"), [
    ("department", "giay_khen", G), ("department", "ldtt", G), ("department", "cstd_co_so", G),
    ("department", "tt_ldtt", G), ("department", "bang_khen_tinh", F),
    ("department", "bang_khen_ttg", F), ("department", "gia_dinh_van_hoa", NO),
    ("province", "bang_khen_tinh", G), ("province", "co_thi_dua_tinh", G),
    ("province", "cstd_tinh", G), ("province", "tt_ldxs", G), ("province", "giay_khen", NO),
    ("province", "ldtt", NO), ("province", "bang_khen_ttg", F),
    ("province", "hc_lao_dong_3", F), ("province", "cstd_toan_quoc", F),
    ("commune", "bang_khen_tinh", F), ("commune", "cstd_tinh", F),
    ("school", "giay_khen", G), ("school", "ldtt", G), ("school", "bang_khen_tinh", NO),
    ("mass_organisation", "giay_khen", NO),
])
def test_who_grants_what_today(body, code, expected):
    assert power(body, code, D(2026, 12, 1)) == expected


@pytest.mark.parametrize(("body", "code", "on", "expected"), [
    ("province", "bang_khen_tinh", D(2023, 12, 31), G),
    ("district", "ldtt", D(2023, 12, 31), G),
    ("commune", "ldtt", D(2023, 12, 31), F),
    ("province", "bang_khen_tinh", D(2014, 5, 31), NO),  # before the table starts
])
def test_the_predecessor_law_answers_for_earlier_dates(body, code, on, expected):
    assert power(body, code, on) == expected


def _citation(body, code, on):
    level, kind = BODIES[body]
    return granting.in_force(on).get(award_type__code=code, unit_level=level,
                                      unit_kind=kind).citation


def test_each_row_cites_the_text_in_force_on_its_dates():
    assert [_citation("district", "ldtt", LAST_DISTRICT_DAY),
            _citation("commune", "ldtt", FIRST_COMMUNE_DAY),
            _citation("province", "bang_khen_tinh", D(2024, 1, 1)),
            _citation("province", "bang_khen_tinh", D(2023, 12, 31))] == [
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80",
        "Nghị định 129/2025/NĐ-CP, Điều 59",
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 79",
        "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013), Điều 77"]


def test_every_row_has_a_citation_and_no_body_has_two_rows_in_force_for_one_form():
    rows = list(GrantingAuthority.objects.values_list(
        "award_type_id", "unit_level", "unit_kind", "valid_from", "valid_to", "citation"))
    periods = {}
    for award, level, kind, start, end, _citation_text in rows:
        periods.setdefault((award, level, kind), []).append((start, end or D(9999, 12, 31)))
    overlaps = [key for key, spans in periods.items()
                for (_a, end), (start, _d) in zip(sorted(spans), sorted(spans)[1:], strict=False)
                if start <= end]
    assert (all(r[5] for r in rows), overlaps) == (True, [])


def test_messages_name_the_form_and_who_grants_it():
    school = UnitFactory(name="Trường Tiểu học Yên Sơn", level=UnitLevel.GRASSROOTS,
                         kind=UnitKind.SCHOOL)
    award = AwardType.objects.get(code="bang_khen_tinh")
    assert granting.addressing_errors(school, [award, award], D(2026, 1, 5)) == [
        "Trường Tiểu học Yên Sơn neither grants nor proposes upward “Bằng khen cấp bộ, ban, "
        "ngành, tỉnh” on 05/01/2026 (granted by: Chủ tịch UBND cấp tỉnh). Address the proposal "
        "to the competent authority."]


def test_set_authority_closes_the_open_row_and_is_audited(admin_user):
    award = AwardType.objects.get(code="xa_tieu_bieu")
    open_row = GrantingAuthority.objects.get(award_type=award, unit_level="province",
                                             unit_kind="peoples_committee", valid_to=None)
    new = granting.set_authority(
        admin_user, award_type=award, unit_level="province", unit_kind="peoples_committee",
        power="forwards", office="Chủ tịch UBND cấp tỉnh", valid_from=D(2027, 1, 1),
        citation="Nghị định 999/2026/NĐ-CP, Điều 1", verified=False)
    open_row.refresh_from_db()
    entry = AuditEntry.objects.get(action="awards.authority.set")
    assert (open_row.valid_to, new.valid_to, entry.changes, entry.reason) == (
        D(2026, 12, 31), None, {"province/peoples_committee": ["grants", "forwards"]},
        "Nghị định 999/2026/NĐ-CP, Điều 1 (2027-01-01)")


def test_set_authority_requires_a_citation_and_goes_forward_only(admin_user):
    award = AwardType.objects.get(code="giay_khen")
    fields = {"award_type": award, "unit_level": "commune", "unit_kind": "peoples_committee",
              "power": "grants", "office": "Chủ tịch UBND cấp xã"}
    with pytest.raises(ValidationError) as no_citation:
        granting.set_authority(admin_user, **fields, valid_from=D(2027, 1, 1), citation=" ",
                                verified=True)
    with pytest.raises(ValidationError) as backwards:
        granting.set_authority(admin_user, **fields, valid_from=D(2025, 7, 1),
                                citation="Nghị định 129/2025/NĐ-CP", verified=True)
    assert (no_citation.value.message_dict, backwards.value.message_dict,
            AuditEntry.objects.count()) == (
        {"citation": ["Cite the legal basis of the value."]},
        {"valid_from": ["A value already starts on or after this date."]}, 0)


def test_end_authority_closes_a_row_with_its_citation(admin_user):
    row = GrantingAuthority.objects.filter(valid_to=None, award_type__code="tt_ldxs").first()
    granting.end_authority(admin_user, row, valid_to=D(2027, 6, 30),
                            citation="Luật sửa đổi 2027")
    row.refresh_from_db()
    entry = AuditEntry.objects.get(action="awards.authority.end")
    assert (row.valid_to, entry.reason, entry.object_id) == (
        D(2027, 6, 30), "Luật sửa đổi 2027", str(row.public_id))


def test_the_screen_lists_the_rows_in_force_and_filters_by_form(client_for, officer_a):
    page = client_for(officer_a).get(reverse("awards:authorities"),
                                     {"award": "ldtt", "on": "2025-07-01"})
    shown = {(r.unit_level, r.unit_kind, r.power) for r in page.context["page"].object_list}
    assert (page.status_code, ("commune", "peoples_committee", "grants") in shown,
            ("district", "peoples_committee", "grants") in shown) == (200, True, False)


def test_the_administrator_adds_a_row_on_the_screen_with_a_citation(client_for, admin_user):
    award = AwardType.objects.get(code="xa_tieu_bieu")
    form = {"award_type": award.pk, "unit_level": "province", "unit_kind": "peoples_committee",
            "power": "grants", "office": "Chủ tịch UBND cấp tỉnh", "valid_from": "2027-01-01",
            "verified": "on"}
    client = client_for(admin_user)
    refused = client.post(reverse("awards:authority_add"), form)
    added = client.post(reverse("awards:authority_add"), {**form, "citation": "QĐ 1/2027"})
    assert (refused.status_code, added.status_code,
            GrantingAuthority.objects.filter(citation="QĐ 1/2027").count()) == (200, 302, 1)


def test_only_the_administrator_edits_the_table(client_for, board_user):
    row = GrantingAuthority.objects.filter(valid_to=None).first()
    response = client_for(board_user).post(reverse("awards:authority_end", args=[row.public_id]),
                                           {"valid_to": "2027-01-01", "citation": "x"})
    row.refresh_from_db()
    assert (response.status_code, row.valid_to) == (403, None)


def test_the_screen_reads_a_page_in_a_fixed_number_of_queries(client_for, officer_a,
                                                              django_assert_max_num_queries):
    client = client_for(officer_a)
    client.get(reverse("awards:authorities"))  # warm the session and the user's roles
    # session, user, roles, the page of rows (award joined), permissions ×2, unread count,
    # the form filter's award types, and the session save (3): none per row.
    with django_assert_max_num_queries(11):
        page = client.get(reverse("awards:authorities"), {"on": ""})
    assert (page.status_code, len(page.context["page"].object_list)) == (200, 100)
