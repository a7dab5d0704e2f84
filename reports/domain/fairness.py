"""Fairness statistics: who receives individual awards compared with who works in the scope.

Directive points on which this rests: the awards must not go "mainly to leaders and managers";
direct workers, staff without leading posts and grassroots units must get a fitting share
(seed 000 §6, seed 001 §6 — the provincial emulation guidance; the law sets no percentage).

Every figure comes from two GROUP BY queries on the closure table (one over the award ledger,
one over the people), with conditional counts — never a loop over people in Python.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from organisations.enums import Gender, UnitLevel
from organisations.models import Unit, UnitClosure

# Units whose share of individual awards going to staff WITHOUT a leading post falls below this
# percentage are highlighted. Seed 000 §6 asks to avoid awards going "mainly to leaders"
# (i.e. leaders taking more than half); the province may tighten it with ?threshold=.
DEFAULT_NON_LEADER_THRESHOLD = 50
MAJORITY_ETHNICITY = "Kinh"
GRASSROOTS_LEVELS = (UnitLevel.GRASSROOTS, UnitLevel.COMMUNE)
# The groups compared, in display order: (key, condition on a Person, condition on the unit).
GROUPS = ("leaders", "non_leaders", "direct_workers", "women", "minorities", "grassroots")


@dataclass(frozen=True)
class Filters:
    year_from: int
    year_to: int
    category: str = ""
    award_code: str = ""
    threshold: int = DEFAULT_NON_LEADER_THRESHOLD


@dataclass
class FairnessRow:
    unit: Unit
    awards: dict = field(default_factory=dict)   # group -> count of awards, plus "total"
    people: dict = field(default_factory=dict)   # group -> count of people, plus "total"
    is_total: bool = False
    threshold: int = DEFAULT_NON_LEADER_THRESHOLD

    def share(self, counts: dict, group: str) -> float | None:
        """Percentage of the group, one decimal; None when there is nothing to divide."""
        return round(100 * counts[group] / counts["total"], 1) if counts.get("total") else None

    @property
    def cells(self) -> list[dict]:
        return [{"group": g, "awards": self.awards[g], "award_share": self.share(self.awards, g),
                 "people": self.people[g], "people_share": self.share(self.people, g),
                 "under": self._under(g)} for g in GROUPS]

    def _under(self, group: str) -> bool:
        """The group gets a smaller share of awards than its share of the people (leaders are
        the one group for which the opposite is the concern)."""
        award, people = self.share(self.awards, group), self.share(self.people, group)
        if award is None or people is None or group == "leaders":
            return False
        return award < people

    @property
    def below_threshold(self) -> bool:
        share = self.share(self.awards, "non_leaders")
        return share is not None and share < self.threshold


def _conditions(prefix: str, person: str) -> dict:
    """Conditional-count filters for each group; `person` reaches the Person from `prefix`."""
    return {
        "leaders": Q(**{f"{person}is_leader": True}),
        "non_leaders": Q(**{f"{person}is_leader": False}),
        "direct_workers": Q(**{f"{person}is_direct_worker": True}),
        "women": Q(**{f"{person}gender": Gender.FEMALE}),
        "minorities": ~Q(**{f"{person}ethnicity__in": [MAJORITY_ETHNICITY, ""]}),
        "grassroots": Q(**{f"{prefix}level__in": GRASSROOTS_LEVELS}),
    }


def award_counts(unit_ids: list[int], filters: Filters) -> dict[int, dict]:
    """Individual, unrevoked awards of the period per ancestor unit (its whole subtree; the
    unit at award time decides where an award counts), by group."""
    rec = "descendant__award_records__"
    base = Q(**{f"{rec}person__isnull": False, f"{rec}revoked": False,
                f"{rec}year__gte": filters.year_from, f"{rec}year__lte": filters.year_to})
    if filters.category:
        base &= Q(**{f"{rec}award_type__category": filters.category})
    if filters.award_code:
        base &= Q(**{f"{rec}award_type__code": filters.award_code})
    conditions = _conditions("descendant__", f"{rec}person__")
    rows = (UnitClosure.objects.filter(base, ancestor_id__in=unit_ids).values("ancestor_id")
            .annotate(total=Count(f"{rec}id"),
                      **{g: Count(f"{rec}id", filter=c) for g, c in conditions.items()}))
    return {row.pop("ancestor_id"): row for row in rows}


def people_counts(unit_ids: list[int]) -> dict[int, dict]:
    """People currently in each ancestor unit's subtree, by group."""
    conditions = _conditions("descendant__", "descendant__people__")
    rows = (UnitClosure.objects.filter(ancestor_id__in=unit_ids,
                                       descendant__people__isnull=False)
            .values("ancestor_id")
            .annotate(total=Count("descendant__people"),
                      **{g: Count("descendant__people", filter=c)
                         for g, c in conditions.items()}))
    return {row.pop("ancestor_id"): row for row in rows}


def fairness_table(root: Unit, children: list[Unit], filters: Filters) -> list[FairnessRow]:
    """One row per child unit of `root` (its subtree), then a total row for `root`'s subtree."""
    units = [*children, root]
    ids = [u.id for u in units]
    awards, people = award_counts(ids, filters), people_counts(ids)
    empty = dict.fromkeys(("total", *GROUPS), 0)
    return [FairnessRow(unit=u, awards=awards.get(u.id, dict(empty)),
                        people=people.get(u.id, dict(empty)), is_total=u is root,
                        threshold=filters.threshold) for u in units]
