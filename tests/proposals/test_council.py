import datetime
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from proposals.domain import council
from proposals.enums import BallotKind, NomineeStatus, ProposalState, SessionState, Vote
from proposals.models import Ballot, CouncilMember, CouncilSession
from tests.factories import UserFactory
from tests.proposals.helpers import appraised


def _session(board, unit, members=5, ballot=BallotKind.SECRET):
    return council.create_session(
        board, unit=unit, title="Phiên họp Hội đồng TĐKT", place="Tuyên Quang",
        held_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0)),
        total_members=members, ballot=ballot)


@pytest.fixture
def seated(board_user, officer_a, province, dept_a):
    """A 5-member council of the province with one appraised proposal of DEPT_A (1 nominee)."""
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    session = _session(board_user, province)
    seats = [council.seat_member(board_user, session, user=UserFactory(), unit=province,
                                 role=CouncilMember.CHAIR if i == 0 else CouncilMember.MEMBER)
             for i in range(5)]
    council.put_on_agenda(board_user, session, proposal)
    return session, seats, proposal


def test_agenda_moves_the_proposal_into_council(seated):
    _, _, proposal = seated
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_COUNCIL


def test_no_quorum_refuses_to_open(board_user, seated):
    session, seats, _ = seated
    CouncilMember.objects.filter(pk__in=[s.pk for s in seats[:2]]).update(present=False)
    with pytest.raises(ValidationError) as error:
        council.open_voting(board_user, session)
    assert error.value.messages == ["No quorum: 3 of 5 members present."]


@pytest.mark.parametrize(("agree", "passed"), [(3, True), (2, False)])
def test_default_threshold_is_more_than_half_of_all_members(board_user, seated, agree,
                                                            passed):
    session, seats, proposal = seated
    council.open_voting(board_user, session)
    nominee = proposal.nominees.get()
    for i, seat in enumerate(seats):
        council.cast_vote(seat, nominee, Vote.AGREE if i < agree else Vote.DISAGREE)
    rows = council.close_session(board_user, session)
    nominee.refresh_from_db()
    assert rows[0]["share"] == Fraction(agree, 5)
    assert nominee.status == (NomineeStatus.PASSED if passed else NomineeStatus.FAILED)
    assert (nominee.votes_agree, nominee.votes_disagree) == (agree, 5 - agree)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.COUNCIL_DONE


def test_secret_ballot_keeps_no_voter_and_refuses_a_second_vote(board_user, seated):
    session, seats, proposal = seated
    council.open_voting(board_user, session)
    nominee = proposal.nominees.get()
    council.cast_vote(seats[0], nominee, Vote.AGREE)
    with pytest.raises(ValidationError) as error:
        council.cast_vote(seats[0], nominee, Vote.DISAGREE)
    assert error.value.messages == ["You have already voted on this nominee."]
    assert list(Ballot.objects.values_list("member", "vote")) == [(None, Vote.AGREE)]


