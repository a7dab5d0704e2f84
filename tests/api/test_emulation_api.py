"""Movements, criteria sets, cluster rounds (ranking and scores) and one cluster through the
API: the same scope as the pages, outsiders and other units refused."""

from decimal import Decimal

import pytest

from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.models import CriteriaSet
from tests.api.test_api import API, bearer
from tests.emulation.conftest import YEAR
from tests.emulation.movement_helpers import make_movement, make_registration


def _get(client, url, user):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en", **bearer(user))


# ---------------------------------------------------------------- movements

@pytest.fixture
def movement(dept_a, school_a):
    movement = make_movement(dept_a, [school_a], state="launched")
    make_registration(movement, school_a, state="submitted")
    return movement


def test_movement_list_and_detail_in_scope(client, officer_a, movement, school_a):
    listed = _get(client, f"{API}/movements", officer_a).json()
    detail = _get(client, f"{API}/movements/{movement.code}", officer_a).json()
    assert [(m["code"], m["state"], m["organiser"]) for m in listed["items"]] == [
        (movement.code, "launched", "SO-A")]
    assert (detail["participants"], detail["reviews"], detail["goals"]) == (
        [school_a.code], [], "Nâng cao chất lượng giáo dục.")


def test_movement_filters(client, officer_a, movement):
    assert _get(client, f"{API}/movements?state=closed", officer_a).json()["count"] == 0
    assert _get(client, f"{API}/movements?year=2025&kind=regular",
                officer_a).json()["count"] == 1
    assert _get(client, f"{API}/movements?year=2030", officer_a).json()["count"] == 0


def test_registrations_of_a_movement(client, officer_a, movement, school_a):
    body = _get(client, f"{API}/movements/{movement.code}/registrations", officer_a).json()
    assert [(r["unit"], r["state"], r["individuals"], r["collectives"])
            for r in body["items"]] == [(school_a.code, "submitted", 0, 0)]


def test_outsider_cannot_see_a_movement(client, outsider, movement):
    assert _get(client, f"{API}/movements", outsider).json()["count"] == 0
    response = _get(client, f"{API}/movements/{movement.code}", outsider)
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert _get(client, f"{API}/movements/{movement.code}/registrations",
                outsider).status_code == 404


def test_roles_without_movements_get_403(client, council_user, movement):
    assert _get(client, f"{API}/movements", council_user).status_code == 403


def test_movement_needs_credentials(client, movement):
    assert client.get(f"{API}/movements").status_code == 401


# ---------------------------------------------------------------- rounds and scores

@pytest.fixture
def scored(scoring_round, members, admin_user):
    """dept_a (members[2]: SO-A sorts last) scores itself, SO-C scores SO-A, board rescoring."""
    criterion = scoring_round.criteria_set.criteria.get(code="2.1")
    so_a = next(u for u in members if u.code == "SO-A")
    so_c = next(u for u in members if u.code == "SO-C")
    domain.self_assess(scoring_round, actor=admin_user, unit=so_a, criterion=criterion,
                       points=Decimal("3"), evidence_text="Báo cáo đúng hạn")
    domain.score_peer(scoring_round, actor=admin_user, scorer_unit=so_c, unit=so_a,
                      criterion=criterion, points=Decimal("2"))
    domain.rescore(scoring_round, actor=admin_user, unit=so_a, criterion=criterion,
                   points=Decimal("2.5"), reason="Đối chiếu hồ sơ")
    return scoring_round


def test_round_ranking_equals_the_round_page(client, board_user, scored):
    body = _get(client, f"{API}/cluster-rounds/{scored.public_id}", board_user).json()
    expected = [(r.unit.code, str(r.total), r.rank, r.grade) for r in domain.results(scored)]
    assert [(r["unit"], r["total"], r["rank"], r["grade"]) for r in body["ranking"]] == expected
    assert (body["ranking"][0]["unit"], body["ranking"][0]["rank"]) == ("SO-A", 1)
    assert (body["state"], body["cluster"], body["voted"]) == ("scoring", scored.cluster.code, 0)


