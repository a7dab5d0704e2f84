"""The vote for the cluster's leading unit is secret until the results are published: no count
and no leader on the page, in the API or in the minutes while units vote (issue 13)."""

import io
from decimal import Decimal as D

import docx
import pytest
from django.urls import reverse

from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.models import ClusterRound
from tests.api.test_api import API, bearer

PERSONAS = ["board_user", "head_user", "officer_a"]


@pytest.fixture
def voting(scoring_round, members, admin_user):
    """Two of three member units voted, both for SO-C (a leader once published); this
    cluster's rules need two thirds of the members' ballots to publish."""
    so_c = next(u for u in members if u.code == "SO-C")
    ClusterRound.objects.filter(pk=scoring_round.pk).update(ballot_quorum=D("0.667"))
    scoring_round.refresh_from_db()
    voting = domain.open_voting(scoring_round, actor=admin_user)
    for voter in members[:2]:
        domain.cast_vote(voting, actor=admin_user, voter_unit=voter, candidate=so_c)
    return voting


def _ranking(client, user, cluster_round):
    response = client.get(f"{API}/cluster-rounds/{cluster_round.public_id}",
                          HTTP_ACCEPT_LANGUAGE="en", **bearer(user))
    assert response.status_code == 200
    body = response.json()
    return body["voted"], {(r["unit"], r["votes"], r["leads"]) for r in body["ranking"]}


def _minutes_votes(client, cluster_round) -> list[str]:
    response = client.get(reverse("emulation:round_minutes", args=[cluster_round.public_id]))
    table = next(t for t in docx.Document(io.BytesIO(response.content)).tables
                 if "Số phiếu suy tôn" in [c.text for c in t.rows[0].cells])
    return [row.cells[5].text for row in table.rows[1:]]


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_gives_no_count_while_voting(client, request, voting, head_user, persona):
    voted, ranking = _ranking(client, request.getfixturevalue(persona), voting)
    assert (voted, ranking) == (2, {("SO-A", None, None), ("SO-C", None, None),
                                    ("SO-D", None, None)})


def test_api_gives_counts_once_published(client, voting, admin_user, board_user):
    published = domain.publish(voting, actor=admin_user)
    assert _ranking(client, board_user, published) == (2, {
        ("SO-A", 0, False), ("SO-C", 2, True), ("SO-D", 0, False)})


@pytest.mark.parametrize("persona", PERSONAS)
def test_page_gives_no_count_while_voting(client_for, request, voting, head_user, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("emulation:round_detail", args=[voting.public_id]))
    assert [(r["votes"], r["leads"]) for r in response.context["rows"]] == [(0, False)] * 3
    assert (response.context["leaders"], response.context["voted"]) == ([], 2)


def test_minutes_give_no_count_while_voting(client_for, voting, board_user):
    assert _minutes_votes(client_for(board_user), voting) == ["—", "—", "—"]


def test_minutes_give_counts_once_published(client_for, voting, admin_user, board_user):
    published = domain.publish(voting, actor=admin_user)
    assert sorted(_minutes_votes(client_for(board_user), published)) == ["0", "0", "2"]


def test_outsider_cannot_read_the_round(client, client_for, voting, outsider):
    page = client_for(outsider).get(reverse("emulation:round_detail", args=[voting.public_id]))
    api = client.get(f"{API}/cluster-rounds/{voting.public_id}", **bearer(outsider))
    assert (page.status_code, api.status_code) == (404, 404)
