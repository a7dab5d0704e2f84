"""Board dashboard, movements, cluster rounds, awards by unit and the ten-year trend: figures
equal the same figures counted one by one in the test from the rows themselves."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import AwardRecord
from emulation.movements.domain import cluster_rounds, criteria
from emulation.movements.enums import MovementKind, MovementState, RegistrationState
from emulation.movements.models import CriteriaSet, Movement, Registration, RoundBallot
from organisations.models import ClusterMembership, UnitClosure
from tests.emulation.movement_helpers import make_movement, make_registration
from tests.factories import ClusterFactory, UnitFactory
from tests.reports.helpers import build_province

pytestmark = pytest.mark.django_db

YEAR = 2025
URL = f"{reverse('reports:dashboard')}?year={YEAR}"


def movements(province, dept_a, school_a, dept_b):
    """A launched movement of dept_a's subtree with one approved and one submitted
    registration; a draft, a stopped and a closed one; one that ended before YEAR."""
    running = make_movement(province, [dept_a], state="launched")
    make_registration(running, dept_a, state="approved")
    make_registration(running, school_a, state="submitted")
    make_movement(province, [dept_b], state="draft", kind="thematic", name="Chuyên đề")
    make_movement(province, [dept_b], state="stopped", kind="periodic", name="Đợt")
    make_movement(dept_a, [school_a], state="closed", name="Trường học thân thiện")
    old = make_movement(province, [province], state="launched", name="Phong trào cũ")
    # Fixture only: a movement of 2023, outside the year shown.
    Movement.objects.filter(pk=old.pk).update(start_date=datetime.date(2023, 1, 1),
                                              end_date=datetime.date(2023, 12, 31))
    return running


def published_round(province, dept_a, admin_user):
    """A cluster of three departments whose round is scored, voted (two votes for dept_a) and
    published."""
    cluster = ClusterFactory(managing_unit=province, name="Cụm thi đua các sở")
    members = [dept_a, UnitFactory(code="SO-C", name="Sở Tài chính", parent=province),
               UnitFactory(code="SO-D", name="Sở Xây dựng", parent=province)]
    for unit in members:
        ClusterMembership.objects.create(cluster=cluster, year=YEAR, unit=unit, role="member")
    template = CriteriaSet.objects.get(name=criteria.TEMPLATE_NAME, is_template=True)
    year_set = criteria.copy_criteria_set(template, actor=admin_user, name="Tiêu chí 2025",
                                          year=YEAR)
    rnd = cluster_rounds.open_round(actor=admin_user, cluster=cluster, year=YEAR,
                                    criteria_set=year_set)
    rnd = cluster_rounds.sign_pact(rnd, actor=admin_user, pact_date=datetime.date(YEAR, 2, 1),
                                   pact_text="Giao ước thi đua năm 2025")
    leaf = year_set.criteria.get(code="1.1")
    for unit, points in zip(members, (10, 6, 2), strict=True):
        cluster_rounds.rescore(rnd, actor=admin_user, unit=unit, criterion=leaf,
                               points=points, reason="Kiểm tra hồ sơ")
    rnd = cluster_rounds.open_voting(rnd, actor=admin_user)
    for voter, candidate in ((members[0], members[1]), (members[1], dept_a),
                             (members[2], dept_a)):
        cluster_rounds.cast_vote(rnd, actor=admin_user, voter_unit=voter, candidate=candidate)
    return cluster_rounds.publish(rnd, actor=admin_user), members


def _get(client_for, user, url=URL):
    client = client_for(user)
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_movement_figures_equal_the_rows(client_for, board_user, province, dept_a, school_a,
                                         dept_b):
    running = movements(province, dept_a, school_a, dept_b)
    data = _get(client_for, board_user).context
    expected = {k: dict.fromkeys(MovementState.values, 0) for k in MovementKind.values}
    for movement in Movement.objects.all():
        if movement.start_date.year <= YEAR and (movement.end_date is None
                                                 or movement.end_date.year >= YEAR):
            expected[movement.kind][movement.state] += 1
    kinds = dict(MovementKind.choices)
    assert data["movements"] == [(kinds[k], list(v.values())) for k, v in expected.items()]
    assert expected["regular"] == {"draft": 0, "launched": 1, "mid_reviewed": 0,
                                   "closed": 1, "stopped": 0}
    running_row = next(r for r in data["movement_progress"] if r["code"] == running.code)
    roots = running.participants.values("id")
    states = Counter(Registration.objects.filter(movement=running, year=YEAR)
                     .values_list("state", flat=True))
    assert {k: running_row[k] for k in ("participating", "submitted", "approved")} == {
        "participating": UnitClosure.objects.filter(ancestor__in=roots)
        .values("descendant").distinct().count(),
        "submitted": states[RegistrationState.SUBMITTED],
        "approved": states[RegistrationState.APPROVED]}
    assert (running_row["participating"], running_row["submitted"],
            running_row["approved"]) == (2, 1, 1)
    # Drafts, stopped movements and the 2023 movement have no progress row.
    assert sorted(r["code"] for r in data["movement_progress"]) == sorted(
        Movement.objects.filter(state__in=("launched", "closed"), start_date__year=YEAR)
        .values_list("code", flat=True))


def test_published_round_shows_leaders_and_average(client_for, board_user, admin_user,
                                                   province, dept_a):
    rnd, members = published_round(province, dept_a, admin_user)
    data = _get(client_for, board_user).context
    votes = Counter(RoundBallot.objects.filter(round=rnd).values_list("candidate_id", flat=True))
    top = max(votes.values())
    leaders = [u.name for u in members if votes[u.pk] == top and top > len(members) / 2]
    totals = [row.total for row in cluster_rounds.results(rnd)]
    assert data["rounds"] == [{
        "public_id": rnd.public_id, "cluster": "Cụm thi đua các sở", "year": YEAR,
        "state": "Published", "leaders": leaders, "members": 3,
        "average_total": (sum(totals, Decimal(0)) / 3).quantize(Decimal("0.01"))}]
    assert leaders == [dept_a.name]


def test_round_not_published_shows_only_its_state(client_for, board_user, admin_user,
                                                  province, dept_a):
    rnd, _members = published_round(province, dept_a, admin_user)
    type(rnd).objects.filter(pk=rnd.pk).update(state="voting")  # fixture only
    row = _get(client_for, board_user).context["rounds"][0]
    assert (row["state"], row["leaders"], row["average_total"]) == ("Voting", [], None)


def test_awards_by_unit_and_trend_equal_the_ledger(client_for, board_user, province, dept_a,
                                                   school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    response = _get(client_for, board_user)
    data = response.context
    expected = []
    for child in province.children.all():
        subtree = set(UnitClosure.objects.filter(ancestor=child)
                      .values_list("descendant_id", flat=True))
        mine = [r for r in AwardRecord.objects.filter(revoked=False) if r.unit_id in subtree]
        five = sum(1 for r in mine if YEAR - 5 <= r.year <= YEAR - 1)
        if five:
            expected.append({"code": child.code, "name": child.name, "five_years": five,
                             "last_year": sum(1 for r in mine if r.year == YEAR - 1)})
    expected.sort(key=lambda row: (-row["five_years"], row["code"]))
    assert data["by_unit"] == expected
    assert [(r["code"], r["last_year"], r["five_years"]) for r in expected] == [
        ("SO-A", 1, 4), ("SO-B", 0, 2)]
    trend = dict.fromkeys(range(YEAR - 9, YEAR + 1), 0)
    for record in AwardRecord.objects.filter(revoked=False):
        trend[record.year] += 1
    assert data["trend"] == trend
    assert "Awards per year" in response.content.decode()


def test_awards_by_unit_of_a_narrowed_unit(client_for, board_user, province, dept_a, school_a,
                                           dept_b):
    build_province(province, dept_a, school_a, dept_b)
    data = _get(client_for, board_user, f"{URL}&unit={dept_a.code}").context
    assert data["by_unit"] == [{"code": "TRUONG-A", "name": school_a.name, "last_year": 0,
                                "five_years": 1}]


def test_officer_sees_only_their_movements_and_rounds(client_for, officer_a, admin_user,
                                                      province, dept_a, school_a, dept_b):
    movements(province, dept_a, school_a, dept_b)
    published_round(province, dept_a, admin_user)
    data = _get(client_for, officer_a).context
    # Only the movement dept_a organises; the province's cluster is not dept_a's to watch.
    assert [r["name"] for r in data["movement_progress"]] == ["Trường học thân thiện"]
    assert data["rounds"] == []


def test_outsider_gets_404_for_another_unit(client_for, outsider, dept_a):
    assert client_for(outsider).get(f"{URL}&unit={dept_a.code}").status_code == 404


def test_query_count_does_not_grow_with_movements(client_for, board_user, admin_user,
                                                  province, dept_a, school_a, dept_b,
                                                  django_assert_max_num_queries):
    movements(province, dept_a, school_a, dept_b)
    build_province(province, dept_a, school_a, dept_b)
    published_round(province, dept_a, admin_user)
    for n in range(5):
        make_movement(province, [dept_b], state="launched", name=f"Phong trào {n}")
    client = client_for(board_user)
    # The same as without movements (tests/reports/test_dashboard.py), plus the published
    # round's results and ballot (cluster_rounds.results/tally, a few queries per round).
    # + 2: the overdue remediation tasks (emulation.exemplars.interfaces.home.overdue_context): the
    # unit scope of the task roles, and the tasks themselves.
    with django_assert_max_num_queries(33):
        assert client.get(URL).status_code == 200
