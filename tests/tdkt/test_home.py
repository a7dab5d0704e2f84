"""The home page (Việc cần làm): each persona sees what it has to do, as a count and a link to
the filtered list, computed in a number of queries that does not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from emulation.movements.domain.registrations import submit_registration
from imports.enums import JobState
from imports.models import ImportJob
from proposals.domain import consultation, council, workflow
from proposals.models import Proposal
from tests.decisions.helpers import draft_for, issued
from tests.emulation.movement_helpers import make_movement, make_registration
from tests.factories import UserFactory, user_with_role
from tests.proposals.helpers import appraised, submitted
from tests.reports.reporting_helpers import make_request, set_due


def todos(client, user) -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return [(t.key, t.count, t.overdue, t.url) for t in response.context["todos"]]


def _returned(officer, board, unit):
    proposal = submitted(officer, unit, unit)
    workflow.assign_appraisers(board, proposal, [board])
    return workflow.return_for_supplement(board, proposal, reason="Thiếu biên bản họp")


def _late(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(due_on=datetime.date(2020, 1, 6))


def _comment(board, proposal):
    workflow.assign_appraisers(board, proposal, [board])
    window = consultation.open_consultation(board, proposal,
                                            starts_on=datetime.date(2026, 11, 23))
    consultation.leave_comment(window, author_name="Trần Văn Dân", contact="0912345678",
                               body="Đề nghị xem lại thành tích.", address="10.0.0.9",
                               today=datetime.date(2026, 11, 24))


def _open_session(board, province, proposal, member):
    session = council.create_session(
        board, unit=province, title="Phiên họp Hội đồng TĐKT", place="Tuyên Quang",
        held_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0)), total_members=1)
    council.seat_member(board, session, user=member, unit=province)
    council.put_on_agenda(board, session, proposal)
    return council.open_voting(board, session)


def test_officer_sees_returned_proposals_and_reports_due(client, officer_a, board_user, dept_a,
                                                         province):
    _returned(officer_a, board_user, dept_a)
    req = make_request(province, [dept_a])
    set_due(req, datetime.date(2020, 1, 6))
    ImportJob.objects.create(kind="people", state=JobState.VALIDATED, created_by=officer_a,
                             stored_name="a", original_name="nhan-su.xlsx")
    assert todos(client, officer_a) == [
        ("reports_due", 1, 1, reverse("reports:request_list") + "?state=issued"),
        ("returned", 1, 0, reverse("proposals:list") + "?state=returned"),
        ("imports", 1, 0, reverse("imports:job_list")),
    ]


def test_board_sees_inbox_comments_registrations_and_missing_reports(
        client, officer_a, board_user, dept_a, province):
    _late(submitted(officer_a, dept_a, dept_a))
    commented = submitted(officer_a, dept_a, dept_a)
    _comment(board_user, commented)
    movement = make_movement(province, [dept_a], state="launched")
    registration = make_registration(movement, dept_a)
    submit_registration(registration, actor=None)
    set_due(make_request(province, [dept_a]), datetime.date(2020, 1, 6))
    _returned(officer_a, board_user, dept_a)  # the board returned it: the unit completes it
    assert todos(client, board_user) == [
        ("inbox", 2, 1, reverse("proposals:inbox")),
        ("reports_missing", 1, 1, reverse("reports:overdue")),
        ("comments", 1, 0, reverse("proposals:detail", args=[commented.public_id])),
        ("registrations", 1, 0, reverse("emulation:movement_detail",
                                        args=[movement.public_id])),
    ]


def test_home_shows_the_inbox_by_deadline_overdue_first(client, officer_a, board_user, dept_a,
                                                        province):
    undated = submitted(officer_a, dept_a, dept_a)
    Proposal.objects.filter(pk=undated.pk).update(due_on=None)  # a step with no deadline
    later = submitted(officer_a, dept_a, dept_a)
    late = submitted(officer_a, dept_a, dept_a)
    _late(late)
    client.force_login(board_user)
    response = client.get(reverse("core:home"))
    assert [p.code for p in response.context["inbox_rows"]] == [late.code, later.code,
                                                                undated.code]
    assert "overdue" in response.text


def test_council_member_sees_the_ballot_until_voting(client, officer_a, board_user, dept_a,
                                                     province, council_user):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    session = _open_session(board_user, province, proposal, council_user)
    assert todos(client, council_user) == [
        ("ballots", 1, 0, reverse("proposals:ballot", args=[session.public_id]))]
    seat = session.members.get(user=council_user)
    council.cast_vote(seat, proposal.nominees.get(), "agree")
    assert todos(client, council_user) == []


def test_recused_member_has_no_ballot_to_cast(client, officer_a, board_user, dept_a, province):
    member = UserFactory()
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    session = council.create_session(
        board_user, unit=province, title="Phiên họp", place="Tuyên Quang",
        held_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0)), total_members=2)
    council.seat_member(board_user, session, user=member, unit=province)
    council.seat_member(board_user, session, user=UserFactory(), unit=dept_a)
    council.put_on_agenda(board_user, session, proposal)
    council.open_voting(board_user, session)
    insider = session.members.get(unit=dept_a).user
    assert todos(client, insider) == []


def test_approver_sees_drafts_waiting_for_signature(client, officer_a, board_user, dept_a,
                                                    approver_user, province):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    draft_for(board_user, [proposal], dept_a)
    assert todos(client, approver_user) == [
        ("signatures", 1, 0, reverse("decisions:list") + "?state=draft")]
    listed = client.get(reverse("decisions:list"), {"state": "draft"}).context["page"]
    assert [d["state"] for d in listed.object_list] == ["draft"]


def test_outsider_sees_nothing_of_another_unit(client, officer_a, board_user, dept_a, province,
                                                outsider):
    _returned(officer_a, board_user, dept_a)
    _late(submitted(officer_a, dept_a, dept_a))
    set_due(make_request(province, [dept_a]), datetime.date(2020, 1, 6))
    ImportJob.objects.create(kind="people", state=JobState.INVALID, created_by=officer_a,
                             stored_name="a", original_name="nhan-su.xlsx")
    assert todos(client, outsider) == []


@pytest.mark.parametrize("persona", ["officer_a", "board_user"])
def test_every_link_opens_for_its_persona(client, request, persona, officer_a, board_user,
                                          dept_a, province):
    _returned(officer_a, board_user, dept_a)
    _late(submitted(officer_a, dept_a, dept_a))
    set_due(make_request(province, [dept_a]), datetime.date(2020, 1, 6))
    user = request.getfixturevalue(persona)
    links = [url for *_, url in todos(client, user)]
    assert links and [client.get(url).status_code for url in links] == [200] * len(links)


def _busy_province(officer, board, dept, province, member, rounds: int):
    for _ in range(rounds):
        _returned(officer, board, dept)
        _late(submitted(officer, dept, dept))
        _comment(board, submitted(officer, dept, dept))
        _open_session(board, province, appraised(officer, board, dept, dept), member)
        draft_for(board, [appraised(officer, board, dept, dept)], dept)
        set_due(make_request(province, [dept]), datetime.date(2020, 1, 6))
        movement = make_movement(province, [dept], state="launched")
        submit_registration(make_registration(movement, dept), actor=None)


def _home_queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("core:home"))  # the menu is computed once per role set and process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    return len(queries)


def test_home_queries_do_not_grow_with_data(client, officer_a, board_user, dept_a, province,
                                            council_user):
    admin_like = board_user  # board staff covers every check but the ballot's and signature's
    _busy_province(officer_a, board_user, dept_a, province, council_user, rounds=1)
    few = [_home_queries(client, u) for u in (officer_a, admin_like, council_user)]
    _busy_province(officer_a, board_user, dept_a, province, council_user, rounds=3)
    many = [_home_queries(client, u) for u in (officer_a, admin_like, council_user)]
    assert many == few


def test_desk_sees_issued_decisions_waiting_for_their_signed_copy(
        client, officer_a, board_user, approver_user, dept_a, dept_b, desk_user, province):
    issued(officer_a, board_user, approver_user, dept_a)
    other_desk = user_with_role(Role.DOCUMENT_DESK, dept_b, username="vanthu_b")
    assert todos(client, desk_user) == [
        ("signed_copies", 1, 0, reverse("decisions:list") + "?state=issued")]
    assert todos(client, other_desk) == []
