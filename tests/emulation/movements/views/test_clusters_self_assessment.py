"""Cluster work as the cluster head does it (issue 18.5): the head scores and votes for its own
unit like every member; a unit self-assesses the whole criteria set on one page, with the
decimal comma Vietnamese users type."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.domain.self_assessment import own_scores
from emulation.movements.models import RoundVoteReceipt
from tests.emulation.movements.views.test_clusters import url


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def _leaves(cluster_round):
    from emulation.movements.domain import feeds
    from emulation.movements.domain.criteria import active, leaves

    return [c for c in leaves(active(cluster_round.criteria_set)) if not feeds.is_fed(c)]


def test_whole_set_on_one_page_with_the_decimal_comma(client_for, officer_a, scoring_round,
                                                      members):
    first, second = _leaves(scoring_round)[:2]
    client = client_for(officer_a)
    page = client.get(url("round_self_assess", scoring_round))
    assert [c.pk for c, _p, _e in page.context["form"].rows()] == [
        c.pk for c in _leaves(scoring_round)]
    half = str(first.max_points - D("0.5")).replace(".", ",")
    response = client.post(url("round_self_assess", scoring_round), {
        f"points_{first.pk}": half, f"evidence_{first.pk}": "Báo cáo số 12/BC",
        f"points_{second.pk}": "1,25", f"evidence_{second.pk}": "Kế hoạch số 3/KH"})
    assert response.status_code == 302
    scores = own_scores(scoring_round, members[0])
    assert {k: v.points for k, v in scores.items()} == {
        first.pk: first.max_points - D("0.5"), second.pk: D("1.25")}


def test_a_line_over_its_maximum_names_the_criterion_and_saves_nothing(client_for, officer_a,
                                                                       scoring_round, members):
    first, second = _leaves(scoring_round)[:2]
    response = client_for(officer_a).post(url("round_self_assess", scoring_round), {
        f"points_{first.pk}": "1", f"evidence_{first.pk}": "Có",
        f"points_{second.pk}": str(second.max_points + 1), f"evidence_{second.pk}": "Có"})
    assert response.status_code == 200
    assert response.context["form"].errors == {f"points_{second.pk}": [
        f"Ensure this value is less than or equal to {second.max_points}."]}
    assert own_scores(scoring_round, members[0]) == {}


def test_the_cluster_head_self_assesses_its_own_unit(client_for, head_user, scoring_round,
                                                     members):
    first = _leaves(scoring_round)[0]
    response = client_for(head_user).post(url("round_self_assess", scoring_round), {
        f"points_{first.pk}": "2,5", f"evidence_{first.pk}": "Báo cáo tổng kết"})
    assert response.status_code == 302
    assert own_scores(scoring_round, members[0])[first.pk].points == D("2.5")


def test_the_cluster_head_votes_for_its_own_unit(client_for, head_user, board_user,
                                                 scoring_round, members):
    domain.open_voting(scoring_round, actor=board_user)
    response = client_for(head_user).post(url("round_vote", scoring_round), {
        "voter_unit": members[0].code, "candidate": members[1].code})
    assert response.status_code == 302
    assert list(RoundVoteReceipt.objects.values_list("voter_unit__code", flat=True)) == [
        members[0].code]


def test_the_head_still_cannot_act_for_another_member(client_for, head_user, board_user,
                                                      scoring_round, members):
    domain.open_voting(scoring_round, actor=board_user)
    response = client_for(head_user).post(url("round_vote", scoring_round), {
        "voter_unit": members[1].code, "candidate": members[0].code})
    assert response.status_code == 200 and RoundVoteReceipt.objects.count() == 0


@pytest.mark.parametrize(("persona", "status"), [
    ("officer_a", 200), ("head_user", 200), ("board_user", 403), ("outsider", 404)])
def test_self_assessment_page_by_persona(client_for, request, scoring_round, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("emulation:round_self_assess", args=[scoring_round.public_id]))
    assert response.status_code == status
