"""Cluster rounds: pact, self/peer/board scores with history, ballot, publication, ranking."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.domain import criteria
from emulation.movements.enums import RoundState
from emulation.movements.models import (
    ClusterRound,
    CriteriaSet,
    RoundBallot,
    RoundVoteReceipt,
    Score,
    ScoreChange,
)


def leaf(cluster_round, code):
    return cluster_round.criteria_set.criteria.get(code=code)


def to_state(cluster_round, state, actor):
    ClusterRound.objects.filter(pk=cluster_round.pk).update(state=state)
    cluster_round.refresh_from_db()
    return cluster_round


def test_template_seeded_with_builtin_criteria(db):
    template = CriteriaSet.objects.get(name=criteria.TEMPLATE_NAME, is_template=True)
    names = set(template.criteria.values_list("name", flat=True))
    assert "Trách nhiệm của người đứng đầu trong công tác thi đua, khen thưởng" in names
    assert "Thực hiện chế độ thông tin, báo cáo đúng hạn" in names


def test_copy_keeps_tree_and_thresholds(year_set):
    template = year_set.copied_from
    assert year_set.is_template is False and year_set.year == 2025
    assert list(year_set.criteria.values_list("code", "parent__code", "max_points")) == list(
        template.criteria.values_list("code", "parent__code", "max_points"))
    assert year_set.thresholds == template.thresholds


def test_template_cannot_be_used_directly(cluster, admin_user):
    template = CriteriaSet.objects.get(is_template=True, name=criteria.TEMPLATE_NAME)
    with pytest.raises(ValidationError):
        domain.open_round(actor=admin_user, cluster=cluster, year=2025, criteria_set=template)


@pytest.mark.parametrize("state", list(RoundState))
def test_sign_pact_only_from_draft(new_round, admin_user, state):
    to_state(new_round, state, admin_user)
    call = lambda: domain.sign_pact(new_round, actor=admin_user,  # noqa: E731
                                    pact_date=datetime.date(2025, 2, 1), pact_text="Giao ước")
    if state == RoundState.DRAFT:
        assert call().state == RoundState.SCORING
    else:
        with pytest.raises(ValidationError):
            call()


def test_the_round_table_allows_what_the_functions_always_did():
    assert domain.ROUND.graph() == {"draft": {"scoring"}, "scoring": {"voting"},
                                    "voting": {"published"}, "published": frozenset()}


def test_a_refused_step_names_the_rounds_state(new_round, admin_user):
    with pytest.raises(ValidationError) as error:
        domain.open_voting(new_round, actor=admin_user)
    assert error.value.messages == ["The round is Pact being prepared; this cannot be done now."]


def test_signing_the_pact_audits_the_state_old_to_new(new_round, admin_user, province):
    domain.sign_pact(new_round, actor=admin_user, pact_date=datetime.date(2025, 2, 1),
                     pact_text="Giao ước")
    entry = AuditEntry.objects.get(action="emulation.cluster_round.sign_pact")
    assert (entry.changes, entry.unit_id) == ({"state": ["draft", "scoring"]}, province.pk)


@pytest.mark.parametrize("state", list(RoundState))
def test_scores_only_while_scoring(new_round, members, admin_user, state):
    to_state(new_round, state, admin_user)
    crit = leaf(new_round, "2.3")
    if state == RoundState.SCORING:
        domain.score_peer(new_round, actor=admin_user, scorer_unit=members[1], unit=members[0],
                          criterion=crit, points=8)
        assert Score.objects.get(kind="peer").points == D(8)
    else:
        with pytest.raises(ValidationError):
            domain.score_peer(new_round, actor=admin_user, scorer_unit=members[1],
                              unit=members[0], criterion=crit, points=8)


@pytest.mark.parametrize("state", list(RoundState))
def test_rescore_until_published(new_round, members, admin_user, state):
    to_state(new_round, state, admin_user)
    call = lambda: domain.rescore(new_round, actor=admin_user, unit=members[0],  # noqa: E731
                                  criterion=leaf(new_round, "1.1"), points=30, reason="Sai số")
    if state in (RoundState.SCORING, RoundState.VOTING):
        assert call().points == D(30)
    else:
        with pytest.raises(ValidationError):
            call()


@pytest.mark.parametrize(("state", "to"), [
    ("draft", None), ("scoring", "voting"), ("voting", None), ("published", None)])
def test_open_voting(new_round, admin_user, state, to):
    to_state(new_round, state, admin_user)
    if to:
        assert domain.open_voting(new_round, actor=admin_user).state == to
    else:
        with pytest.raises(ValidationError):
            domain.open_voting(new_round, actor=admin_user)


@pytest.mark.parametrize(("state", "to"), [
    ("draft", None), ("scoring", None), ("voting", "published"), ("published", None)])
def test_publish(new_round, members, admin_user, state, to):
    to_state(new_round, state, admin_user)
    if state == "voting":  # every member's ballot: the default rules of a cluster
        for voter in members:
            domain.cast_vote(new_round, actor=admin_user, voter_unit=voter, candidate=voter)
    if to:
        assert domain.publish(new_round, actor=admin_user).state == to
    else:
        with pytest.raises(ValidationError):
            domain.publish(new_round, actor=admin_user)


def test_unit_never_scores_itself(scoring_round, members, officer_a):
    with pytest.raises(ValidationError, match="cannot score itself"):
        domain.score_peer(scoring_round, actor=officer_a, scorer_unit=members[0],
                          unit=members[0], criterion=leaf(scoring_round, "1.1"), points=10)


def test_outsider_unit_cannot_score(scoring_round, members, dept_b, outsider):
    with pytest.raises(ValidationError, match="not a member"):
        domain.score_peer(scoring_round, actor=outsider, scorer_unit=dept_b, unit=members[0],
                          criterion=leaf(scoring_round, "1.1"), points=10)


def test_self_assessment_needs_evidence_and_bounds(scoring_round, members, officer_a):
    crit = leaf(scoring_round, "2.1")
    with pytest.raises(ValidationError, match="needs evidence"):
        domain.self_assess(scoring_round, actor=officer_a, unit=members[0], criterion=crit,
                           points=10)
    with pytest.raises(ValidationError, match="between 0 and 15"):
        domain.self_assess(scoring_round, actor=officer_a, unit=members[0], criterion=crit,
                           points=16, evidence_text="Báo cáo số 12")
    score = domain.self_assess(scoring_round, actor=officer_a, unit=members[0], criterion=crit,
                               points=14, evidence_text="Báo cáo số 12")
    assert (score.kind, score.scorer_unit, score.evidence_text) == (
        "self", members[0], "Báo cáo số 12")


def test_group_criterion_is_not_scored(scoring_round, members, officer_a):
    with pytest.raises(ValidationError, match="not a scored line"):
        domain.self_assess(scoring_round, actor=officer_a, unit=members[0],
                           criterion=leaf(scoring_round, "2"), points=10, evidence_text="x")


def test_every_change_kept_with_reason(scoring_round, members, head_user, officer_a):
    # members[1] (the deputy): the head re-scores a unit other than its own.
    crit = leaf(scoring_round, "1.1")
    domain.self_assess(scoring_round, actor=officer_a, unit=members[1], criterion=crit,
                       points=40, evidence_text="Báo cáo tổng kết")
    domain.rescore(scoring_round, actor=head_user, unit=members[1], criterion=crit, points=35,
                   reason="Chưa hoàn thành chỉ tiêu 3")
    domain.rescore(scoring_round, actor=head_user, unit=members[1], criterion=crit, points=36,
                   reason="Bổ sung minh chứng")
    with pytest.raises(ValidationError, match="reason"):
        domain.rescore(scoring_round, actor=head_user, unit=members[1], criterion=crit,
                       points=30, reason=" ")
    assert list(ScoreChange.objects.values_list("old", "new", "reason", "actor__username")) == [
        (None, D(40), "", "officer_a"),
        (D(40), D(35), "Chưa hoàn thành chỉ tiêu 3", "cluster_head"),
        (D(35), D(36), "Bổ sung minh chứng", "cluster_head")]


def test_first_rescore_replaces_the_mean_of_peers(scoring_round, members, head_user, officer_a):
    crit = leaf(scoring_round, "1.2")
    for scorer, points in ((members[0], 10), (members[2], 15)):
        domain.score_peer(scoring_round, actor=officer_a, scorer_unit=scorer, unit=members[1],
                          criterion=crit, points=points)
    domain.rescore(scoring_round, actor=head_user, unit=members[1], criterion=crit, points=12,
                   reason="Thống nhất của cụm")
    assert ScoreChange.objects.values_list("old", "new").last() == (D("12.5"), D(12))


def test_results_rank_ties_and_grades(scoring_round, members, admin_user):
    full = {"1.1": 40, "1.2": 20, "2.1": 15, "2.2": 10, "2.3": 15}
    for unit, drop in ((members[0], 0), (members[1], 15), (members[2], 15)):
        for code, points in full.items():
            points = points - drop if code == "1.1" else points
            domain.rescore(scoring_round, actor=admin_user, unit=unit,
                           criterion=leaf(scoring_round, code), points=points, reason="Chấm")
    domain.rescore(scoring_round, actor=admin_user, unit=members[0],
                   criterion=leaf(scoring_round, "4"), points=2, reason="Chậm báo cáo")
    rows = domain.results(scoring_round)
    assert [(r.unit.code, r.total, r.rank, r.grade) for r in rows] == [
        ("SO-A", D("98.00"), 1, "xuat_sac"), ("SO-C", D("85.00"), 2, "tot"),
        ("SO-D", D("85.00"), 2, "tot")]


def test_peer_mean_used_without_board_score(scoring_round, members, admin_user):
    crit = leaf(scoring_round, "1.1")
    domain.self_assess(scoring_round, actor=admin_user, unit=members[0], criterion=crit,
                       points=40, evidence_text="x")
    for scorer, points in ((members[1], 30), (members[2], 35)):
        domain.score_peer(scoring_round, actor=admin_user, scorer_unit=scorer, unit=members[0],
                          criterion=crit, points=points)
    # 32.50 for 1.1, plus the full 10 of the system-fed 2.2: no report was due from the unit.
    assert domain.results(scoring_round)[0].total == D("42.50")


def test_secret_ballot_one_vote_per_unit(scoring_round, members, admin_user):
    voting = domain.open_voting(scoring_round, actor=admin_user)
    domain.cast_vote(voting, actor=admin_user, voter_unit=members[0], candidate=members[1])
    domain.cast_vote(voting, actor=admin_user, voter_unit=members[1], candidate=members[1])
    with pytest.raises(ValidationError, match="already voted"):
        domain.cast_vote(voting, actor=admin_user, voter_unit=members[0], candidate=members[2])
    assert RoundVoteReceipt.objects.count() == 2
    assert not [f.name for f in RoundBallot._meta.get_fields() if "voter" in f.name]
    counts, leaders = domain.tally(voting)
    assert counts == {members[1].pk: 2}
    assert leaders == [members[1].pk]  # 2 of 3 > 50 %


def test_tally_needs_the_share(scoring_round, members, admin_user):
    voting = domain.open_voting(scoring_round, actor=admin_user)
    domain.cast_vote(voting, actor=admin_user, voter_unit=members[0], candidate=members[1])
    assert domain.tally(voting)[1] == []  # 1 of 3 is not more than half
