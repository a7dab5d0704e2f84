"""Pure rule functions: which State honour the family's recorded martyrs and war invalids
qualify for. No database: the facts come in as plain values, the verdict names the clause it
rests on (the way awards/eligibility rules cite their articles).

Numbers come from claims/data/parameters.py (dated, with `verified` flags)."""

import datetime
from dataclasses import dataclass, field

from claims.data import parameters as data


@dataclass(frozen=True)
class Member:
    relation: str  # "child" | "husband" | "self"
    status: str  # "martyr" | "invalid"
    disability_percent: int | None = None


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    citation: str = ""
    award: str = ""
    reasons: tuple[str, ...] = ()
    verified: bool = True
    notes: tuple[str, ...] = field(default=())


def _count(members, relation: str, status: str, min_percent: int = 0) -> int:
    return sum(1 for m in members if m.relation == relation and m.status == status
               and (status != "invalid" or (m.disability_percent or 0) >= min_percent))


def heroic_mother(members: list[Member], children_count: int | None,
                  on: datetime.date) -> Verdict:
    """Bà mẹ Việt Nam anh hùng, Điều 2 (as amended in 2012): one of five cases. Conferred or
    posthumously conferred alike (Điều 1); the next of kin receives a posthumous title."""
    need, _c, v1 = data.value(data.HEROIC_MOTHER, "martyr_children", on)
    percent, _c, v2 = data.value(data.HEROIC_MOTHER, "invalid_percent", on)
    law = data.HEROIC_MOTHER_LAW
    martyrs = _count(members, "child", "martyr")
    invalids = _count(members, "child", "invalid", percent)
    husband = _count(members, "husband", "martyr") > 0
    herself_martyr = _count(members, "self", "martyr") > 0
    herself_invalid = _count(members, "self", "invalid", percent) > 0
    cases = [
        (martyrs >= need, f"{law}, Điều 2 khoản 1"),
        (children_count == 2 and martyrs == 1 and invalids >= 1, f"{law}, Điều 2 khoản 2"),
        (children_count == 1 and martyrs == 1, f"{law}, Điều 2 khoản 3"),
        (martyrs >= 1 and (husband or herself_martyr), f"{law}, Điều 2 khoản 4"),
        (martyrs >= 1 and herself_invalid, f"{law}, Điều 2 khoản 5"),
    ]
    for holds, citation in cases:
        if holds:
            return Verdict(True, citation, "ba_me_vnah", verified=v1 and v2)
    return Verdict(False, f"{law}, Điều 2", reasons=(
        f"{martyrs} liệt sĩ là con, {invalids} con thương binh ≥{percent}%, "
        f"chồng liệt sĩ: {'có' if husband else 'không'}; không thuộc trường hợp nào của Điều 2.",),
        verified=v1 and v2)


def martyr_family(members: list[Member], children_count: int | None) -> Verdict:
    """Families with many martyrs: the highest tier of Huân chương Độc lập the recorded martyrs
    reach; an only child who is a martyr is the lowest tier."""
    martyrs = _count(members, "child", "martyr")
    spouse = _count(members, "husband", "martyr") > 0
    for award, with_spouse, without, clause, verified in data.MARTYR_FAMILY_TIERS:
        if (spouse and martyrs >= with_spouse) or martyrs >= without:
            return Verdict(True, f"{data.MARTYR_FAMILY_LAW} ({clause})", award,
                           verified=verified)
    if children_count == 1 and martyrs == 1:
        return Verdict(True, f"{data.MARTYR_FAMILY_LAW} (Mục III.I)", "hc_doc_lap_3",
                       verified=False)
    return Verdict(False, data.MARTYR_FAMILY_LAW, reasons=(
        f"{martyrs} liệt sĩ là con; chồng liệt sĩ: {'có' if spouse else 'không'}.",),
        verified=False)
