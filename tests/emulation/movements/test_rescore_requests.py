"""Fair cluster rounds (issue 20 point 5): nobody re-scores their own unit — the head's re-score
of its own unit is a request someone without the conflict approves; units act through their
own officers; publishing needs the cluster's quorum of ballots and names who has not voted."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.domain import rescore_requests as requests
from emulation.movements.domain.queries.cluster_rounds import acting_units, own_unit_ids
from emulation.movements.enums import RescoreRequestState
from emulation.movements.models import ClusterRound, RescoreRequest, Score, ScoreChange
from notifications.models import Notification


def leaf(cluster_round, code):
    return cluster_round.criteria_set.criteria.get(code=code)


@pytest.fixture
def head_request(scoring_round, members, head_user, admin_user, board_user):
    """The head (its unit is SO-A, members[0]) asks to raise its own unit from 30 to 40."""
    domain.rescore(scoring_round, actor=admin_user, unit=members[0],
                   criterion=leaf(scoring_round, "1.1"), points=30, reason="Chấm lần đầu")
    return requests.request_rescore(scoring_round, actor=head_user, unit=members[0],
                                    criterion=leaf(scoring_round, "1.1"), points=40,
                                    reason="Bổ sung minh chứng đạt chỉ tiêu")


def test_own_units_of_each_role(scoring_round, members, head_user, officer_a, board_user,
                                admin_user):
    assert [sorted(own_unit_ids(u, scoring_round)) for u in (
        head_user, officer_a, board_user, admin_user)] == [[members[0].pk], [members[0].pk],
                                                           [], []]


def test_the_units_officer_and_the_cluster_head_act_for_it(scoring_round, members, officer_a,
                                                           admin_user, board_user, head_user):
    # The head unit (SO-A) is a member like the others: its head scores and votes for it.
    assert [acting_units(u, scoring_round) for u in (
        officer_a, admin_user, board_user, head_user)] == [[members[0]], [], [], [members[0]]]


def test_head_cannot_rescore_its_own_unit(scoring_round, members, head_user):
    with pytest.raises(ValidationError, match="Nobody re-scores their own unit"):
        domain.rescore(scoring_round, actor=head_user, unit=members[0],
                       criterion=leaf(scoring_round, "1.1"), points=40, reason="Tự nâng điểm")
    assert Score.objects.filter(kind="board").count() == 0


def test_head_may_rescore_another_member(scoring_round, members, head_user):
    score = domain.rescore(scoring_round, actor=head_user, unit=members[1],
                           criterion=leaf(scoring_round, "1.1"), points=25, reason="Sai số")
    assert (score.unit, score.points) == (members[1], D(25))


def test_request_changes_nothing_until_approved(head_request, scoring_round, members,
                                                board_user, head_user):
    assert (head_request.state, Score.objects.get(kind="board").points) == ("pending", D(30))
    assert list(Notification.objects.values_list("recipient__username", "verb")) == [
        ("board", "emulation.rescore_request")]
    requests.approve(head_request, actor=board_user)
    assert Score.objects.get(kind="board").points == D(40)
    assert ScoreChange.objects.values_list("old", "new", "reason", "actor__username").last() == (
        D(30), D(40), f"Bổ sung minh chứng đạt chỉ tiêu (requested by {head_user})", "board")
    assert list(AuditEntry.objects.filter(action__startswith="emulation.rescore_request")
                .order_by("id").values_list("action", "changes__state")) == [
        ("emulation.rescore_request.file", None),
        ("emulation.rescore_request.approve", ["pending", "approved"])]
    assert Notification.objects.filter(recipient=head_user).values_list("verb", flat=True).get(
    ) == "emulation.rescore_approved"


def test_refusal_needs_a_note_and_changes_no_score(head_request, board_user):
    with pytest.raises(ValidationError, match="why"):
        requests.refuse(head_request, actor=board_user, note=" ")
    requests.refuse(head_request, actor=board_user, note="Minh chứng không hợp lệ")
    head_request.refresh_from_db()
    assert (head_request.state, head_request.decision_note,
            Score.objects.get(kind="board").points) == (
        "refused", "Minh chứng không hợp lệ", D(30))


@pytest.mark.parametrize("decider", ["head_user", "officer_a"])
def test_nobody_decides_for_their_own_unit(head_request, request, decider):
    with pytest.raises(ValidationError, match="someone else must decide"):
        requests.approve(head_request, actor=request.getfixturevalue(decider))
    assert RescoreRequest.objects.get().state == "pending"


@pytest.mark.parametrize("old", list(RescoreRequestState))
@pytest.mark.parametrize("new", [RescoreRequestState.APPROVED, RescoreRequestState.REFUSED,
                                 RescoreRequestState.PENDING])
def test_every_transition_over_every_state(head_request, board_user, old, new):
    RescoreRequest.objects.filter(pk=head_request.pk).update(state=old)
    allowed = old == RescoreRequestState.PENDING and new != RescoreRequestState.PENDING
    if allowed:
        requests.set_request_state(head_request, new, actor=board_user, note="Xem xét")
        assert RescoreRequest.objects.get().state == new
    else:
        with pytest.raises(ValidationError):
            requests.set_request_state(head_request, new, actor=board_user, note="Xem xét")
        assert RescoreRequest.objects.get().state == old


def test_approval_refused_once_published(head_request, scoring_round, members, board_user):
    ClusterRound.objects.filter(pk=scoring_round.pk).update(state="published")
    with pytest.raises(ValidationError):
        requests.approve(head_request, actor=board_user)
    assert (RescoreRequest.objects.get().state, Score.objects.get(kind="board").points) == (
        "pending", D(30))


def test_publishing_needs_the_quorum_and_names_who_has_not_voted(scoring_round, members,
                                                                  admin_user):
    voting = domain.open_voting(scoring_round, actor=admin_user)
    domain.cast_vote(voting, actor=admin_user, voter_unit=members[0], candidate=members[1])
    with pytest.raises(ValidationError) as refused:
        domain.publish(voting, actor=admin_user)
    assert refused.value.messages == [
        "3 of the 3 member units must vote before publishing; not yet voted: Sở Tài chính, "
        "Sở Xây dựng."]
    assert [u.code for u in domain.not_voted(voting)] == ["SO-C", "SO-D"]
    ClusterRound.objects.filter(pk=voting.pk).update(ballot_quorum=D("0.667"))
    voting.refresh_from_db()
    domain.cast_vote(voting, actor=admin_user, voter_unit=members[1], candidate=members[1])
    assert (domain.votes_needed(voting), domain.publish(voting, actor=admin_user).state) == (
        2, "published")
