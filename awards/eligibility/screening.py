"""Screening many cases at once ("who qualifies for X in year Y" over a province).

A list of who qualifies needs, for each case, only: eligible or not, the initiatives the award
would use, and the reward. The reasons are read for the few rows a user opens. So a `Screener`

1. runs each rule *quietly*: the same rule functions as `engine.evaluate`, through a context
   whose `check` stops at the first failed condition and keeps no reason objects;
2. *remembers* what it learnt as a decision tree. A rule's outcome depends only on the case's own
   facts (award, registration, and `_facts`: year, subject, pending matters, discipline,
   initiatives, …) and on the answers the history gives to the questions the rule asks (rated at
   least L in a year, the rating, whether an award counts in a year, the years an award is held,
   whether a year counts after discipline). The quiet context records those questions and
   answers in order; the next case with the same facts is walked down the tree by asking its own
   history the same questions, and reaches the outcome without running the rule when the answers
   match.

The rules are written once (awards/eligibility/rules); the tree is learnt from them at run time,
so a change in a rule changes the screening with it. An eligible verdict's reasons are built
on first read by `engine.evaluate` on the same case (`Explanation`).

The tree is valid for one set of parameters (the Screener's) and the rules as loaded; a
Screener lives for one screening (one export, one benchmark run), or, for the "who qualifies"
page, as long as its parameters (awards.domain.qualify.kept_screener).
"""

import dataclasses
import operator
from collections.abc import Iterable, Sequence

from awards.eligibility.engine import (
    MANUAL,
    PRECHECKS,
    RULES,
    UnknownAward,
    Verdict,
    evaluate,
)
from awards.eligibility.facts import RATING_ORDER, Case, HistoryIndex, assembler
from awards.eligibility.laws import (
    DEFAULT_PARAMETERS,
    Parameters,
    check_handles,
    law_for_year,
)
from awards.eligibility.rules.common import Context


class _Failed(Exception):
    """A condition failed: the case is not eligible (no need to check the rest)."""


class _QuietContext(Context):
    """Context for screening: `check` stops at the first failed condition and keeps nothing;
    the history accessors record each distinct question and its answer, in order."""

    def __post_init__(self):
        super().__post_init__()
        self.trace: list[tuple[tuple, object]] = []
        self._asked: dict[tuple, object] = {}

    def ask(self, question, *args):
        """The one history question method (see Context.ask), recorded with its answer."""
        key = (question, *args)
        if key in self._asked:
            return self._asked[key]
        answer = question(self.history, *args)
        self._asked[key] = answer
        self.trace.append((key, answer))
        return answer

    def check(self, rule: str, ok: bool, message, citation: str) -> bool:
        if not ok:
            raise _Failed
        return True

    def attempt(self, judge) -> tuple[bool, list, list]:
        """One track of "one of the following", quietly: met or not (no reasons kept)."""
        used = len(self.initiatives_used)
        try:
            judge(self)
            ok = True
        except _Failed:
            ok = False
        codes = self.initiatives_used[used:]
        del self.initiatives_used[used:]
        return ok, [], codes

    def shown_rating(self, year: int) -> None:
        return None  # for message text only, and a quiet run keeps no message

    def counting_year(self, year: int) -> bool:
        # Without discipline every year counts: `discipline` is a fact of the case (in the
        # tree's key), so the answer needs no node.
        return self.ask(HistoryIndex.counting, year) if self.case.discipline else True


class _Outcome:
    """A leaf of the tree: what every case reaching it gets."""

    __slots__ = ("eligible", "law", "initiatives_used", "reward")

    def __init__(self, eligible: bool, law: str, initiatives_used: tuple, reward: dict | None):
        self.eligible, self.law = eligible, law
        self.initiatives_used, self.reward = initiatives_used, reward


# How the walk answers a node's question. A province's screening walks about 17 nodes per
# person (ten awards), and calling the HistoryIndex method at each was a third of the walk: the
# three questions asked at nearly every node are answered inline instead, each restating its
# method's body (HistoryIndex.rated_at_least, .holds, .held_years) over the index's `ratings`
# and `held` dicts; any other question is called. tests/awards/eligibility/test_screening.py
# compares every inline answer with the method's over generated histories.
_CALL, _RATED, _HOLDS, _YEARS = range(4)


