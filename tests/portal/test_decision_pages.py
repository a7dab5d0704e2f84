"""Published decisions on the public portal: only issued ones, searchable without diacritics,
filtered, paged within bounds, with each awardee's status — and never personal data."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.urls import reverse

from decisions.domain import corrections, drafting, issuing
from portal.views.decisions import MAX_DECISION_PAGES
from tests.decisions.helpers import DECIDED_ON, draft_for, issued
from tests.proposals.helpers import appraised

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def decision(officer_a, board_user, approver_user, dept_a):
    """Decision 01/QĐ-SGDĐT: three Giấy khen awardees of dept_a, named for the search tests."""
    made = issued(officer_a, board_user, approver_user, dept_a, people=3)
    for item, name in zip(made.items.order_by("ordinal"),
                          ["Nguyễn Thị Hồng", "Đặng Văn Đức", "Lê Minh Tâm"], strict=True):
        item.recipient_name = name
        item.save()
    return made


def _rows(response) -> list[str]:
    return [d["label"] for d in response.context["page"].object_list]


def _names(response) -> list[str]:
    return [a["recipient_name"] for a in response.context["page"].object_list]


def test_issued_decision_is_listed_for_anonymous_visitors(en, decision):
    response = en.get(reverse("portal:decision_list"))
    assert response.status_code == 200
    [row] = response.context["page"].object_list
    assert (row["label"], row["awardees"], row["forms"]) == ("01/QĐ-SGDĐT", 3,
                                                            [("Giấy khen", 3)])


def test_signed_in_outsider_sees_the_same_public_pages(client_for, outsider, decision):
    client = client_for(outsider)
    assert _rows(client.get(reverse("portal:decision_list"))) == ["01/QĐ-SGDĐT"]
    detail = client.get(reverse("portal:decision_detail", args=[decision.public_id]))
    assert _names(detail) == ["Nguyễn Thị Hồng", "Đặng Văn Đức", "Lê Minh Tâm"]


@pytest.mark.parametrize("state", ["draft", "cancelled"])
def test_drafts_and_cancelled_drafts_are_never_public(en, officer_a, board_user, dept_a,
                                                     decision, state):
    hidden = draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)
    if state == "cancelled":
        drafting.cancel_draft(board_user, hidden, reason="Lập nhầm")
    assert _rows(en.get(reverse("portal:decision_list"))) == ["01/QĐ-SGDĐT"]
    url = reverse("portal:decision_detail", args=[hidden.public_id])
    assert en.get(url).status_code == 404
    feed = en.get(reverse("portal:decision_feed")).content.decode()
    assert str(hidden.public_id) not in feed


@pytest.mark.parametrize(("q", "found"), [
    ("nguyen thi hong", True), ("DANG VAN DUC", True), ("tâm", True),  # awardee names
    ("01/qd-sgddt", True), ("1/QĐ-SGDĐT", True),  # decision number, with or without the zero
    ("giay khen", True), ("so giao duc", True),  # form; issuer/summary
    ("nguyen thi hong dang van duc", False),  # words of two different awardees
    ("du", True), ("uc", False),  # two letters: a word's start (Đức), not inside one
    ("bang khen", False)])
def test_search_without_diacritics(en, decision, q, found):
    response = en.get(reverse("portal:decision_list"), {"q": q})
    assert _rows(response) == (["01/QĐ-SGDĐT"] if found else [])


def test_search_names_the_awardees_that_matched(en, decision):
    [row] = en.get(reverse("portal:decision_list"), {"q": "dang van"}).context["page"].object_list
    assert [h["recipient_name"] for h in row["hits"]] == ["Đặng Văn Đức"]


def test_search_by_cccd_finds_nothing(en, decision):
    """Person.search_text holds the CCCD; the portal's search must not reveal who has one."""
    cccd = decision.items.first().person.cccd
    assert _rows(en.get(reverse("portal:decision_list"), {"q": cccd})) == []


def test_filters_by_year_form_and_issuer(en, decision, dept_b):
    url = reverse("portal:decision_list")
    assert _rows(en.get(url, {"year": DECIDED_ON.year, "form": "giay_khen",
                              "issuer": decision.issuer.code})) == ["01/QĐ-SGDĐT"]
    assert _rows(en.get(url, {"year": DECIDED_ON.year - 1})) == []
    assert _rows(en.get(url, {"form": "bang_khen_tinh"})) == []
    assert _rows(en.get(url, {"issuer": dept_b.code})) == []


def test_filter_choices_offer_what_was_published(en, decision):
    form = en.get(reverse("portal:decision_list")).context["form"]
    assert form.fields["year"].widget.choices == [("", "All"), (2026, 2026)]
    assert form.fields["form"].widget.choices == [("", "All"), ("giay_khen", "Giấy khen")]
    assert form.fields["issuer"].widget.choices == [("", "All"), (decision.issuer.code,
                                                                  decision.issuer.name)]


def test_unknown_filter_value_drops_that_filter_only(en, decision):
    response = en.get(reverse("portal:decision_list"), {"year": "abc", "q": "hong"})
    assert _rows(response) == ["01/QĐ-SGDĐT"]


def test_paging_is_bounded(en, decision):
    url = reverse("portal:decision_list")
    assert en.get(url, {"page": MAX_DECISION_PAGES}).status_code == 200
    assert en.get(url, {"page": MAX_DECISION_PAGES + 1}).status_code == 404


