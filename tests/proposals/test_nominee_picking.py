"""Adding nominees as officers think of them (issue 18.3): a name search without diacritics
that tells namesakes apart, several people ticked at once, a list pasted from Excel with
row-level errors resolved within the user's scope only, and an award list limited to the
forms the recipient authority deals with for the subject kind. English UI (cookie)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardType
from proposals.enums import NomineeStatus
from proposals.interfaces.forms import awards_for
from tests.factories import CollectiveFactory, PersonFactory
from tests.proposals.helpers import draft

GIAY_KHEN = "giay_khen"


@pytest.fixture
def officer(client, officer_a):
    client.cookies["django_language"] = "en"
    client.force_login(officer_a)
    return client


@pytest.fixture
def proposal(officer_a, dept_a):
    return draft(officer_a, dept_a, dept_a, people=0)


def _add_url(proposal, **query):
    url = reverse("proposals:nominee_add", args=[proposal.public_id])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _post(client, proposal, **data):
    payload = {"subject_kind": "individual", "summary": "Hoàn thành xuất sắc nhiệm vụ.",
               "award_type": AwardType.objects.get(code=GIAY_KHEN).pk, **data}
    return client.post(_add_url(proposal), payload)


def _nominated(proposal):
    return sorted(proposal.nominees.exclude(status=NomineeStatus.DROPPED)
                  .values_list("person__full_name", flat=True))


def test_name_search_without_diacritics_tells_namesakes_apart(officer, proposal, dept_a,
                                                              school_a):
    PersonFactory(full_name="Trần Thị Hằng", unit=dept_a, position="Chuyên viên",
                  birth_date=datetime.date(1980, 3, 1))
    PersonFactory(full_name="Trần Thị Hằng", unit=school_a, position="Giáo viên",
                  birth_date=datetime.date(1992, 7, 9))
    PersonFactory(full_name="Lê Văn Nam", unit=dept_a)
    page = officer.get(_add_url(proposal, q="tran thi hang")).content.decode()
    assert page.count("Trần Thị Hằng") == 2 and "Lê Văn Nam" not in page
    for shown in ("Chuyên viên", "1980", "Giáo viên", "1992", "Trường THPT Chuyên"):
        assert shown in page


def test_without_a_search_no_person_is_read_nor_listed(officer, proposal, dept_a):
    # A department of 18,000: nobody scrolls its first 60 names; the officer types (h4).
    PersonFactory(full_name="Phạm Minh Khôi", unit=dept_a)
    officer.get(_add_url(proposal))  # warm-up: the layout caches roles
    with CaptureQueriesContext(connection) as queries:
        response = officer.get(_add_url(proposal))
    people = [q["sql"] for q in queries if '"organisations_person"' in q["sql"]]
    assert (people, response.context["candidates"]) == ([], [])
    page = response.content.decode()
    assert "Phạm Minh Khôi" not in page
    assert "Type a name (accents optional) or a citizen ID (CCCD) above" in page


def test_without_a_search_the_proposing_units_collectives_are_listed(officer, proposal, dept_a,
                                                                     dept_b):
    CollectiveFactory(name="Phòng Tổ chức cán bộ", unit=dept_a)
    CollectiveFactory(name="Phòng Kế hoạch tài chính", unit=dept_b)
    page = officer.get(_add_url(proposal, kind="collective")).content.decode()
    assert ("Phòng Tổ chức cán bộ" in page, "Phòng Kế hoạch tài chính" in page) == (True, False)


def test_search_by_citizen_id_finds_the_person(officer, proposal, dept_a):
    wanted = PersonFactory(full_name="Phạm Minh Khôi", unit=dept_a)
    PersonFactory(full_name="Phạm Minh Khang", unit=dept_a)
    names = [p.full_name for p in officer.get(_add_url(proposal, q=wanted.cccd))
             .context["candidates"]]
    assert names == ["Phạm Minh Khôi"]


def test_typing_in_the_search_box_returns_the_results_alone(officer, proposal, dept_a):
    PersonFactory(full_name="Phạm Minh Khôi", unit=dept_a)
    response = officer.get(_add_url(proposal, q="pham minh"), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert [t.name for t in response.templates] == [
        "proposals/includes/nominee_candidates.html"]
    assert ("Phạm Minh Khôi" in page, "<form" in page) == (True, False)


def test_typed_search_never_shows_people_outside_the_scope(officer, proposal, dept_b):
    stranger = PersonFactory(full_name="Vũ Thu Trang", unit=dept_b)
    for q in ("vu thu trang", stranger.cccd):
        response = officer.get(_add_url(proposal, q=q), headers={"HX-Request": "true"})
        assert (response.context["candidates"], "Vũ Thu Trang" in response.content.decode()) \
            == ([], False)


def test_search_never_shows_people_outside_the_scope(officer, proposal, dept_b):
    PersonFactory(full_name="Vũ Thu Trang", unit=dept_b)
    page = officer.get(_add_url(proposal, q="vu thu trang")).content.decode()
    assert "Vũ Thu Trang" not in page


def test_officer_ticks_several_people_at_once(officer, proposal, dept_a):
    first = PersonFactory(full_name="Đặng Văn Một", unit=dept_a)
    second = PersonFactory(full_name="Đặng Văn Hai", unit=dept_a)
    response = _post(officer, proposal, picked=[first.public_id, second.public_id])
    assert response.status_code == 302
    assert _nominated(proposal) == ["Đặng Văn Hai", "Đặng Văn Một"]


def test_a_person_outside_the_scope_cannot_be_ticked(officer, proposal, dept_b):
    stranger = PersonFactory(unit=dept_b)
    response = _post(officer, proposal, picked=[stranger.public_id])
    assert response.status_code == 200 and _nominated(proposal) == []


def test_pasted_list_by_cccd_and_by_unit_adds_everyone(officer, proposal, dept_a, school_a):
    by_cccd = PersonFactory(full_name="Hoàng Thị Lan", unit=dept_a)
    PersonFactory(full_name="Bùi Văn Tú", unit=school_a)
    pasted = (f"Họ và tên\tCCCD\nHoàng Thị Lan\t{by_cccd.cccd}\n"
              "bui van tu\tTrường THPT Chuyên\n")
    response = _post(officer, proposal, pasted=pasted)
    assert response.status_code == 302
    assert _nominated(proposal) == ["Bùi Văn Tú", "Hoàng Thị Lan"]


def test_pasted_list_errors_name_each_line_and_add_nobody(officer, proposal, dept_a, dept_b):
    known = PersonFactory(full_name="Hoàng Thị Lan", unit=dept_a)
    stranger = PersonFactory(full_name="Vũ Thu Trang", unit=dept_b)
    PersonFactory(full_name="Ngô Văn Bình", unit=dept_a)
    PersonFactory(full_name="Ngô Văn Bình", unit=dept_a)
    unknown = "001085000000"
    pasted = "\n".join([f"Hoàng Thị Lan\t{known.cccd}", f"Vũ Thu Trang\t{stranger.cccd}",
                        f"Nguyễn Văn X\t{unknown}", f"Hoàng Văn Lân\t{known.cccd}",
                        "Ngô Văn Bình\tSở Giáo dục và Đào tạo", "Chỉ có tên",
                        f"Hoàng Thị Lan\t{known.cccd}"])
    response = _post(officer, proposal, pasted=pasted)
    errors = response.context["form"].errors["pasted"]
    assert errors == [
        f"Line 2: no person with citizen ID {stranger.cccd} in your scope.",
        f"Line 3: no person with citizen ID {unknown} in your scope.",
        f"Line 4: citizen ID {known.cccd} belongs to Hoàng Thị Lan, not Hoàng Văn Lân.",
        "Line 5: 2 people named Ngô Văn Bình in Sở Giáo dục và Đào tạo; give the citizen ID "
        "instead.",
        "Line 6: give the full name and the citizen ID (CCCD) or the unit, separated by a tab.",
        "Line 7: Hoàng Thị Lan is already listed on line 1.",
    ]
    assert _nominated(proposal) == []


def test_pasted_errors_are_in_vietnamese_for_a_vietnamese_reader(client, officer_a, proposal):
    client.force_login(officer_a)
    client.cookies["django_language"] = "vi"
    response = _post(client, proposal, pasted="Chỉ có tên")
    assert response.context["form"].errors["pasted"] == [
        "Dòng 1: ghi họ và tên, rồi số CCCD hoặc đơn vị ở cột bên cạnh (cách nhau bằng phím "
        "Tab)."]


def test_one_nominee_refused_refuses_the_whole_list(officer, proposal, dept_a):
    first = PersonFactory(full_name="Đặng Văn Một", unit=dept_a)
    _post(officer, proposal, picked=[first.public_id])
    second = PersonFactory(full_name="Đặng Văn Hai", unit=dept_a)
    response = _post(officer, proposal, picked=[second.public_id], pasted=(
        f"Đặng Văn Một\t{first.cccd}"))
    assert response.status_code == 200
    assert "Đặng Văn Một: Đặng Văn Một is already proposed for Giấy khen in this proposal." \
        in response.content.decode()
    assert _nominated(proposal) == ["Đặng Văn Một"]


def test_award_list_offers_only_what_the_recipient_deals_with_for_the_kind(officer_a,
                                                                           school_a):
    # A school's head grants the base forms and carries nothing upward (Law 2022 Art. 80).
    proposal = draft(officer_a, school_a, school_a, people=0)
    assert set(awards_for(proposal, "individual").values_list("code", flat=True)) == {
        "ldtt", "cstd_co_so", "giay_khen"}
    assert set(awards_for(proposal, "collective").values_list("code", flat=True)) == {
        "tt_ldtt", "giay_khen"}


def test_a_form_the_recipient_does_not_deal_with_is_refused(officer, officer_a, school_a):
    proposal = draft(officer_a, school_a, school_a, people=0)
    person = PersonFactory(unit=school_a)
    response = _post(officer, proposal, picked=[person.public_id],
                     award_type=AwardType.objects.get(code="bang_khen_tinh").pk)
    assert response.status_code == 200 and "award_type" in response.context["form"].errors
    assert _nominated(proposal) == []


def test_new_proposal_form_suggests_the_officers_unit(officer, dept_a):
    form = officer.get(reverse("proposals:create")).context["form"]
    assert (form["unit"].value(), form["recipient_unit"].value(),
            form["authority_level"].value()) == (dept_a.pk, dept_a.pk, "unit")


def test_outsider_cannot_open_the_nominee_page(client, outsider, proposal):
    client.force_login(outsider)
    assert client.get(_add_url(proposal)).status_code == 404


def test_outsider_cannot_search_the_nominee_picker(client, outsider, proposal, dept_a):
    PersonFactory(full_name="Phạm Minh Khôi", unit=dept_a)
    client.force_login(outsider)
    response = client.get(_add_url(proposal, q="pham"), headers={"HX-Request": "true"})
    assert (response.status_code, "Phạm Minh Khôi" in response.content.decode()) == (404, False)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_dossier_page_asks_for_each_required_document_and_takes_them_at_once(
        officer, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=2)
    url = reverse("proposals:dossier", args=[proposal.public_id])
    assert list(officer.get(url).context["form"].fields) == [
        "to_trinh", "bao_cao_thanh_tich", "bien_ban_xet"]
    response = officer.post(url, {"to_trinh": _pdf("tt.pdf"), "bien_ban_xet": _pdf("bb.pdf")})
    assert response.status_code == 302
    assert sorted(proposal.documents.values_list("doc_type", flat=True)) == [
        "bien_ban_xet", "to_trinh"]


def test_dossier_page_with_no_file_says_so(officer, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=1)
    response = officer.post(reverse("proposals:dossier", args=[proposal.public_id]), {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Choose at least one file."]


def test_outsider_cannot_open_the_dossier_page(client, outsider, proposal):
    client.force_login(outsider)
    url = reverse("proposals:dossier", args=[proposal.public_id])
    assert client.get(url).status_code == 404
