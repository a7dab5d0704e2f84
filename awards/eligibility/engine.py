"""evaluate(case) → Verdict: every condition checked, met or not, with its article; the reward
when eligible. Pure Python: the callers (web app, API, CLI) build the Case."""

from dataclasses import dataclass, field

from awards.data.catalogue import APPRAISE_BY_HAND
from awards.eligibility.facts import Case, Subject
from awards.eligibility.laws import (
    DEFAULT_PARAMETERS,
    Parameters,
    UnhandledLaw,
    check_handles,
    criteria_date,
    law_for_year,
)
from awards.eligibility.rules import collective_titles, individual_titles, merit_forms, orders
from awards.eligibility.rules.common import GROUPS, Context, Reason, _

RULES = {**individual_titles.RULES, **collective_titles.RULES, **merit_forms.RULES,
         **orders.RULES}
PRECHECKS = {**individual_titles.PRECHECKS, **collective_titles.PRECHECKS,
             **merit_forms.PRECHECKS, **orders.PRECHECKS}
# Per form, the tracks of TRACKS judged from records; any other track is met only when the
# appraisal recorded it (Case.achievements).
JUDGED_TRACKS = {**collective_titles.JUDGED_TRACKS, **merit_forms.JUDGED_TRACKS,
                 **orders.JUDGED_TRACKS}
# Forms the engine cannot judge from records (State honorary titles, Bà mẹ Việt Nam anh hùng,
# wartime-achievement awards, Kỷ niệm chương, the other orders): award → (article, verified).
MANUAL = {code: entry for code, entry in APPRAISE_BY_HAND.items() if code not in RULES}


class UnknownAward(ValueError):
    """The award code has no rule (yet)."""


__all__ = ["PRECHECKS", "RULES", "AppraisedTrack", "UnhandledLaw", "UnknownAward", "Verdict",
           "appraised_tracks", "evaluate", "supported_awards"]


@dataclass(frozen=True)
class Verdict:
    id: str
    award: str
    eligible: bool | None  # None: appraised by hand (MANUAL)
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


def checked_automatically(award: str) -> bool:
    return award in RULES


@dataclass(frozen=True)
class AppraisedTrack:
    """A track of a form that only the appraisal can find met: its `code` ("<award>.<track>",
    what Case.achievements holds), the article and point of the law governing the year, and
    whether that point is verified against the legal reference."""

    code: str
    track: str
    citation: str
    verified: bool


def appraised_tracks(award: str, subject: Subject, year: int,
                     params: Parameters = DEFAULT_PARAMETERS) -> list[AppraisedTrack]:
    """The tracks of `award` for this kind of subject that the records cannot judge (those an
    appraiser finds met from the achievement report), in the order the rule tries them, cited
    as the rule cites them (the law in force for the achievement year)."""
    if award not in RULES:
        return []
    law = law_for_year(year)
    judged = JUDGED_TRACKS.get(award, frozenset())
    return [AppraisedTrack(f"{award}.{track}", track, f"{law.short}, "
                           f"{params.article(law, article)}", verified)
            for track, group, article, verified in params.tracks(award, criteria_date(law, year))
            if track not in judged and GROUPS[group](subject)]


def _by_hand(case: Case, params: Parameters) -> Verdict:
    """"Not checked automatically — appraise by hand", with the article to appraise against
    (the law in force for the achievement year). `eligible` is None: neither met nor not."""
    law = law_for_year(case.year)
    article, _verified = MANUAL[case.award]
    try:
        citation = f"{law.short}, {params.article(law, article)}"
    except KeyError:  # the old law's number for this article is not known: name the law only
        citation = law.short
    reason = Reason(f"{case.award}.manual", True,
                    _("Not checked automatically — appraise by hand against %(citation)s.")
                    % {"citation": citation}, citation)
    return Verdict(id=case.id, award=case.award, eligible=None, law=law.title,
                   reasons=(reason,))


def evaluate(case: Case, params: Parameters = DEFAULT_PARAMETERS,
             ctx: Context | None = None) -> Verdict:
    """Judge `case` by the law in force for its achievement year; money by its decision date."""
    rule = RULES.get(case.award)
    if rule is None and case.award in MANUAL:
        return _by_hand(case, params)
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