def test_member_reads_the_ranking_but_not_who_scored_whom(client, officer_a, scored):
    assert _get(client, f"{API}/cluster-rounds", officer_a).json()["count"] == 1
    assert _get(client, f"{API}/cluster-rounds/{scored.public_id}",
                officer_a).status_code == 200
    response = _get(client, f"{API}/cluster-rounds/{scored.public_id}/scores", officer_a)
    assert (response.status_code, response.json()) == (
        403, {"detail": "You do not have permission for this."})


def test_board_reads_every_score(client, board_user, scored):
    body = _get(client, f"{API}/cluster-rounds/{scored.public_id}/scores?unit=SO-A",
                board_user).json()
    assert [(s["criterion"], s["kind"], s["scorer_unit"], s["points"], s["changes"])
            for s in body["items"]] == [
        ("2.1", "board", None, "2.50", 1), ("2.1", "peer", "SO-C", "2.00", 1),
        ("2.1", "self", "SO-A", "3.00", 1)]


def test_outsider_cannot_see_a_round(client, outsider, scored):
    assert _get(client, f"{API}/cluster-rounds", outsider).json()["count"] == 0
    for suffix in ("", "/scores"):
        assert _get(client, f"{API}/cluster-rounds/{scored.public_id}{suffix}",
                    outsider).status_code == 404


# ---------------------------------------------------------------- criteria sets

def test_criteria_sets_templates_and_used_sets(client, officer_a, outsider, scored):
    used = scored.criteria_set
    mine = {c["public_id"] for c in _get(client, f"{API}/criteria-sets?limit=100",
                                         officer_a).json()["items"]}
    theirs = {c["public_id"] for c in _get(client, f"{API}/criteria-sets?limit=100",
                                           outsider).json()["items"]}
    templates = {str(p) for p in CriteriaSet.objects.filter(is_template=True)
                 .values_list("public_id", flat=True)}
    assert (mine, theirs) == (templates | {str(used.public_id)}, templates)
    assert _get(client, f"{API}/criteria-sets/{used.public_id}", outsider).status_code == 404


def test_criteria_set_detail_has_the_tree(client, officer_a, scored):
    used = scored.criteria_set
    body = _get(client, f"{API}/criteria-sets/{used.public_id}", officer_a).json()
    assert [(c["code"], c["parent"]) for c in body["criteria"]] == [
        (c.code, c.parent.code if c.parent_id else None) for c in used.criteria.all()]
    assert body["thresholds"] == used.thresholds


# ---------------------------------------------------------------- one cluster

def test_cluster_detail(client, board_user, outsider, scored):
    code = scored.cluster.code
    body = _get(client, f"{API}/clusters/{code}?year={YEAR}", board_user).json()
    assert [(m["unit_code"], m["role"]) for m in body["members"]] == [
        ("SO-A", "head"), ("SO-C", "deputy"), ("SO-D", "member")]
    assert [r["public_id"] for r in body["rounds"]] == [str(scored.public_id)]
    # Clusters are readable by every role (as on the clusters page); rounds follow the scope.
    assert _get(client, f"{API}/clusters/{code}", outsider).json()["rounds"] == []
    assert _get(client, f"{API}/clusters/NO-SUCH", board_user).status_code == 404
    assert client.get(f"{API}/clusters/{code}").status_code == 401


def test_list_endpoints_query_count(client, board_user, dept_a, school_a, scored,
                                    django_assert_max_num_queries):
    for n in range(5):
        make_movement(dept_a, [school_a], name=f"Phong trào {n}")
    headers = bearer(board_user)
    for url in (f"{API}/movements", f"{API}/cluster-rounds", f"{API}/criteria-sets",
                f"{API}/cluster-rounds/{scored.public_id}/scores"):
        with django_assert_max_num_queries(8):
            assert client.get(url, **headers).status_code == 200


@pytest.mark.parametrize("path", ["/movements", "/criteria-sets", "/cluster-rounds",
                                  "/ledger/export", "/statistics/fairness"])
def test_out_of_range_year_is_a_422(client, board_user, path):
    name = "year_from" if "statistics" in path else "year"
    response = _get(client, f"{API}{path}?{name}=99999999999999999999", board_user)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request: query.")
