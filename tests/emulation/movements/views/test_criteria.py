"""Criteria-set pages for every persona, editing through them, the lock, the list's queries."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from emulation.movements.domain import criteria
from emulation.movements.models import ClusterRound, CriteriaSet

PERSONAS = ["admin_user", "board_user", "head_user", "officer_a", "outsider", "council_user"]
ALLOWED = {"admin_user": 200, "board_user": 200, "head_user": 200, "officer_a": 403,
           "outsider": 403, "council_user": 403}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def set_url(name, criteria_set, *args):
    return reverse(f"emulation:{name}", args=[criteria_set.public_id, *args])


def template_set():
    return CriteriaSet.objects.get(name=criteria.TEMPLATE_NAME, is_template=True)


@pytest.mark.parametrize(("page", "args"), [
    ("criteria_set_detail", ()), ("criterion_add", ()), ("thresholds_edit", ()),
    ("criterion_edit", ("2.2",)), ("criterion_retire", ("2.2",))])
@pytest.mark.parametrize("persona", PERSONAS)
def test_set_pages(client_for, request, year_set, head_user, page, args, persona):
    response = client_for(request.getfixturevalue(persona)).get(set_url(page, year_set, *args))
    assert response.status_code == ALLOWED[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_list(client_for, request, year_set, head_user, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("emulation:criteria_set_list"))
    assert response.status_code == ALLOWED[persona]
    if response.status_code == 200:
        assert [s.name for s in response.context["sets"]] == [criteria.TEMPLATE_NAME,
                                                              "Tiêu chí 2025"]


@pytest.mark.parametrize(("persona", "expected"), [
    ("admin_user", 200), ("board_user", 200), ("head_user", 403)])
def test_only_the_board_edits_templates(client_for, request, head_user, persona, expected):
    response = client_for(request.getfixturevalue(persona)).get(
        set_url("criterion_add", template_set()))
    assert response.status_code == expected


def test_anonymous_redirected(client, year_set):
    response = client.get(set_url("criteria_set_detail", year_set))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_unknown_code_is_404(client_for, board_user, year_set):
    assert client_for(board_user).get(
        set_url("criterion_edit", year_set, "9.9")).status_code == 404


def test_edit_through_pages(client_for, head_user, year_set):
    client = client_for(head_user)
    group = year_set.criteria.get(code="2")
    response = client.post(set_url("criterion_add", year_set), {
        "parent": group.pk, "code": "2.4", "name": "Khen thưởng kịp thời", "max_points": "5",
        "weight": "1", "kind": "normal", "evidence_required": "on"})
    assert response["Location"] == set_url("criteria_set_detail", year_set)
    client.post(set_url("criterion_move", year_set, "2.4", "up"))
    client.post(set_url("criterion_retire", year_set, "2.3"), {"reason": "Gộp vào 2.4"})
    client.post(set_url("thresholds_edit", year_set),
                {"xuat_sac": "92", "tot": "82", "kha": "70"})
    page = client.get(set_url("criteria_set_detail", year_set))
    rows = page.context["rows"]
    assert [(c.code, depth, hasattr(c, "retirement")) for c, depth in rows][3:8] == [
        ("2", 0, False), ("2.1", 1, False), ("2.2", 1, False), ("2.4", 1, False),
        ("2.3", 1, True)]
    assert page.context["thresholds"] == [("Excellent", "92"), ("Good", "82"), ("Fair", "70")]
    assert "Gộp vào 2.4" in page.content.decode()


def test_form_names_the_wrong_field(client_for, board_user, year_set):
    response = client_for(board_user).post(set_url("criterion_add", year_set), {
        "code": "1.1", "name": "Trùng", "max_points": "5", "weight": "1", "kind": "normal"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Code 1.1 is already used in this set (retired criteria keep their code)."]


def test_locked_set_refused(client_for, board_user, new_round):
    ClusterRound.objects.filter(pk=new_round.pk).update(state="published")
    client = client_for(board_user)
    year_set = new_round.criteria_set
    page = client.get(set_url("criteria_set_detail", year_set))
    assert page.context["locked_by"] == new_round
    assert b"criterion_add" not in page.content and b"/add/" not in page.content
    response = client.post(set_url("thresholds_edit", year_set), {"xuat_sac": "99"})
    assert response.context["form"].non_field_errors() == [
        "The criteria set “Tiêu chí 2025” is used by the published results of Cụm thi đua các "
        "sở 2025 and can no longer be changed. Copy it into a new set instead."]
    response = client.post(set_url("criterion_move", year_set, "1", "down"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The criteria set “Tiêu chí 2025” is used by the published results of Cụm thi đua các "
        "sở 2025 and can no longer be changed. Copy it into a new set instead."]
    assert year_set.thresholds == [["xuat_sac", "90"], ["tot", "80"], ["kha", "65"]]


def test_move_needs_post(client_for, board_user, year_set):
    assert client_for(board_user).get(
        set_url("criterion_move", year_set, "1", "up")).status_code == 405


def test_list_query_count(client_for, board_user, admin_user, django_assert_max_num_queries):
    for year in range(2010, 2030):
        criteria.copy_criteria_set(template_set(), actor=admin_user, name=f"Tiêu chí {year}",
                                   year=year)
    client = client_for(board_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("emulation:criteria_set_list"))
    assert len(response.context["sets"]) == 21


def test_detail_shows_points(client_for, board_user, year_set):
    page = client_for(board_user).get(set_url("criteria_set_detail", year_set))
    assert [(c.code, c.max_points) for c, _d in page.context["rows"]][:2] == [
        ("1", D(60)), ("1.1", D(40))]
