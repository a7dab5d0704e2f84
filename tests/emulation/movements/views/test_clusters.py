"""Cluster-round pages for every persona, the flow through them, and the ranking page's queries."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.models import ClusterRound, RoundBallot, Score, ScoreChange
from organisations.models import ClusterMembership
from tests.factories import UnitFactory

PERSONAS = ["admin_user", "board_user", "head_user", "officer_a", "outsider", "council_user"]
VIEW = {"admin_user": 200, "board_user": 200, "head_user": 200, "officer_a": 200,
        "outsider": 404, "council_user": 404}
MANAGE = VIEW | {"officer_a": 403}
# A unit scores and votes through its own officer, and the head unit also through the cluster
# head (issue 18.5): the admin and the board act for no unit by their office.
TAKE_PART = VIEW | {"admin_user": 403, "board_user": 403}
OPEN = {"admin_user": 200, "board_user": 200, "head_user": 200, "officer_a": 403,
        "outsider": 403, "council_user": 403}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def url(name, cluster_round, *args):
    return reverse(f"emulation:{name}", args=[cluster_round.public_id, *args])


def in_state(cluster_round, state):
    ClusterRound.objects.filter(pk=cluster_round.pk).update(state=state)
    cluster_round.refresh_from_db()
    return cluster_round


STEP_PERMS = ("sign_pact", "open_voting", "publish_round")


@pytest.mark.parametrize(("state", "steps"), [
    ("draft", ["sign_pact"]), ("scoring", ["open_voting"]), ("voting", ["publish_round"]),
    ("published", [])])
def test_round_page_offers_the_steps_of_the_table(client_for, new_round, head_user, officer_a,
                                                  state, steps):
    in_state(new_round, state)
    for user, expected in ((head_user, steps), (officer_a, [])):  # officer_a takes part only
        perms = client_for(user).get(url("round_detail", new_round)).context["perms"]
        assert [name for name in STEP_PERMS if perms.get(name)] == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_list(client_for, request, scoring_round, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse("emulation:round_list"))
    expected = 403 if persona == "council_user" else 200
    assert response.status_code == expected
    if expected == 200:
        names = [r.cluster.name for r in response.context["rounds"]]
        assert names == ([] if persona == "outsider" else ["Cụm thi đua các sở"])


@pytest.mark.parametrize(("page", "state", "expected"), [
    ("round_detail", "scoring", VIEW), ("round_minutes", "published", VIEW),
    ("round_pact", "draft", MANAGE), ("round_rescore", "scoring", MANAGE),
    ("round_score", "scoring", TAKE_PART), ("round_vote", "voting", TAKE_PART)])
@pytest.mark.parametrize("persona", PERSONAS)
def test_round_pages(client_for, request, new_round, head_user, page, state, expected, persona):
    in_state(new_round, state)
    response = client_for(request.getfixturevalue(persona)).get(url(page, new_round))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("page", ["round_create", "criteria_copy"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_open_pages(client_for, request, cluster, head_user, page, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse(f"emulation:{page}"))
    assert response.status_code == OPEN[persona]


@pytest.mark.parametrize("page", ["round_list", "round_create", "criteria_copy"])
def test_anonymous_redirected(client, page):
    response = client.get(reverse(f"emulation:{page}"))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_anonymous_detail_redirected(client, scoring_round):
    assert client.get(url("round_detail", scoring_round)).status_code == 302


@pytest.mark.parametrize("state", ["draft", "scoring", "voting", "published"])
@pytest.mark.parametrize("action", ["open_voting", "publish"])
def test_transitions_by_state(client_for, board_user, new_round, members, state, action):
    in_state(new_round, state)
    if state == "voting":  # the ballots the cluster's rules need (all members by default)
        for voter in members:
            domain.cast_vote(new_round, actor=board_user, voter_unit=voter, candidate=voter)
    response = client_for(board_user).post(url("round_transition", new_round, action))
    allowed = (action, state) in {("open_voting", "scoring"), ("publish", "voting")}
    assert response.status_code == (302 if allowed else 403)
    new_round.refresh_from_db()
    if allowed:
        assert new_round.state == {"open_voting": "voting", "publish": "published"}[action]
    else:
        assert new_round.state == state


@pytest.mark.parametrize("persona", ["officer_a", "outsider", "council_user"])
def test_transition_refused(client_for, request, scoring_round, persona):
    response = client_for(request.getfixturevalue(persona)).post(
        url("round_transition", scoring_round, "open_voting"))
    assert response.status_code == {"officer_a": 403}.get(persona, 404)
    scoring_round.refresh_from_db()
    assert scoring_round.state == "scoring"


def test_open_round_and_pact_through_pages(client_for, head_user, cluster, year_set):
    client = client_for(head_user)
    response = client.post(reverse("emulation:round_create"), {
        "cluster": cluster.pk, "year": 2025, "criteria_set": year_set.pk, "vote_share": "0.5"})
    cluster_round = ClusterRound.objects.get()
    assert response["Location"] == url("round_detail", cluster_round)
    client.post(url("round_pact", cluster_round), {"pact_date": "2025-02-01",
                                                   "pact_text": "Giao ước năm 2025"})
    cluster_round.refresh_from_db()
    assert (cluster_round.state, cluster_round.pact_text) == ("scoring", "Giao ước năm 2025")


def test_full_flow(client, officer_a, board_user, scoring_round, members):
    # One test client: whoever logged in last is the one acting.
    officer = board = client
    client.force_login(officer_a)
    response = officer.post(url("round_score", scoring_round), {
        "scorer_unit": "SO-A", "unit": "SO-A", "criterion": "2.3", "points": "9",
        "evidence_text": "Tổ chức 3 phong trào thi đua"})
    assert response.status_code == 302
    response = officer.post(url("round_score", scoring_round), {
        "scorer_unit": "SO-A", "unit": "SO-C", "criterion": "2.3", "points": "7"})
    assert list(Score.objects.order_by("id").values_list(
        "kind", "unit__code", "scorer_unit__code", "points")) == [
        ("self", "SO-A", "SO-A", D(9)), ("peer", "SO-C", "SO-A", D(7))]
    client.force_login(board_user)
    response = board.post(url("round_rescore", scoring_round), {
        "unit": "SO-A", "criterion": "2.2", "points": "8", "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    board.post(url("round_rescore", scoring_round), {
        "unit": "SO-A", "criterion": "2.2", "points": "8", "reason": "Thiếu 1 kỳ báo cáo"})
    assert ScoreChange.objects.filter(reason="Thiếu 1 kỳ báo cáo").count() == 1
    board.post(url("round_transition", scoring_round, "open_voting"))
    client.force_login(officer_a)
    officer.post(url("round_vote", scoring_round), {"voter_unit": "SO-A", "candidate": "SO-A"})
    again = officer.post(url("round_vote", scoring_round),
                         {"voter_unit": "SO-A", "candidate": "SO-C"})
    assert again.status_code == 200
    assert RoundBallot.objects.count() == 1
    client.force_login(board_user)
    board.post(url("round_transition", scoring_round, "publish"))
    page = board.get(url("round_detail", scoring_round))
    assert [(r["row"].unit.code, r["row"].total, r["row"].rank, r["leads"])
            for r in page.context["rows"]] == [
        # 2.2 is system-fed: the board's 8 for SO-A, the full 10 for the others (no report due).
        ("SO-A", D("17.00"), 1, False), ("SO-C", D("17.00"), 1, False),
        ("SO-D", D("10.00"), 3, False)]
    minutes = board.get(url("round_minutes", scoring_round))
    assert minutes["Content-Type"].endswith("wordprocessingml.document")
    assert minutes.content[:2] == b"PK"


def test_leader_gets_proposal_link(client_for, board_user, scoring_round, members, admin_user):
    voting = domain.open_voting(scoring_round, actor=admin_user)
    for voter in members[:2]:
        domain.cast_vote(voting, actor=admin_user, voter_unit=voter, candidate=members[2])
    domain.cast_vote(voting, actor=admin_user, voter_unit=members[2], candidate=members[0])
    domain.publish(voting, actor=admin_user)
    page = client_for(board_user).get(url("round_detail", scoring_round))
    assert page.context["leaders"] == [
        (members[2], "/proposals/new/?award=co_thi_dua_tinh&unit=SO-D")]
    assert b"/proposals/new/?award=co_thi_dua_tinh&amp;unit=SO-D" in page.content


def test_ranking_page_query_count(client_for, board_user, scoring_round, admin_user, province,
                                  django_assert_max_num_queries):
    for n in range(20):
        unit = UnitFactory(code=f"M{n:02d}", parent=province)
        ClusterMembership.objects.create(cluster=scoring_round.cluster, year=2025, unit=unit)
    for unit in domain.member_units(scoring_round):
        domain.rescore(scoring_round, actor=admin_user, unit=unit,
                       criterion=scoring_round.criteria_set.criteria.get(code="1.1"),
                       points=30, reason="Chấm")
    client = client_for(board_user)
    # One more than before the re-score requests' table (one query, whatever their number).
    with django_assert_max_num_queries(23):
        response = client.get(url("round_detail", scoring_round))
    assert len(response.context["rows"]) == 23


def test_pact_date_shown(client_for, officer_a, scoring_round):
    page = client_for(officer_a).get(url("round_detail", scoring_round))
    assert scoring_round.pact_date == datetime.date(2025, 2, 1)
    assert b"01/02/2025" in page.content


def test_ballot_secret_until_published(client_for, board_user, scoring_round, members,
                                       admin_user):
    voting = domain.open_voting(scoring_round, actor=admin_user)
    for voter in members[:2]:
        domain.cast_vote(voting, actor=admin_user, voter_unit=voter, candidate=members[2])
    page = client_for(board_user).get(url("round_detail", scoring_round))
    assert [(r["votes"], r["leads"]) for r in page.context["rows"]] == [(0, False)] * 3
    assert page.context["leaders"] == []
    assert b"Leading unit" not in page.content
