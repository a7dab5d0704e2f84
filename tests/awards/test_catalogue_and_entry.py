import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.domain.catalogue import set_parameter
from awards.domain.parameters import CatalogueParameters
from awards.eligibility.engine import MANUAL, RULES
from awards.models import AwardParameter, AwardRecord, AwardType
from tests.factories import PersonFactory

D = datetime.date


def test_new_dated_value_closes_the_previous_one(admin_user):
    ldtt = AwardType.objects.get(code="ldtt")
    set_parameter(admin_user, ldtt, key="coefficient_individual", value=0.35,
                  valid_from=D(2027, 1, 1), citation="Nghị định giả định 1/2027", verified=False)
    params = CatalogueParameters()
    assert params.coefficient("ldtt", "individual", D(2026, 12, 31)).value == 0.3
    assert params.coefficient("ldtt", "individual", D(2027, 1, 2)).value == 0.35
    closed = AwardParameter.objects.get(award_type=ldtt, key="coefficient_individual",
                                        valid_from=D(2025, 7, 1))
    assert closed.valid_to == D(2026, 12, 31)


def test_back_dated_value_is_refused(admin_user):
    ldtt = AwardType.objects.get(code="ldtt")
    with pytest.raises(ValidationError):
        set_parameter(admin_user, ldtt, key="coefficient_individual", value=1,
                      valid_from=D(2025, 1, 1), citation="x", verified=True)


def test_catalogue_shows_which_forms_are_checked_automatically(client, board_user):
    client.force_login(board_user)
    types = {t.code: t for t in client.get(reverse("awards:catalogue")).context["types"]}
    assert {code: types[code].checked_automatically for code in (
        "ldtt", "hc_lao_dong_2", "giay_khen_xa", "ba_me_vnah", "ky_niem_chuong",
        "khen_thuong_khang_chien")} == {
        "ldtt": True, "hc_lao_dong_2": True, "giay_khen_xa": True, "ba_me_vnah": False,
        "ky_niem_chuong": False, "khen_thuong_khang_chien": False}


