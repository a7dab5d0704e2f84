"""Editing a criteria set (bảng tiêu chí): add, correct, reorder and retire criteria, and set the
grade thresholds (xếp loại).

A set whose results are locked — used by a published cluster round — no longer changes: its
published ranking must stay reproducible. Copy it into a new set instead. Templates and sets
of rounds still scoring or voting may change (the round's results are recomputed).

Every change locks the set (`select_for_update`), so two editors cannot interleave a reorder,
and writes an audit entry with the old and new values. Nothing is deleted: a retired criterion
(with its sub-criteria) keeps its row and its scores, and leaves the scored tree.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from emulation.movements.domain.criteria import active
from emulation.movements.enums import CriterionKind, Grade, RoundState
from emulation.movements.models import ClusterRound, CriteriaSet, Criterion, CriterionRetirement

FIELDS = ("code", "name", "max_points", "weight", "kind", "evidence_required")


def locking_round(criteria_set) -> ClusterRound | None:
    """The published round that locks the set, if any."""
    return (ClusterRound.objects.filter(criteria_set=criteria_set, state=RoundState.PUBLISHED)
            .select_related("cluster").order_by("year").first())


def _lock(criteria_set) -> CriteriaSet:
    locked = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    published = locking_round(locked)
    if published is not None:
        raise ValidationError(_(
            "The criteria set “%(name)s” is used by the published results of %(round)s and can "
            "no longer be changed. Copy it into a new set instead.") % {
            "name": locked.name, "round": published})
    return locked


def _audit(actor, action, criteria_set, **kwargs):
    record(actor, f"emulation.criteria_set.{action}", criteria_set, **kwargs)


def _check(criteria_set, values, *, parent, instance=None) -> None:
    """The rules of a tree line: a unique code; points above 0; kind and weight belong to the
    top level (sub-criteria add into their group, whatever their own kind)."""
    taken = Criterion.objects.filter(criteria_set=criteria_set, code=values["code"])
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if not values["code"].strip():
        raise ValidationError({"code": _("Enter the criterion's code.")})
    if taken.exists():
        raise ValidationError({"code": _(
            "Code %(code)s is already used in this set (retired criteria keep their code).") % {
            "code": values["code"]}})
    if values["max_points"] <= 0:
        raise ValidationError({"max_points": _(
            "Criterion %(code)s: the maximum points must be above 0.") % {"code": values["code"]}})
    if values["weight"] <= 0:
        raise ValidationError({"weight": _(
            "Criterion %(code)s: the weight must be above 0.") % {"code": values["code"]}})
    if parent is not None and values["kind"] != parent.kind:
        raise ValidationError({"kind": _(
            "Criterion %(code)s: a sub-criterion has the kind of its group %(group)s (%(kind)s)."
        ) % {"code": values["code"], "group": parent.code, "kind": parent.get_kind_display()}})


def _parent(criteria_set, parent, instance=None):
    if parent is None:
        return None
    if parent.criteria_set_id != criteria_set.pk or hasattr(parent, "retirement"):
        raise ValidationError({"parent": _("The group %(code)s is not an active criterion of "
                                           "this set.") % {"code": parent.code}})
    node = parent
    while instance is not None and node is not None:
        if node.pk == instance.pk:
            raise ValidationError({"parent": _(
                "Criterion %(code)s cannot be placed under itself or its own sub-criteria.") % {
                "code": instance.code}})
        node = node.parent
    return parent


@transaction.atomic
def add_criterion(criteria_set, *, actor, parent=None, code: str, name: str,
                  max_points: Decimal, weight: Decimal = Decimal(1),
                  kind: str = CriterionKind.NORMAL, evidence_required: bool = False) -> Criterion:
    """Add a criterion at the end of its group (or of the top level).

    Side effects: Criterion row; audit entry `emulation.criteria_set.add_criterion`.
    """
    locked = _lock(criteria_set)
    values = {"code": code.strip(), "name": name.strip(), "max_points": Decimal(max_points),
              "weight": Decimal(weight), "kind": kind, "evidence_required": evidence_required}
    parent = _parent(locked, parent)
    _check(locked, values, parent=parent)
    last = locked.criteria.order_by("-position").values_list("position", flat=True).first()
    criterion = Criterion.objects.create(criteria_set=locked, parent=parent,
                                         position=(last or 0) + 1, **values)
    _audit(actor, "add_criterion", locked, changes={
        "criterion": [None, _plain(criterion)]})
    return criterion


def _text(value) -> str:
    # Decimals as stored (2 places), so that 1 and 1.00 do not read as a change.
    return str(value.quantize(Decimal("0.01"))) if isinstance(value, Decimal) else str(value)


def _plain(criterion) -> dict:
    return {name: _text(getattr(criterion, name)) for name in FIELDS} | {
        "parent": criterion.parent.code if criterion.parent_id else None}


@transaction.atomic
def update_criterion(criterion, *, actor, parent=None, **values) -> Criterion:
    """Correct a criterion's code, name, points, weight, kind, evidence flag or group. A group
    changing kind takes its sub-criteria with it.

    Side effects: the Criterion row (and its sub-criteria's kind); audit entry
    `emulation.criteria_set.update_criterion` with the old and new values.
    """
    locked = _lock(criterion.criteria_set)
    current = Criterion.objects.select_for_update(of=("self",)).get(pk=criterion.pk)
    if hasattr(current, "retirement"):
        raise ValidationError(_("Criterion %(code)s is retired.") % {"code": current.code})
    values = {"code": values["code"].strip(), "name": values["name"].strip(),
              "max_points": Decimal(values["max_points"]), "weight": Decimal(values["weight"]),
              "kind": values["kind"], "evidence_required": values["evidence_required"]}
    parent = _parent(locked, parent, instance=current)
    _check(locked, values, parent=parent, instance=current)
    before = _plain(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.parent = parent
    current.save(update_fields=[*FIELDS, "parent"])
    _descendants(current).update(kind=current.kind)
    after = _plain(current)
    _audit(actor, "update_criterion", locked, changes={
        name: [before[name], after[name]] for name in after if before[name] != after[name]}
        | {"criterion": current.code})
    return current


def _descendants(criterion):
    ids, frontier = [], [criterion.pk]
    while frontier:
        frontier = list(Criterion.objects.filter(parent_id__in=frontier)
                        .values_list("pk", flat=True))
        ids += frontier
    return Criterion.objects.filter(pk__in=ids)


@transaction.atomic
def move_criterion(criterion, *, actor, up: bool) -> Criterion:
    """Swap a criterion with the active sibling before (`up`) or after it; at either end
    nothing moves.

    Side effects: the two rows' positions; audit entry `emulation.criteria_set.move_criterion`.
    """
    locked = _lock(criterion.criteria_set)
    siblings = list(active(locked).filter(parent_id=criterion.parent_id)
                    .select_for_update(of=("self",)).order_by("position", "id"))
    index = next(i for i, c in enumerate(siblings) if c.pk == criterion.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return siblings[index]
    # Renumber the siblings so that equal positions (copied sets) still swap cleanly.
    siblings[index], siblings[other] = siblings[other], siblings[index]
    base = min(c.position for c in siblings)
    for offset, sibling in enumerate(siblings):
        sibling.position = base + offset
    Criterion.objects.bulk_update(siblings, ["position"])
    _audit(actor, "move_criterion", locked, changes={
        "criterion": criterion.code, "order": [None, [c.code for c in siblings]]})
    return next(c for c in siblings if c.pk == criterion.pk)


@transaction.atomic
def retire_criterion(criterion, *, actor, reason: str) -> Criterion:
    """Take a criterion and its sub-criteria out of the scored tree, with a reason.

    Side effects: a CriterionRetirement per criterion of the subtree not yet retired; audit
    entry `emulation.criteria_set.retire_criterion` naming them.
    """
    locked = _lock(criterion.criteria_set)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for retiring the criterion.")})
    if hasattr(criterion, "retirement"):
        raise ValidationError(_("Criterion %(code)s is retired.") % {"code": criterion.code})
    subtree = [criterion, *_descendants(criterion).filter(retirement__isnull=True)]
    CriterionRetirement.objects.bulk_create([
        CriterionRetirement(criterion=c, reason=reason, actor=_user(actor)) for c in subtree])
    _audit(actor, "retire_criterion", locked, reason=reason,
           changes={"retired": [c.code for c in subtree]})
    return criterion


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def check_thresholds(thresholds) -> list[list[str]]:
    """[[grade, minimum], …] highest first: each grade's minimum between 0 and the grade above.
    A grade left empty is not awarded."""
    cleaned, above = [], None
    for grade, minimum in thresholds:
        if minimum is None:
            continue
        minimum = Decimal(minimum)
        label = Grade(grade).label
        if minimum < 0:
            raise ValidationError({grade: _("%(grade)s: the minimum cannot be negative.") % {
                "grade": label}})
        if above is not None and minimum >= above[1]:
            raise ValidationError({grade: _(
                "%(grade)s: the minimum must be below that of %(above)s (%(points)s).") % {
                "grade": label, "above": Grade(above[0]).label, "points": above[1]}})
        cleaned.append([grade, str(minimum)])
        above = (grade, minimum)
    return cleaned


@transaction.atomic
def set_thresholds(criteria_set, *, actor, thresholds) -> CriteriaSet:
    """Replace the set's grade thresholds ([U] the province's guidance fixes them).

    Side effects: CriteriaSet.thresholds; audit entry `emulation.criteria_set.thresholds`.
    """
    locked = _lock(criteria_set)
    cleaned = check_thresholds(thresholds)
    before = locked.thresholds
    locked.thresholds = cleaned
    locked.save(update_fields=["thresholds"])
    _audit(actor, "thresholds", locked, changes={"thresholds": [before, cleaned]})
    return locked


def tree(criteria) -> list[tuple[Criterion, int]]:
    """Criteria depth first in their order, with their depth (0 = top level)."""
    children: dict[int | None, list[Criterion]] = {}
    for criterion in sorted(criteria, key=lambda c: (c.position, c.pk)):
        children.setdefault(criterion.parent_id, []).append(criterion)
    out: list[tuple[Criterion, int]] = []

    def walk(parent_id, depth):
        for child in children.get(parent_id, []):
            out.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return out


def group_mismatches(criteria_set) -> list[str]:
    """A group whose maximum is not the sum of its active sub-criteria's maxima, one sentence
    each naming both figures: the score of a group is the sum of its children, so such a
    maximum can never be reached (or is exceeded). Shown, not refused: a tree is built one
    line at a time and is out of balance between two additions. Two queries."""
    criteria = list(active(criteria_set).order_by("position", "id"))
    sums: dict[int, Decimal] = {}
    for criterion in criteria:
        if criterion.parent_id is not None:
            sums[criterion.parent_id] = sums.get(criterion.parent_id, Decimal(0)) + (
                criterion.max_points)
    return [_("Group %(code)s: its maximum is %(max)s points but its sub-criteria add up to "
              "%(sum)s.") % {"code": c.code, "max": _points(c.max_points),
                             "sum": _points(sums[c.pk])}
            for c in criteria if c.pk in sums and sums[c.pk] != c.max_points]


def _points(value: Decimal) -> str:
    # As Vietnamese readers write it: 37,5 — not 37.50.
    return f"{value.normalize():f}".replace(".", ",")
