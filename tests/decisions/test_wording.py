"""Decision and certificate wording: the form as its issuer grants it, the authority in
Vietnamese proper case, and a correction decision whose "Như Điều 3" has an Article 3 and
whose money is the difference it makes."""

import pytest
from django.urls import reverse

from awards.models import AwardRecord, AwardType
from decisions.domain import corrections, issuing
from decisions.domain.wording import form_name, granted_form, proper_case, signed_money
from decisions.interfaces.documents import administrative_document, certificate_page
from decisions.models import Decision
from organisations.enums import UnitKind, UnitLevel
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.factories import UnitFactory
from tests.proposals.helpers import appraised

SUBTITLE = ("(Kèm theo Quyết định số 01/QĐ-SGDĐT ngày 05 tháng 01 năm 2026 của Giám đốc Sở "
            "Giáo dục và Đào tạo)")


def _issued(officer, board, approver, unit, **fields):
    proposal = appraised(officer, board, unit, unit)
    decision = draft_for(board, [proposal], unit, **fields)
    return issuing.issue_decision(approver, decision, date=DECIDED_ON)


def _article(document, label: str) -> str:
    return next(" ".join(a.paragraphs) for a in document.articles if a.label == label)


def test_article_1_and_annex_name_the_form_as_the_director_grants_it(
        officer_a, board_user, approver_user, dept_a):
    document = administrative_document(_issued(officer_a, board_user, approver_user, dept_a))
    assert _article(document, "Điều 1.") == (
        "Tặng Giấy khen của Giám đốc Sở Giáo dục và Đào tạo cho 1 cá nhân (có danh sách kèm "
        "theo).")
    annex = document.annexes[0]
    assert (annex.title, annex.subtitle) == (
        "DANH SÁCH ĐƯỢC TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO", SUBTITLE)


def test_an_authority_typed_in_capitals_prints_in_proper_case(
        officer_a, board_user, approver_user, dept_a):
    decision = _issued(officer_a, board_user, approver_user, dept_a,
                       authority_title="GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    document = administrative_document(decision)
    assert document.annexes[0].subtitle == SUBTITLE
    assert document.authority_line == "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert list(AwardRecord.objects.values_list("issuer", flat=True)) == [
        "Giám đốc Sở Giáo dục và Đào tạo"]


def test_the_certificate_title_is_the_form_not_its_catalogue_group(
        officer_a, board_user, approver_user, dept_a):
    decision = _issued(officer_a, board_user, approver_user, dept_a)
    page = certificate_page(decision.items.get().certificates.get(), "https://tdkt.example")
    assert (page.authority_title, page.lead, page.award_name) == (
        "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TẶNG", "GIẤY KHEN")


@pytest.mark.parametrize(("code", "issuer", "authority", "expected"), [
    ("bang_khen_tinh", "Ủy ban nhân dân tỉnh Tuyên Quang", "Chủ tịch Ủy ban nhân dân tỉnh",
     "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ("bang_khen_tinh", "Ủy ban nhân dân tỉnh Tuyên Quang",
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
     "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"),
    ("giay_khen", "Ủy ban nhân dân xã Yên Sơn", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ YÊN SƠN",
     "Giấy khen của Chủ tịch Ủy ban nhân dân xã Yên Sơn"),
    ("cstd_co_so", "Ủy ban nhân dân xã Yên Sơn", "Chủ tịch Ủy ban nhân dân xã Yên Sơn",
     "Chiến sĩ thi đua cơ sở"),
    ("cstd_tinh", "Ủy ban nhân dân tỉnh Tuyên Quang", "Chủ tịch Ủy ban nhân dân tỉnh",
     "Chiến sĩ thi đua cấp tỉnh"),
    ("bang_khen_ttg", "Ủy ban nhân dân tỉnh Tuyên Quang", "Chủ tịch Ủy ban nhân dân tỉnh",
     "Bằng khen của Thủ tướng Chính phủ"),
])
def test_granted_form_by_award_and_issuer(db, code, issuer, authority, expected):
    level = UnitLevel.PROVINCE if "tỉnh" in issuer else UnitLevel.COMMUNE
    unit = UnitFactory(name=issuer, level=level, kind=UnitKind.PEOPLES_COMMITTEE)
    decision = Decision(issuer=unit, authority_title=authority)
    assert granted_form(AwardType.objects.get(code=code), decision) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("bang_khen_tinh", "Bằng khen"), ("giay_khen", "Giấy khen"),
    ("cstd_tinh", "Chiến sĩ thi đua cấp tỉnh"), ("cstd_co_so", "Chiến sĩ thi đua cơ sở")])
