"""No traps in emulation work (issue 18.4): the round's irreversible steps ask first and say
what cannot be undone; a criteria group whose maximum is not the sum of its sub-criteria is
named wherever the set is edited; registration never offers a dissolved unit."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from emulation.movements.domain import criteria_tree, registrations
from tests.emulation.movement_helpers import make_movement
from tests.emulation.movements.views.test_clusters import url
from tests.factories import UnitFactory


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.mark.parametrize(("action", "warning"), [
    ("open_voting", "This cannot be undone: once scoring is closed no score can be entered or "
                    "changed in this round, and the member units start voting."),
    ("publish", "This cannot be undone: the ranking and the vote are locked for good and shown "
                "to every member unit."),
])
def test_round_step_asks_first_and_changes_nothing(client_for, board_user, scoring_round,
                                                   action, warning):
    if action == "publish":
        from emulation.movements.domain import cluster_rounds

        scoring_round = cluster_rounds.open_voting(scoring_round, actor=board_user)
    state = scoring_round.state
    response = client_for(board_user).get(url("round_transition", scoring_round, action))
    assert (response.status_code, response.context["warning"]) == (200, warning)
    scoring_round.refresh_from_db()
    assert scoring_round.state == state


def test_round_page_links_to_the_confirmation_instead_of_acting(client_for, board_user,
                                                                 scoring_round):
    page = client_for(board_user).get(url("round_detail", scoring_round)).content.decode()
    confirm = url("round_transition", scoring_round, "open_voting")
    assert f'href="{confirm}"' in page and f'action="{confirm}"' not in page


def test_outsider_cannot_open_the_confirmation(client_for, outsider, scoring_round):
    response = client_for(outsider).get(url("round_transition", scoring_round, "open_voting"))
    assert response.status_code == 404


def test_group_maximum_off_its_children_is_named_on_page_and_form(client_for, board_user,
                                                                 year_set):
    assert criteria_tree.group_mismatches(year_set) == []  # the seeded tree adds up
    leaf = year_set.criteria.exclude(parent=None).select_related("parent").first()
    group = leaf.parent
    total = sum(c.max_points for c in year_set.criteria.filter(parent=group))
    client = client_for(board_user)
    response = client.post(
        reverse("emulation:criterion_edit", args=[year_set.public_id, leaf.code]),
        {"parent": group.pk, "code": leaf.code, "name": leaf.name,
         "max_points": str(leaf.max_points + D("2.5")), "weight": "1", "kind": leaf.kind},
        follow=True)
    expected = (f"Group {group.code}: its maximum is {_vn(group.max_points)} points but its "
                f"sub-criteria add up to {_vn(total + D('2.5'))}.")
    assert "," in expected  # 2,5 more: written with the decimal comma
    assert [str(m) for m in response.context["messages"]] == ["Criterion saved.", expected]
    form = client.get(reverse("emulation:criterion_add", args=[year_set.public_id]))
    assert form.context["form"].warning == expected
    detail = client.get(reverse("emulation:criteria_set_detail", args=[year_set.public_id]))
    assert detail.context["mismatches"] == [expected]


def _vn(points: D) -> str:
    return f"{points.normalize():f}".replace(".", ",")


@pytest.fixture
def movement(province, dept_a):
    return make_movement(province, [dept_a], state="launched")


def _dissolved(admin_user, parent):
    from organisations.domain.tree import dissolve_unit

    unit = UnitFactory(parent=parent, name="Trường Tiểu học Đã Sáp Nhập")
    return dissolve_unit(admin_user, unit, effective_date=datetime.date(2025, 7, 1),
                         successor=parent)


def test_registration_never_offers_a_dissolved_unit(client_for, admin_user, board_user,
                                                    movement, dept_a):
    gone = _dissolved(admin_user, dept_a)
    response = client_for(board_user).get(
        reverse("emulation:registration_create", args=[movement.public_id]))
    offered = set(response.context["form"].fields["unit"].queryset)
    assert dept_a in offered and gone not in offered


def test_a_dissolved_unit_cannot_register(admin_user, movement, dept_a):
    gone = _dissolved(admin_user, dept_a)
    with pytest.raises(ValidationError) as error:
        registrations.create_registration(movement, gone, actor=admin_user, year=2025)
    assert error.value.message_dict == {"unit": [
        "Trường Tiểu học Đã Sáp Nhập was dissolved on 30/06/2025 and can no longer register."]}
