"""evaluate(case) → Verdict: every condition checked, met or not, with its article; the reward
when eligible. Pure Python: the callers (web app, API, CLI) build the Case."""

from dataclasses import dataclass, field

from awards.eligibility.facts import Case
from awards.eligibility.laws import (
    DEFAULT_PARAMETERS,
    Parameters,
    UnhandledLaw,
    check_handles,
    law_for_year,
)
from awards.eligibility.rules import collective_titles, individual_titles, merit_forms
from awards.eligibility.rules.common import Context, Reason

RULES = {**individual_titles.RULES, **collective_titles.RULES, **merit_forms.RULES}
PRECHECKS = {**individual_titles.PRECHECKS, **merit_forms.PRECHECKS}


class UnknownAward(ValueError):
    """The award code has no rule (yet)."""


__all__ = ["PRECHECKS", "RULES", "UnhandledLaw", "UnknownAward", "Verdict", "evaluate",
           "supported_awards"]


@dataclass(frozen=True)
class Verdict:
    id: str
    award: str
    eligible: bool
    law: str
    reasons: tuple[Reason, ...]
    initiatives_used: tuple[str, ...] = ()
    reward: dict | None = None
    extra: dict = field(default_factory=dict)

    @property
    def missing(self) -> list[Reason]:
        return [r for r in self.reasons if not r.ok]

    def as_dict(self) -> dict:
        result = {"id": self.id, "award": self.award, "eligible": self.eligible, "law": self.law,
                  "reasons": [r.as_dict() for r in self.reasons],
                  "initiatives_used": list(self.initiatives_used)}
        if self.reward is not None:
            result["reward"] = self.reward
        return result


def supported_awards() -> list[str]:
    return sorted(RULES)


def evaluate(case: Case, params: Parameters = DEFAULT_PARAMETERS,
             ctx: Context | None = None) -> Verdict:
    """Judge `case` by the law in force for its achievement year; money by its decision date."""
    rule = RULES.get(case.award)
    if rule is None:
        raise UnknownAward(case.award)
    ctx = ctx or Context(case=case, law=law_for_year(case.year), params=params)
    law = ctx.law
    check_handles(case.award, rule, law)
    rule(ctx)
    eligible = all(r.ok for r in ctx.reasons)
    reward = (params.reward(case.award, case.subject.kind, case.effective_decision_date)
              if eligible else None)
    return Verdict(id=case.id, award=case.award, eligible=eligible, law=law.title,
                   reasons=tuple(ctx.reasons),
                   initiatives_used=tuple(ctx.initiatives_used) if eligible else (),
                   reward=reward)