def test_detail_lists_awardees_with_public_facts(en, decision, dept_a):
    response = en.get(reverse("portal:decision_detail", args=[decision.public_id]))
    rows = response.context["page"].object_list
    assert [(a["ordinal"], a["recipient_name"], a["unit__name"], a["award_type__name"],
             a["status"]) for a in rows] == [
        (1, "Nguyễn Thị Hồng", dept_a.name, "Giấy khen", "in_force"),
        (2, "Đặng Văn Đức", dept_a.name, "Giấy khen", "in_force"),
        (3, "Lê Minh Tâm", dept_a.name, "Giấy khen", "in_force")]
    assert response.context["decision"]["label"] == "01/QĐ-SGDĐT"
    assert "05/01/2026" in response.text


def test_detail_search_within_awardees(en, decision):
    url = reverse("portal:decision_detail", args=[decision.public_id])
    assert _names(en.get(url, {"q": "le minh"})) == ["Lê Minh Tâm"]


def test_detail_shows_revoked_and_corrected_awardees(en, decision, board_user, approver_user):
    first, second, _third = decision.items.order_by("ordinal")
    corrections.revoke_item(board_user, first, reason="Gian lận", decision_number="7/QĐ",
                            decision_date=DECIDED_ON, decision_issuer="Giám đốc Sở")
    amending = corrections.request_correction(board_user, second, reason="Sai đơn vị",
                                              recipient_name="Đặng Văn Đức",
                                              recipient_detail="Phòng Tổ chức")
    issuing.issue_decision(approver_user, amending, date=DECIDED_ON)
    response = en.get(reverse("portal:decision_detail", args=[decision.public_id]))
    rows = response.context["page"].object_list
    assert [a["status"] for a in rows] == ["revoked", "corrected", "in_force"]
    assert rows[1]["amended_by"] == {"public_id": amending.public_id, "label": "02/QĐ-SGDĐT"}
    assert reverse("portal:decision_detail", args=[amending.public_id]) in response.text
    assert response.context["decision"]["amendments"][0]["label"] == "02/QĐ-SGDĐT"
    amended = en.get(reverse("portal:decision_detail", args=[amending.public_id]))
    assert amended.context["decision"]["amends_label"] == "01/QĐ-SGDĐT"
    assert _names(amended) == ["Đặng Văn Đức"]
    assert [a["recipient_detail"] for a in amended.context["page"].object_list] == [
        "Phòng Tổ chức"]


def test_unknown_decision_is_404(en, db):
    url = reverse("portal:decision_detail", args=["0b7a4a36-7f1c-4d4a-9a38-5d7d4c0c0c0c"])
    assert en.get(url).status_code == 404


def test_list_query_count_does_not_grow_with_decisions(en, decision, officer_a, board_user,
                                                       approver_user, dept_a,
                                                       django_assert_max_num_queries):
    for day in range(6, 10):
        issued(officer_a, board_user, approver_user, dept_a, people=2,
               on=datetime.date(2026, 1, day))
    with django_assert_max_num_queries(7):  # 3 filter choices, the page, forms, hits, catalogue
        response = en.get(reverse("portal:decision_list"), {"q": "giay khen"})
    assert len(response.context["page"].object_list) == 5


def test_detail_query_count_does_not_grow_with_awardees(en, officer_a, board_user,
                                                        approver_user, dept_a,
                                                        django_assert_max_num_queries):
    big = issued(officer_a, board_user, approver_user, dept_a, people=8)
    # On PostgreSQL the public epoch is read first (portal.interfaces.kept; the test's
    # transaction has written, so the page is read, not kept).
    epoch = 1 if connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(4 + epoch):  # decision, amendments, awardees, corrections
        response = en.get(reverse("portal:decision_detail", args=[big.public_id]))
    assert len(response.context["page"].object_list) == 8


def test_atom_feed_lists_new_decisions(en, decision):
    response = en.get(reverse("portal:decision_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "01/QĐ-SGDĐT — Về việc tặng Giấy khen"
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("portal:decision_detail", args=[decision.public_id]))
    assert entry.find(f"{ATOM}summary").text == (
        "05/01/2026 — Giám đốc Sở Giáo dục và Đào tạo. Awardees: 3 (Giấy khen: 3).")


def test_feed_is_announced_in_the_portal_head_and_home(en, decision):
    page = en.get(reverse("portal:home")).text
    feed = reverse("portal:decision_feed")
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in page
    assert f'<a href="{feed}">' in page
    assert reverse("portal:decision_detail", args=[decision.public_id]) in page


def test_no_personal_data_in_decision_pages_or_feed(en, decision):
    people = [item.person for item in decision.items.all()]
    for person in people:
        person.phone, person.email = "0987654321", f"p{person.pk}@example.vn"
        person.save()
    pages = [en.get(reverse("portal:decision_list")).text,
             en.get(reverse("portal:decision_list"), {"q": "nguyen"}).text,
             en.get(reverse("portal:decision_detail", args=[decision.public_id])).text,
             en.get(reverse("portal:decision_feed")).content.decode()]
    for page in pages:
        for person in people:
            assert person.cccd not in page
            assert person.phone not in page and person.email not in page
            assert person.birth_date.strftime("%d/%m/%Y") not in page
            assert person.birth_date.isoformat() not in page


def test_pages_are_vietnamese_for_the_public(client, decision):
    """Anonymous visitors get Vietnamese (the catalogue is complete for these pages)."""
    page = client.get(reverse("portal:decision_list")).text
    assert "Quyết định khen thưởng" in page and "Nguồn tin Atom" in page
    assert "3 người được khen" in page
    detail = client.get(reverse("portal:decision_detail", args=[decision.public_id])).text
    assert "Còn hiệu lực" in detail