class _Node:
    """An inner node: the question asked next (a HistoryIndex method and its arguments), and
    the subtree for each answer seen; `op`, `a`, `b`: how the walk answers it (see _CALL)."""

    __slots__ = ("question", "ask", "args", "children", "op", "a", "b")

    def __init__(self, question: tuple):
        self.question, self.ask, self.args, self.children = (
            question, question[0], question[1:], {})
        self.op, self.a, self.b = _CALL, None, None
        ask, args = self.ask, self.args
        if ask is HistoryIndex.rated_at_least and args[1] in RATING_ORDER:
            self.op, self.a, self.b = _RATED, args[0], RATING_ORDER[args[1]]
        elif ask is HistoryIndex.holds:
            self.op, self.a, self.b = _HOLDS, args[0], args[1]
        elif ask is HistoryIndex.held_years:
            self.op, self.a = _YEARS, args[0]


class Explanation(Sequence):
    """The reasons of a screened verdict, built by `engine.evaluate` when first read: of
    `case`, or (`key`: award, registration) of its twin for that award, built then too."""

    __slots__ = ("_case", "_params", "_key", "_reasons")

    def __init__(self, case: Case, params: Parameters, key: tuple | None = None):
        self._case, self._params, self._key, self._reasons = case, params, key, None

    def _all(self) -> tuple:
        if self._reasons is None:
            case = self._case if self._key is None else _twin(self._case, self._key)
            self._reasons = evaluate(case, self._params).reasons
        return self._reasons

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self._all()) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


# The fields of a Case that are NOT facts of the tree's key, each with the reason. Every other
# field is a fact by construction: a field added to Case keys the tree without anyone
# remembering to list it here.
NOT_FACTS = {
    "id": "names the case; no rule reads it",
    "award": "the tree is chosen by award (the second level of the key)",
    "registered": "the tree is chosen by registration (the second level of the key)",
    "ratings": "history: read only through Context.ask, recorded as questions",
    "awards": "history: read only through Context.ask, recorded as questions",
    "history": "the index of `ratings`/`awards`/`discipline`, asked through Context.ask",
    "extra": "free-form data no rule may read (tests/awards/eligibility enforce it)",
}


def fact_fields(case_type: type = Case) -> tuple[str, ...]:
    """The fields of `case_type` that key the tree: all but NOT_FACTS."""
    return tuple(f.name for f in dataclasses.fields(case_type) if f.name not in NOT_FACTS)


_GETTERS: dict[type, operator.attrgetter] = {}


def _facts(case: Case) -> tuple:
    """Every fact of the case a rule may read besides the award, the registration and the
    history's answers: every field not listed in NOT_FACTS (of the case's own class, so a
    subclass's new field is a fact too)."""
    getter = _GETTERS.get(type(case))
    if getter is None:
        getter = _GETTERS[type(case)] = operator.attrgetter(*fact_fields(type(case)))
    return getter(case)


def _twin(case: Case, key: tuple) -> Case:
    """`case` asking for `key`'s award with `key`'s registration."""
    award, registered = key
    if award == case.award and registered == case.registered:
        return case
    return case.for_award(award, registered=registered)


# Built for every eligible row of a province's list: the field names are checked once.
_make_verdict = assembler(Verdict, ("id", "award", "eligible", "law", "reasons",
                                    "initiatives_used", "reward"))


