"""Who qualifies, the forecast and the profiles show a subject who already holds the award for
the year, or is named for it in an open proposal, as such — never as eligible."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.domain import ledger
from awards.domain.queries.standing import Standing, standings
from awards.models import AwardRecord, AwardType
from proposals.domain import nominees, workflow
from proposals.domain import proposals as proposal_domain
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory

D = datetime.date
HELD = "Đã được khen: QĐ số 15/QĐ-UBND"


def give(subject, code, year, number="1/QĐ-UBND", **kw):
    field = {"Person": "person", "Collective": "collective"}.get(type(subject).__name__,
                                                                 "household")
    return ledger.record_award(None, award_type=AwardType.objects.get(code=code), year=year,
                               decision_number=number, decision_date=D(year + 1, 1, 20),
                               issuer="UBND tỉnh", **{field: subject}, **kw)


def strong(unit, name, *, until=2025):
    """Three excellent years with CSTĐ cơ sở: eligible for Bằng khen tỉnh in `until`."""
    person = PersonFactory(unit=unit, full_name=name, position="Giáo viên")
    for year in range(until - 2, until + 1):
        give(person, "cstd_co_so", year)
        ledger.set_rating(None, person=person, year=year, rating="xuat_sac")
    return person


def propose(officer, unit, subject, award="bang_khen_tinh", year=2025, **kind):
    proposal = proposal_domain.create_proposal(
        officer, unit=unit, title="Đề nghị khen thưởng", recipient_unit=unit.parent or unit,
        authority_level="province", track="annual", year=year)
    nominees.add_nominee(officer, proposal, award_type=AwardType.objects.get(code=award),
                         summary="Thành tích xuất sắc.", **{kind.get("field", "person"): subject})
    return proposal


@pytest.fixture
def four(dept_a, officer_a):
    """Four people eligible for Bằng khen tỉnh 2025: one holds it, one is in an open proposal,
    one held it but it was revoked, one was in a withdrawn proposal."""
    held = strong(dept_a, "Đã Có")
    give(held, "bang_khen_tinh", 2025, number="15/QĐ-UBND")
    proposed = strong(dept_a, "Đang Đề Nghị")
    proposal = propose(officer_a, dept_a, proposed)
    revoked = strong(dept_a, "Bị Thu Hồi")
    record = give(revoked, "bang_khen_tinh", 2025, number="9/QĐ-UBND")
    # Arrange only: the record as revocation leaves it (the flag is all screening reads).
    AwardRecord.objects.filter(pk=record.pk).update(revoked=True, revoked_on=D(2026, 3, 1))
    withdrawn = strong(dept_a, "Đã Rút")
    workflow.withdraw(officer_a, propose(officer_a, dept_a, withdrawn), reason="Nộp nhầm.")
    return proposal


def _shown(rows):
    return [(p.full_name, v.award, str(s) if s else None) for p, v, s in rows]


def test_who_qualifies_shows_holders_and_nominees_as_such(client, board_user, four):
    client.force_login(board_user)
    response = client.get(reverse("awards:qualify"), {"award": "bang_khen_tinh", "year": 2025})
    assert _shown(response.context["rows"]) == [
        ("Đã Có", "bang_khen_tinh", HELD),
        ("Đang Đề Nghị", "bang_khen_tinh", f"Đang đề nghị: hồ sơ {four.code}"),
        ("Bị Thu Hồi", "bang_khen_tinh", None),
        ("Đã Rút", "bang_khen_tinh", None)]
    html = response.content.decode()
    assert f'<span class="badge ended">{HELD}</span></td><td></td>' in html
    assert html.count('<span class="badge ok">Đủ điều kiện</span>') == 2


def test_who_qualifies_export_has_the_status_column(client, board_user, four):
    client.force_login(board_user)
    export = client.get(reverse("awards:qualify"), {"award": "bang_khen_tinh", "year": 2025,
                                                    "export": "xlsx"})
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0][4] == "Trạng thái"
    assert [(r[0], r[4], r[7]) for r in rows[1:]] == [
        ("Đã Có", HELD, None), ("Đang Đề Nghị", f"Đang đề nghị: hồ sơ {four.code}", None),
        ("Bị Thu Hồi", "Đủ điều kiện", 3_510_000), ("Đã Rút", "Đủ điều kiện", 3_510_000)]


def test_who_qualifies_for_which_title_marks_only_the_held_title(client, board_user, dept_a):
    person = strong(dept_a, "Đã Có")
    give(person, "bang_khen_tinh", 2025, number="15/QĐ-UBND")
    client.force_login(board_user)
    response = client.get(reverse("awards:qualify"), {"award": "all", "year": 2025})
    shown = {award: standing for _n, award, standing in _shown(response.context["rows"])}
    assert shown["bang_khen_tinh"] == HELD
    assert shown["ldtt"] is None


def test_forecast_shows_who_already_holds_next_years_award(client, board_user, dept_a):
    almost = PersonFactory(unit=dept_a, full_name="Một Năm Nữa")
    ledger.set_rating(None, person=almost, year=2024, rating="xuat_sac")
    give(almost, "cstd_co_so", 2024)
    client.force_login(board_user)
    before = client.get(reverse("awards:forecast"), {"award": "bang_khen_tinh", "year": 2024})
    assert _shown(before.context["rows"]) == [("Một Năm Nữa", "bang_khen_tinh", None)]
    give(almost, "bang_khen_tinh", 2025, number="15/QĐ-UBND")
    after = client.get(reverse("awards:forecast"), {"award": "bang_khen_tinh", "year": 2024})
    assert _shown(after.context["rows"]) == [("Một Năm Nữa", "bang_khen_tinh", HELD)]


def test_profile_shows_the_held_award_instead_of_qualifies(client, board_user, dept_a):
    person = strong(dept_a, "Đã Có")
    give(person, "bang_khen_tinh", 2025, number="15/QĐ-UBND")
    client.force_login(board_user)
    response = client.get(reverse("awards:person_profile", args=[person.public_id]),
                          {"year": 2025})
    lines = {line.award: line for line in response.context["overview"]}
    assert (lines["bang_khen_tinh"].verdict.eligible, str(lines["bang_khen_tinh"].standing)) == (
        True, HELD)
    assert lines["ldtt"].standing is None
    assert f'<span class="badge ended">{HELD}</span>' in response.content.decode()


def test_profile_outsider_gets_404(client, outsider, dept_a):
    person = strong(dept_a, "Đã Có")
    client.force_login(outsider)
    assert client.get(reverse("awards:person_profile", args=[person.public_id]),
                      {"year": 2025}).status_code == 404


def test_collective_profile_shows_an_open_proposal(client, board_user, officer_a, dept_a):
    collective = CollectiveFactory(unit=dept_a)
    proposal = propose(officer_a, dept_a, collective, award="tt_ldxs", field="collective")
    client.force_login(board_user)
    response = client.get(reverse("awards:collective_profile", args=[collective.public_id]),
                          {"year": 2025})
    lines = {line.award: line for line in response.context["overview"]}
    assert str(lines["tt_ldxs"].standing) == f"Đang đề nghị: hồ sơ {proposal.code}"
    assert lines["tt_ldtt"].standing is None


def test_standings_of_households_and_collectives(officer_a, dept_a):
    household = HouseholdFactory(unit=dept_a)
    give(household, "gia_dinh_van_hoa", 2025, number="7/QĐ-UBND")
    collective = CollectiveFactory(unit=dept_a)
    give(collective, "tt_ldtt", 2024, number="3/QĐ-UBND")  # another year: not this one
    assert standings("household", [household.pk], ["gia_dinh_van_hoa"], 2025) == {
        (household.pk, "gia_dinh_van_hoa"): Standing(True, "7/QĐ-UBND")}
    assert standings("collective", [collective.pk], ["tt_ldtt"], 2025) == {}


def test_a_held_award_wins_over_an_open_proposal_and_the_appraised_form_counts(
        officer_a, board_user, dept_a):
    person = strong(dept_a, "Cả Hai")
    propose(officer_a, dept_a, person)
    give(person, "bang_khen_tinh", 2025, number="15/QĐ-UBND")
    changed = strong(dept_a, "Đổi Hình Thức")
    proposal = propose(officer_a, dept_a, changed, award="giay_khen")
    proposal.nominees.update(final_award_type=AwardType.objects.get(code="bang_khen_tinh"))
    assert standings("person", [person.pk, changed.pk], ["bang_khen_tinh", "giay_khen"],
                     2025) == {(person.pk, "bang_khen_tinh"): Standing(True, "15/QĐ-UBND"),
                               (changed.pk, "bang_khen_tinh"): Standing(False, proposal.code)}


def test_standings_take_one_query_for_any_number_of_people(dept_a, officer_a,
                                                          django_assert_num_queries):
    people = [strong(dept_a, f"Người {i}") for i in range(6)]
    for person in people[::2]:
        give(person, "bang_khen_tinh", 2025, number="15/QĐ-UBND")
    propose(officer_a, dept_a, people[1])
    with django_assert_num_queries(1):
        found = standings("person", [p.pk for p in people], ["bang_khen_tinh", "ldtt"], 2025)
    assert sorted(found) == sorted((people[i].pk, "bang_khen_tinh") for i in (0, 1, 2, 4))