def test_member_from_the_nominee_unit_is_recused(board_user, officer_a, province, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    session = _session(board_user, province, members=4)
    insider = council.seat_member(board_user, session, user=UserFactory(), unit=dept_a)
    others = [council.seat_member(board_user, session, user=UserFactory(), unit=province)
              for _ in range(3)]
    council.put_on_agenda(board_user, session, proposal)
    council.open_voting(board_user, session)
    nominee = proposal.nominees.get()
    with pytest.raises(ValidationError) as error:
        council.cast_vote(insider, nominee, Vote.AGREE)
    assert error.value.messages == ["You are recused: the nominee is from your unit."]
    for seat in others[:2]:
        council.cast_vote(seat, nominee, Vote.AGREE)
    row = council.tally(session)[0]
    assert (row["base"], row["recused"], row["passed"]) == (3, 1, True)  # 2/3 > 1/2


def test_votes_are_final_after_closing(board_user, seated):
    session, seats, proposal = seated
    council.open_voting(board_user, session)
    council.close_session(board_user, session)
    with pytest.raises(ValidationError) as error:
        council.cast_vote(seats[0], proposal.nominees.get(), Vote.AGREE)
    assert error.value.messages == ["Voting is not open."]


def test_catalogue_threshold_applies_to_cstd_co_so(board_user, seated):
    """CSTĐ cơ sở needs at least 80 % of all members (Decree 98/2023 Art. 30.7)."""
    from awards.models import AwardType
    from proposals.models import Nominee

    session, seats, proposal = seated
    nominee = proposal.nominees.get()
    Nominee.objects.filter(pk=nominee.pk).update(
        final_award_type=AwardType.objects.get(code="cstd_co_so"))
    council.open_voting(board_user, session)
    nominee.refresh_from_db()
    for i, seat in enumerate(seats):
        council.cast_vote(seat, nominee, Vote.AGREE if i < 4 else Vote.ABSTAIN)
    row = council.tally(session)[0]
    assert (row["threshold"], row["inclusive"], row["passed"]) == (Fraction(4, 5), True, True)


def test_tally_queries_do_not_grow_with_members_or_nominees(board_user, officer_a, province,
                                                            dept_a,
                                                            django_assert_max_num_queries):
    proposal = appraised(officer_a, board_user, dept_a, dept_a, people=6)
    session = _session(board_user, province, members=9)
    for unit in (province, dept_a, province, province, dept_a, province, province):
        council.seat_member(board_user, session, user=UserFactory(), unit=unit)
    council.put_on_agenda(board_user, session, proposal)
    # ballots, seats, closure, agenda, and the threshold of the one form (catalogue + default)
    with django_assert_max_num_queries(6):
        rows = council.tally(session)
    assert [(r["base"], r["recused"]) for r in rows] == [(7, 2)] * 6


OPEN_REFUSED = "The session has already opened; its members and agenda are fixed."
CLOSE_REFUSED = "Only an open session can be closed."


@pytest.mark.parametrize("current", SessionState.values)
def test_voting_opens_only_from_a_planned_session(current, board_user, seated):
    session, _, _ = seated
    CouncilSession.objects.filter(pk=session.pk).update(state=current)
    if current != SessionState.PLANNED:
        with pytest.raises(ValidationError) as error:
            council.open_voting(board_user, session)
        assert error.value.messages == [OPEN_REFUSED]
        return
    council.open_voting(board_user, session)
    session.refresh_from_db()
    entry = AuditEntry.objects.get(action="proposals.session.open")
    assert (session.state, session.opened_at is not None, entry.changes) == (
        SessionState.OPEN, True, {"state": ["planned", "open"]})


@pytest.mark.parametrize("current", SessionState.values)
def test_a_session_closes_only_while_voting_is_open(current, board_user, seated):
    session, _, _ = seated
    CouncilSession.objects.filter(pk=session.pk).update(state=current)
    if current != SessionState.OPEN:
        with pytest.raises(ValidationError) as error:
            council.close_session(board_user, session)
        assert error.value.messages == [CLOSE_REFUSED]
        return
    council.close_session(board_user, session)
    session.refresh_from_db()
    entry = AuditEntry.objects.get(action="proposals.session.close")
    assert (session.state, entry.changes) == (SessionState.CLOSED, {
        "state": ["open", "closed"], "passed": [None, 0], "failed": [None, 1]})


def test_seats_are_fixed_once_voting_opens(board_user, seated, province):
    session, _, _ = seated
    council.open_voting(board_user, session)
    with pytest.raises(ValidationError) as error:
        council.seat_member(board_user, session, user=UserFactory(), unit=province)
    assert error.value.messages == [OPEN_REFUSED]


@pytest.mark.parametrize(("current", "steps"), [
    (SessionState.PLANNED, {"open"}), (SessionState.OPEN, {"close"}),
    (SessionState.CLOSED, set())])
def test_the_session_page_offers_the_step_its_state_allows(current, steps, client, board_user,
                                                           seated):
    session, _, _ = seated
    CouncilSession.objects.filter(pk=session.pk).update(state=current)
    client.force_login(board_user)
    response = client.get(reverse("proposals:session_detail", args=[session.public_id]))
    assert response.context["steps"] == steps


def test_a_council_member_is_offered_no_session_step(client, board_user, seated):
    session, seats, _ = seated
    client.force_login(seats[1].user)
    response = client.get(reverse("proposals:session_detail", args=[session.public_id]))
    assert response.context["steps"] == set()