class Screener:
    """`screen(case)`: the verdict when the case is eligible (the same verdict as
    `engine.evaluate`), else None — learnt once per distinct path (see the module docstring).
    A failed necessary condition (rules' PRECHECKS) ends a rule run early. `max_nodes` bounds
    the tree's memory: past it, cases are still judged, just not remembered."""

    def __init__(self, params: Parameters = DEFAULT_PARAMETERS, max_nodes: int = 200_000):
        self.params = params
        self.max_nodes = max_nodes
        self.nodes = 0
        self.runs = 0  # rules actually run (misses), for the benchmark
        # case facts → (award, registered) → tree. Consecutive cases usually share their facts
        # (the same person's other awards; people with no discipline, pending matter or
        # initiative): the last facts are compared first, by identity before value.
        self._trees: dict[tuple, dict] = {}
        self._last: tuple = (None, None)
        self._unchecked: dict[tuple, tuple] = {}  # awards → their keys, registration unchecked

    def screen(self, case: Case) -> Verdict | None:
        found = self._screen(case, ((case.award, case.registered),))
        return found[0] if found else None

    def screen_each(self, case: Case, awards: Iterable[str],
                    registered: frozenset[str] | None) -> list[Verdict]:
        """The eligible verdicts of `case`'s subject for each of `awards` — what
        `screen(case.for_award(award, registered=…))` answers for each — given the award codes
        of the subject's approved registrations (None: not checked). The subject's facts are
        looked up once and a case for an award is built only when needed."""
        if registered is None:  # the usual case: the same keys for everyone
            awards = tuple(awards)
            keys = self._unchecked.get(awards)
            if keys is None:
                keys = self._unchecked[awards] = tuple((award, None) for award in awards)
        else:
            keys = [(award, award in registered) for award in awards]
        return self._screen(case, keys)

    def _screen(self, case: Case, keys: Iterable[tuple]) -> list[Verdict]:
        """The eligible verdicts of `case`'s subject for each (award, registered) of `keys`:
        down each tree by asking the history each node's question (see _CALL for how), to the
        outcome reached; a history giving an answer not seen yet (or an empty tree) runs the
        rule (`_learn`). The walk is written out here, not called: it runs ten times a person."""
        trees, history = self._trees_for(case), case.index()
        ratings, held = history.ratings, history.held
        found = []
        for key in keys:
            node = trees.get(key)
            while type(node) is _Node:
                op = node.op
                if op == _RATED:  # HistoryIndex.rated_at_least(year, level); b: level's order
                    rating = ratings.get(node.a)
                    answer = rating is not None and RATING_ORDER[rating] >= node.b
                elif op == _HOLDS:  # HistoryIndex.holds(award, year)
                    answer = node.b in held.get(node.a, ())
                elif op == _YEARS:  # HistoryIndex.held_years(award)
                    answer = tuple(sorted(held.get(node.a, ())))
                else:
                    answer = node.ask(history, *node.args)
                node = node.children.get(answer)
            if node is None:
                node = self._learn(trees, key, _twin(case, key))
            if node.eligible:
                found.append(self._verdict(case, node, key))
        return found

    def _trees_for(self, case: Case) -> dict:
        facts = _facts(case)
        last_facts, trees = self._last
        if facts != last_facts:
            trees = self._trees.setdefault(facts, {})
            self._last = (facts, trees)
        return trees

    def _learn(self, trees: dict, key: tuple, case: Case) -> _Outcome:
        """Run the rule on `case` (a miss) and file its path under `trees[key]`."""
        outcome, trace = self._run(case)
        if self.nodes < self.max_nodes:
            self._file(trees, key, trace, outcome)
        return outcome

    def _run(self, case: Case) -> tuple[_Outcome, list]:
        rule = RULES.get(case.award)
        if rule is None and case.award in MANUAL:  # appraised by hand: never listed
            return _Outcome(False, law_for_year(case.year).title, (), None), []
        if rule is None:
            raise UnknownAward(case.award)
        self.runs += 1
        ctx = _QuietContext(case=case, law=law_for_year(case.year), params=self.params)
        check_handles(case.award, rule, ctx.law)
        precheck = PRECHECKS.get(case.award)
        try:
            if precheck is not None and not precheck(ctx):
                raise _Failed
            rule(ctx)
        except _Failed:
            return _Outcome(False, ctx.law.title, (), None), ctx.trace
        reward = self.params.reward(case.award, case.subject.kind, case.effective_decision_date)
        return _Outcome(True, ctx.law.title, tuple(ctx.initiatives_used), reward), ctx.trace

    def _file(self, trees: dict, key: tuple, trace: list, outcome: _Outcome) -> None:
        """Add the path `trace` → `outcome` to the tree `trees[key]`."""
        parent, slot = trees, key
        for question, answer in trace:
            node = parent.get(slot)
            if node is None:
                node = parent[slot] = _Node(question)
                self.nodes += 1
            if type(node) is not _Node or node.question != question:
                # The rule asked something else after the same answers: it reads a fact that is
                # neither in `_facts` nor asked of the history. Fail loudly rather than answer
                # later cases from a wrong tree (the property tests guard against this).
                raise AssertionError(f"screening: rule for {key[0]} is not deterministic")
            parent, slot = node.children, answer
        if slot not in parent:
            parent[slot] = outcome
            self.nodes += 1

    def _verdict(self, case: Case, outcome: _Outcome, key: tuple) -> Verdict:
        """The eligible verdict for `case`'s twin for `key` (award, registration), built on
        `outcome`; the twin itself only if its reasons are read (Explanation)."""
        return _make_verdict(
            case.id, key[0], True, outcome.law, Explanation(case, self.params, key),
            outcome.initiatives_used,
            dict(outcome.reward) if outcome.reward is not None else None)
