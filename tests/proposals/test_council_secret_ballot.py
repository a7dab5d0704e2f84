"""Secret ballot of the council (Decree 98/2023 Art. 30.7): while voting is open nobody — the
board included — sees a count; "N of M members have voted" is all (issue 13)."""

import pytest
from django.urls import reverse

from proposals.domain import council
from proposals.enums import Vote
from proposals.models import CouncilMember
from tests.factories import UserFactory
from tests.proposals.helpers import appraised
from tests.proposals.test_council import _session, seated  # noqa: F401 (fixture)


@pytest.fixture
def voting(board_user, seated):  # noqa: F811
    """Open session, two of five members voted (agree, disagree) on the one nominee."""
    session, seats, proposal = seated
    council.open_voting(board_user, session)
    nominee = proposal.nominees.get()
    council.cast_vote(seats[0], nominee, Vote.AGREE)
    council.cast_vote(seats[1], nominee, Vote.DISAGREE)
    return session, seats


def _detail(client, session):
    client.cookies["django_language"] = "en"
    return client.get(reverse("proposals:session_detail", args=[session.public_id]))


def test_board_sees_no_count_while_voting_is_open(voting, board_user, client_for):
    session, _ = voting
    response = _detail(client_for(board_user), session)
    assert (response.status_code, response.context["rows"]) == (200, [])
    assert "2 of 5 members have voted." in response.text
    assert ("Agree" in response.text, "Running tally" in response.text) == (False, False)


def test_seated_member_sees_no_count_while_voting_is_open(voting, client_for):
    session, seats = voting
    response = _detail(client_for(seats[2].user), session)
    assert (response.status_code, response.context["rows"]) == (200, [])
    assert "2 of 5 members have voted." in response.text


def test_members_voted_counts_members_not_votes(board_user, officer_a, province, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a, people=2)
    session = _session(board_user, province, members=3)
    seats = [council.seat_member(board_user, session, user=UserFactory(), unit=province,
                                 role=CouncilMember.MEMBER) for _ in range(3)]
    council.put_on_agenda(board_user, session, proposal)
    council.open_voting(board_user, session)
    for nominee in proposal.nominees.all():
        council.cast_vote(seats[0], nominee, Vote.AGREE)
    assert council.members_voted(session) == 1


def test_results_show_once_the_session_is_closed(voting, board_user, client_for):
    session, _ = voting
    council.close_session(board_user, session)
    response = _detail(client_for(board_user), session)
    row = response.context["rows"][0]
    assert (row["votes"][Vote.AGREE], row["votes"][Vote.DISAGREE]) == (1, 1)
    assert "members have voted" not in response.text


def test_minutes_wait_for_the_close(voting, board_user, client_for):
    session, _ = voting
    response = client_for(board_user).get(reverse("proposals:minutes",
                                                  args=[session.public_id, "pdf"]))
    assert response.status_code == 302


def test_vote_audit_entry_of_a_secret_ballot_holds_no_vote(voting):
    from audit.models import AuditEntry

    votes = AuditEntry.objects.filter(action="proposals.session.vote")
    assert [e.changes for e in votes] == [{}, {}]


def test_outsider_cannot_open_the_session(voting, outsider, client_for):
    session, _ = voting
    assert _detail(client_for(outsider), session).status_code == 404