def test_catalogue_badges_in_vietnamese(client, board_user):
    client.force_login(board_user)
    page = client.get(reverse("awards:catalogue"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert (page.count("kiểm tra tự động"), page.count("thẩm định thủ công")) == (
        len(RULES), len(MANUAL))  # the badges; the legend is capitalised


def test_only_admin_maintains_the_catalogue(client, admin_user, board_user):
    url = reverse("awards:parameter_add", args=["ldtt"])
    client.force_login(board_user)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    response = client.post(url, {"key": "vote_share", "value": "0.75", "valid_from": "2027-01-01",
                                 "citation": "Quy chế tỉnh", "verified": "on"})
    assert response.status_code == 302
    assert AwardParameter.objects.get(award_type__code="ldtt", key="vote_share").value == 0.75


REVOKING = {"decision_number": "12/QĐ-UBND", "decision_date": "2026-01-10",
            "decision_issuer": "Chủ tịch UBND tỉnh", "reason": "Kết luận thanh tra"}


def test_officer_records_a_provincial_award_and_only_the_province_revokes_it(
        client, officer_a, board_user, province, dept_a):
    """The department's officer enters the provincial award in the ledger but may not revoke
    it (the page says who may, and offers no form); the province's board staff revoke it by
    the revoking decision, which the record keeps."""
    person = PersonFactory(unit=dept_a)
    client.force_login(officer_a)
    response = client.post(reverse("awards:record_add", args=[person.public_id]), {
        "award_type": AwardType.objects.get(code="ldtt").pk, "year": 2024,
        "kind": "cong_trang", "decision_number": "15/QĐ-UBND", "decision_date": "2025-01-15",
        "issuer": "Chủ tịch UBND tỉnh", "issuer_unit": province.pk})
    assert response.status_code == 302
    entry = AwardRecord.objects.get()
    assert entry.issuer_unit == province
    url = reverse("awards:record_revoke", args=[entry.public_id])
    refused = client.post(url, REVOKING)
    assert refused.status_code == 403
    assert ("Chỉ cán bộ của cơ quan đã quyết định khen thưởng (Ủy ban nhân dân tỉnh Thử "
            "Nghiệm), hoặc của cơ quan kế thừa, mới được thu hồi hoặc đính chính khen thưởng "
            "này") in refused.content.decode()  # the back office speaks Vietnamese
    assert AwardRecord.objects.get().revoked is False
    assert url not in client.get(reverse("awards:ledger")).content.decode()  # no button
    client.force_login(board_user)
    assert url in client.get(reverse("awards:ledger")).content.decode()
    assert client.post(url, REVOKING).status_code == 302
    entry.refresh_from_db()
    assert (entry.revoked, entry.revoked_on, entry.revoking_decision_number,
            entry.revoking_issuer, entry.revoked_reason) == (
        True, D(2026, 1, 10), "12/QĐ-UBND", "Chủ tịch UBND tỉnh", "Kết luận thanh tra")


def test_manual_entry_of_a_second_live_award_names_the_first_on_the_form(
        client, officer_a, province, dept_a):
    person = PersonFactory(unit=dept_a, full_name="Trần Văn An")
    client.force_login(officer_a)
    data = {"award_type": AwardType.objects.get(code="ldtt").pk, "year": 2024,
            "kind": "cong_trang", "decision_number": "15/QĐ-UBND", "decision_date": "2025-01-15",
            "issuer": "Chủ tịch UBND tỉnh", "issuer_unit": province.pk}
    url = reverse("awards:record_add", args=[person.public_id])
    client.post(url, data)
    response = client.post(url, data | {"decision_number": "99/QĐ-UBND"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Trần Văn An đã được khen Lao động tiên tiến năm 2024 theo Quyết định số 15/QĐ-UBND "
        "ngày 15/01/2025 (Chủ tịch UBND tỉnh)."]
    assert AwardRecord.objects.count() == 1


def test_outsider_cannot_record_or_revoke(client, outsider, dept_a):
    person = PersonFactory(unit=dept_a)
    client.force_login(outsider)
    assert client.get(reverse("awards:record_add", args=[person.public_id])).status_code == 404
    from awards.domain.ledger import record_award

    entry = record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                         decision_number="1", decision_date=D(2025, 1, 1), issuer="x",
                         person=person)
    response = client.post(reverse("awards:record_revoke", args=[entry.public_id]), REVOKING)
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.revoked is False


def test_officer_records_discipline_and_pending_matter(client, officer_a, outsider, dept_a):
    from awards.models import DisciplineRecord, PendingMatter

    person = PersonFactory(unit=dept_a)
    client.force_login(outsider)
    assert client.get(reverse("awards:discipline_add", args=[person.public_id])).status_code == 404
    client.force_login(officer_a)
    client.post(reverse("awards:discipline_add", args=[person.public_id]),
                {"level": "khien_trach", "start": "2025-03-01", "end": "2025-09-01"})
    client.post(reverse("awards:pending_add", args=[person.public_id]),
                {"kind": "complaint", "opened_on": "2025-11-01", "note": "Đơn thư"})
    assert DisciplineRecord.objects.get().level == "khien_trach"
    assert PendingMatter.objects.get().kind == "complaint"
    profile = client.get(reverse("awards:person_profile", args=[person.public_id]),
                         {"year": 2025})
    lines = {line.award: line.verdict for line in profile.context["overview"]}
    assert "common.hold" in [r.rule for r in lines["ldtt"].missing]


def test_closing_a_matter_twice_is_refused(dept_a):
    from awards.domain.facts import close_matter, open_matter

    person = PersonFactory(unit=dept_a)
    matter = open_matter(None, person, kind="inspection", opened_on=D(2025, 1, 1))
    close_matter(None, matter, closed_on=D(2025, 2, 1), note="Kết luận: không vi phạm")
    with pytest.raises(ValidationError):
        close_matter(None, matter, closed_on=D(2025, 2, 2), note="lần hai")


def test_province_can_correct_a_criterion_number(dept_a):
    """The TTLĐTT share is [U] in the legal reference: stored as data, corrected in the table."""
    from awards.eligibility.engine import evaluate
    from awards.models import LegalValue
    from tests.awards.eligibility.builders import COLLECTIVE, case, members

    c = case("tt_ldtt", 2025, subject=COLLECTIVE, ratings=[(2025, "tot")],
             members=members(20, 20, 13, 0, 0))
    assert evaluate(c, CatalogueParameters()).eligible is False
    LegalValue.objects.filter(key="collective.ldtt_share_tt_ldtt",
                              valid_from=D(2024, 1, 1)).update(value=0.6)
    assert evaluate(c, CatalogueParameters()).eligible is True