def test_certificate_form_name_is_the_form_under_its_authority_line(db, code, expected):
    """The certificate prints the authority on its own line, then the form (document-format
    §4): "BẰNG KHEN", never "BẰNG KHEN CẤP BỘ, BAN, NGÀNH, TỈNH"."""
    unit = UnitFactory(name="Ủy ban nhân dân tỉnh Tuyên Quang", level=UnitLevel.PROVINCE,
                       kind=UnitKind.PEOPLES_COMMITTEE)
    decision = Decision(issuer=unit, authority_title="Chủ tịch Ủy ban nhân dân tỉnh")
    assert form_name(AwardType.objects.get(code=code), decision) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("GIÁM ĐỐC SỞ Y TẾ", "Giám đốc Sở y tế"),  # no unit name given: institution words only
    ("chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"),
    ("ỦY BAN NHÂN DÂN TỈNH", "Ủy ban nhân dân tỉnh"),
])
def test_proper_case_never_lowers_or_title_cases_what_was_written(text, expected):
    assert proper_case(text) == expected


def test_signed_money():
    assert [signed_money(1_755_000), signed_money(-500_000), signed_money(0)] == [
        "+1.755.000", "-500.000", "0"]


@pytest.fixture
def original(officer_a, board_user, approver_user, dept_a):
    return _issued(officer_a, board_user, approver_user, dept_a,
                   recipients="- Như Điều 4;\n- Sở Nội vụ;\n- Lưu: VT.")


def test_correction_decision_has_the_article_its_recipients_name(board_user, approver_user,
                                                                 original):
    item = original.items.get()
    amending = corrections.request_correction(board_user, item, reason="Sai chính tả họ tên",
                                              recipient_name="Nguyễn Thị Đúng",
                                              recipient_detail="Giáo viên, Trường A")
    document = administrative_document(issuing.issue_decision(approver_user, amending,
                                                              date=DECIDED_ON))
    assert [a.label for a in document.articles] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert document.recipients == ("- Như Điều 3;", "- Sở Nội vụ;", "- Lưu: VT.")
    assert _article(document, "Điều 2.") == (
        "Số tiền thưởng không thay đổi. Các nội dung khác của Quyết định số 01/QĐ-SGDĐT giữ "
        "nguyên hiệu lực.")
    assert _article(document, "Điều 3.").endswith(
        "các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    assert amending.items.get().money == 0


@pytest.mark.parametrize(("delta", "text"), [(500_000, "+500.000"), (-300_000, "-300.000")])
def test_correction_money_is_the_signed_difference(board_user, approver_user, original, delta,
                                                   text):
    item = original.items.get()
    amending = corrections.request_correction(
        board_user, item, reason="Sai mức tiền thưởng", recipient_name=item.recipient_name,
        recipient_detail=item.recipient_detail, money=item.money + delta)
    assert amending.items.get().money == delta
    document = administrative_document(issuing.issue_decision(approver_user, amending,
                                                              date=DECIDED_ON))
    assert _article(document, "Điều 2.") == (
        f"Số tiền thưởng chênh lệch do đính chính: {text} đồng. Các nội dung khác của Quyết "
        "định số 01/QĐ-SGDĐT giữ nguyên hiệu lực.")


def test_correction_form_takes_the_correct_amount_and_drafts_the_difference(
        client, board_user, original):
    item = original.items.get()
    client.force_login(board_user)
    url = reverse("decisions:item_correct", args=[item.public_id])
    assert client.get(url).context["form"]["money"].value() == item.money
    response = client.post(url, {"recipient_name": item.recipient_name,
                                 "recipient_detail": item.recipient_detail,
                                 "money": item.money + 250_000, "reason": "Sai mức tiền thưởng"})
    amending = Decision.objects.get(amends=original)
    assert (response.status_code, amending.items.get().money) == (302, 250_000)
