"""Pure rule functions: which State honour the family's recorded martyrs and war invalids
qualify for. No database: the facts come in as plain values, the verdict names the clause it
rests on (the way awards/eligibility rules cite their articles).

Numbers are dated rows of the law's one home (awards/data/procedure.py, `claims.…` keys, with
`verified` flags), read through `params` — the data files by default, the database's
`LegalValue` rows (a province's corrections on the law screen) when the domain passes
`catalogue_parameters()` (kept per process, read again when the law tables change)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from awards.data.procedure import HEROIC_MOTHER_LAW, MARTYR_FAMILY_LAW
from awards.eligibility.laws import DEFAULT_PARAMETERS, Parameters, Value


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


def _number(params: Parameters, key: str, on: datetime.date) -> Value:
    """The row of `key` in force on `on`; LookupError before the rule's text was in force."""
    found = params.value(key, on)
    if found is None:
        raise LookupError(key)
    return found


def heroic_mother(members: list[Member], children_count: int | None, on: datetime.date,
                  params: Parameters = DEFAULT_PARAMETERS) -> Verdict:
    """Bà mẹ Việt Nam anh hùng, Điều 2 (as amended in 2012): one of five cases. Conferred or
    posthumously conferred alike (Điều 1); the next of kin receives a posthumous title."""
    need_row = _number(params, "claims.heroic_mother.martyr_children", on)
    percent_row = _number(params, "claims.heroic_mother.invalid_percent", on)
    need, percent = need_row.value, percent_row.value
    v1, v2 = need_row.verified, percent_row.verified
    law = HEROIC_MOTHER_LAW
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


def martyr_family(members: list[Member], children_count: int | None,
                  on: datetime.date | None = None,
                  params: Parameters = DEFAULT_PARAMETERS) -> Verdict:
    """Families with many martyrs: the highest tier of Huân chương Độc lập the recorded martyrs
    reach (the tiers in force on `on`, default today); an only child who is a martyr is the
    lowest tier."""
    tiers = _number(params, "claims.martyr_family_tiers", on or timezone.localdate())
    martyrs = _count(members, "child", "martyr")
    spouse = _count(members, "husband", "martyr") > 0
    for award, with_spouse, without, clause in tiers.value:
        if (spouse and martyrs >= with_spouse) or martyrs >= without:
            return Verdict(True, f"{MARTYR_FAMILY_LAW} ({clause})", award,
                           verified=tiers.verified)
    if children_count == 1 and martyrs == 1:
        return Verdict(True, f"{MARTYR_FAMILY_LAW} (Mục III.I)", "hc_doc_lap_3",
                       verified=False)
    return Verdict(False, MARTYR_FAMILY_LAW, reasons=(
        f"{martyrs} liệt sĩ là con; chồng liệt sĩ: {'có' if spouse else 'không'}.",),
        verified=False)
