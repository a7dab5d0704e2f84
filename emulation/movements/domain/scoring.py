"""Pure arithmetic of a criteria set (bảng tiêu chí chấm điểm thi đua): no database.

A criteria set is a tree. Leaves carry raw points; a group's subtotal is the sum of its
children capped at its own maximum. The total is
    Σ (top-level normal subtotal × weight) + Σ bonus subtotals − Σ penalty subtotals,
never below 0. Every bonus or penalty node is capped at its own maximum, so a total is bounded
by `max_total(nodes)`.

Ranking is competition ranking ("1, 2, 2, 4"): equal totals share a rank and the next rank skips.
Classification (xếp loại) compares a total with thresholds kept as data on the set [U]
(default: xuất sắc ≥ 90, tốt ≥ 80, khá ≥ 65, otherwise no grade).
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
NORMAL, BONUS, PENALTY = "normal", "bonus", "penalty"
# [U] the default grading of a set: (code, minimum total); first match wins, highest first.
DEFAULT_THRESHOLDS: tuple[tuple[str, Decimal], ...] = (
    ("xuat_sac", Decimal(90)), ("tot", Decimal(80)), ("kha", Decimal(65)))


@dataclass(frozen=True)
class Node:
    code: str
    parent: str | None
    max_points: Decimal
    weight: Decimal = Decimal(1)
    kind: str = NORMAL


@dataclass
class Result:
    total: Decimal
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    subtotals: dict[str, Decimal] = field(default_factory=dict)


def _children(nodes: Iterable[Node]) -> dict[str | None, list[Node]]:
    children: dict[str | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent, []).append(node)
    return children


def _clamp(value: Decimal, top: Decimal) -> Decimal:
    return min(max(value, ZERO), top)


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def compute(nodes: Iterable[Node], raw: Mapping[str, Decimal]) -> Result:
    """Subtotals of every node and the total, from raw points per leaf code (missing = 0).

    Raw points outside [0, max] are clamped: a score sheet cannot give more than the criterion
    allows, and a negative entry is a typing error, not a penalty (penalties are their own nodes).
    """
    children = _children(nodes)
    subtotals: dict[str, Decimal] = {}

    def subtotal(node: Node) -> Decimal:
        kids = children.get(node.code)
        if kids:
            value = _clamp(sum((subtotal(k) for k in kids), ZERO), node.max_points)
        else:
            value = _clamp(Decimal(raw.get(node.code, ZERO)), node.max_points)
        subtotals[node.code] = value
        return value

    base = bonus = penalty = ZERO
    for top in children.get(None, []):
        value = subtotal(top)
        if top.kind == BONUS:
            bonus += value
        elif top.kind == PENALTY:
            penalty += value
        else:
            base += value * top.weight
    total = max(base + bonus - penalty, ZERO)
    return Result(total=_q(total), base=_q(base), bonus=_q(bonus), penalty=_q(penalty),
                  subtotals=subtotals)


def max_total(nodes: Iterable[Node]) -> Decimal:
    """The highest total the tree allows (every normal group and bonus at its maximum)."""
    tops = _children(nodes).get(None, [])
    return _q(sum((n.max_points * (n.weight if n.kind == NORMAL else 1))
                  for n in tops if n.kind != PENALTY) or ZERO)


def rank(totals: Mapping[Hashable, Decimal]) -> dict[Hashable, int]:
    """Competition ranking: rank = 1 + number of totals strictly higher ("1, 2, 2, 4")."""
    ordered = sorted(totals.values(), reverse=True)
    first_at: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_at.setdefault(value, position)
    return {key: first_at[value] for key, value in totals.items()}


def classify(total: Decimal, thresholds=DEFAULT_THRESHOLDS) -> str:
    """The grade code of `total`: the first threshold (highest first) it reaches, else ""."""
    for code, minimum in sorted(thresholds, key=lambda t: Decimal(t[1]), reverse=True):
        if total >= Decimal(minimum):
            return code
    return ""
