"""Editing a criteria set: add, correct, reorder, retire, thresholds; the lock of published
results; every change audited."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from emulation.movements.domain import cluster_rounds, criteria, criteria_tree
from emulation.movements.enums import RoundState
from emulation.movements.models import ClusterRound, CriterionRetirement

pytestmark = pytest.mark.django_db


def crit(criteria_set, code):
    return criteria_set.criteria.get(code=code)


def codes(criteria_set):
    return [c.code for c, _depth in criteria_tree.tree(criteria.active(criteria_set))]


def test_add_criterion_at_the_end_of_its_group(year_set, admin_user):
    added = criteria_tree.add_criterion(
        year_set, actor=admin_user, parent=crit(year_set, "1"), code="1.3",
        name="Phòng chống tham nhũng", max_points=D(5), evidence_required=True)
    assert codes(year_set) == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "3", "4"]
    assert (added.kind, added.weight, added.evidence_required) == ("normal", D(1), True)
    entry = AuditEntry.objects.get(action="emulation.criteria_set.add_criterion")
    assert entry.changes["criterion"][1]["parent"] == "1"


@pytest.mark.parametrize(("values", "field"), [
    ({"code": "1.1"}, "code"), ({"code": " "}, "code"), ({"max_points": D(0)}, "max_points"),
    ({"weight": D(0)}, "weight"), ({"kind": "bonus"}, "kind")])
def test_add_refused(year_set, admin_user, values, field):
    arguments = {"code": "1.9", "name": "Mới", "max_points": D(5), "weight": D(1),
                 "kind": "normal"} | values
    with pytest.raises(ValidationError) as error:
        criteria_tree.add_criterion(year_set, actor=admin_user, parent=crit(year_set, "1"),
                                    **arguments)
    assert list(error.value.error_dict) == [field]


def test_update_keeps_old_and_new_in_the_audit(year_set, admin_user):
    criterion = crit(year_set, "2.2")
    criteria_tree.update_criterion(
        criterion, actor=admin_user, parent=crit(year_set, "2"), code="2.2",
        name="Báo cáo đúng hạn", max_points=D(12), weight=D(1), kind="normal",
        evidence_required=False)
    criterion.refresh_from_db()
    assert (criterion.name, criterion.max_points, criterion.evidence_required) == (
        "Báo cáo đúng hạn", D(12), False)
    changes = AuditEntry.objects.get(action="emulation.criteria_set.update_criterion").changes
    assert changes == {"name": ["Thực hiện chế độ thông tin, báo cáo đúng hạn",
                                "Báo cáo đúng hạn"],
                       "max_points": ["10.00", "12.00"], "evidence_required": ["True", "False"],
                       "criterion": "2.2"}


def test_group_cannot_move_under_its_own_child(year_set, admin_user):
    group = crit(year_set, "1")
    with pytest.raises(ValidationError, match="under itself"):
        criteria_tree.update_criterion(
            group, actor=admin_user, parent=crit(year_set, "1.1"), code="1", name=group.name,
            max_points=group.max_points, weight=D(1), kind="normal", evidence_required=False)


def test_group_kind_change_carries_its_children(year_set, admin_user):
    group = crit(year_set, "2")
    criteria_tree.update_criterion(
        group, actor=admin_user, parent=None, code="2", name=group.name, max_points=D(40),
        weight=D(1), kind="bonus", evidence_required=False)
    assert set(year_set.criteria.filter(parent=group).values_list("kind", flat=True)) == {
        "bonus"}


def test_move_up_and_down_among_siblings(year_set, admin_user):
    criteria_tree.move_criterion(crit(year_set, "2.3"), actor=admin_user, up=True)
    assert codes(year_set)[4:7] == ["2.1", "2.3", "2.2"]
    criteria_tree.move_criterion(crit(year_set, "1"), actor=admin_user, up=False)
    assert codes(year_set) == ["2", "2.1", "2.3", "2.2", "1", "1.1", "1.2", "3", "4"]
    criteria_tree.move_criterion(crit(year_set, "2"), actor=admin_user, up=True)  # at the top
    assert codes(year_set)[0] == "2"
    assert AuditEntry.objects.filter(action="emulation.criteria_set.move_criterion").count() == 2


def test_retire_takes_the_subtree_out_of_scoring(year_set, admin_user):
    criteria_tree.retire_criterion(crit(year_set, "1"), actor=admin_user,
                                   reason="Không áp dụng năm 2025")
    assert codes(year_set) == ["2", "2.1", "2.2", "2.3", "3", "4"]
    assert sorted(CriterionRetirement.objects.values_list("criterion__code", flat=True)) == [
        "1", "1.1", "1.2"]
    assert year_set.criteria.count() == 9  # nothing deleted
    entry = AuditEntry.objects.get(action="emulation.criteria_set.retire_criterion")
    assert (entry.reason, entry.changes["retired"]) == ("Không áp dụng năm 2025",
                                                        ["1", "1.1", "1.2"])
    with pytest.raises(ValidationError, match="reason"):
        criteria_tree.retire_criterion(crit(year_set, "2"), actor=admin_user, reason=" ")
    copy = criteria.copy_criteria_set(year_set, actor=admin_user, name="Bản sao", year=2026)
    assert [c.code for c in copy.criteria.all()] == ["2", "2.1", "2.2", "2.3", "3", "4"]


def test_retired_criterion_not_scored(scoring_round, members, admin_user):
    leaf = crit(scoring_round.criteria_set, "1.1")
    cluster_rounds.rescore(scoring_round, actor=admin_user, unit=members[0], criterion=leaf,
                           points=30, reason="Chấm")
    before = cluster_rounds.results(scoring_round)[0].total
    criteria_tree.retire_criterion(leaf, actor=admin_user, reason="Bỏ")
    # Only 2.2 remains, scored by the system (no report due: its full 10 points).
    assert (before, cluster_rounds.results(scoring_round)[0].total) == (D(40), D(10))
    with pytest.raises(ValidationError, match="not a scored line"):
        cluster_rounds.rescore(scoring_round, actor=admin_user, unit=members[0],
                               criterion=leaf, points=20, reason="Chấm")


def test_thresholds(year_set, admin_user):
    criteria_tree.set_thresholds(year_set, actor=admin_user,
                                 thresholds=[("xuat_sac", D(95)), ("tot", D(85)), ("kha", None)])
    year_set.refresh_from_db()
    assert year_set.thresholds == [["xuat_sac", "95"], ["tot", "85"]]
    assert criteria.thresholds_of(year_set) == (("xuat_sac", D(95)), ("tot", D(85)))
    with pytest.raises(ValidationError) as error:
        criteria_tree.set_thresholds(year_set, actor=admin_user,
                                     thresholds=[("xuat_sac", D(80)), ("tot", D(85))])
    assert list(error.value.error_dict) == ["tot"]
    assert AuditEntry.objects.get(action="emulation.criteria_set.thresholds").changes == {
        "thresholds": [[["xuat_sac", "90"], ["tot", "80"], ["kha", "65"]],
                       [["xuat_sac", "95"], ["tot", "85"]]]}


@pytest.mark.parametrize("state", [s.value for s in RoundState])
def test_locked_only_by_published_results(new_round, admin_user, state):
    ClusterRound.objects.filter(pk=new_round.pk).update(state=state)
    year_set = new_round.criteria_set
    change = lambda: criteria_tree.set_thresholds(  # noqa: E731
        year_set, actor=admin_user, thresholds=[("xuat_sac", D(91))])
    if state == RoundState.PUBLISHED:
        with pytest.raises(ValidationError, match="published results of Cụm thi đua các sở"):
            change()
        for edit in (lambda: criteria_tree.retire_criterion(crit(year_set, "3"),
                                                            actor=admin_user, reason="x"),
                     lambda: criteria_tree.move_criterion(crit(year_set, "3"),
                                                          actor=admin_user, up=True)):
            with pytest.raises(ValidationError):
                edit()
    else:
        assert change().thresholds == [["xuat_sac", "91"]]


def test_locked_message_in_vietnamese(new_round, admin_user):
    from django.utils import translation

    ClusterRound.objects.filter(pk=new_round.pk).update(state="published")
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        criteria_tree.set_thresholds(new_round.criteria_set, actor=admin_user, thresholds=[])
    assert error.value.messages[0].startswith("Bộ tiêu chí “Tiêu chí 2025” đã được dùng")
