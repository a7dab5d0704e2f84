"""The Screener (awards.eligibility.screening): the same answers as the full evaluation, with
each rule run once per distinct path."""

import dataclasses
import datetime
import inspect
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.eligibility import engine, screening
from awards.eligibility.engine import evaluate
from awards.eligibility.facts import Case, FlagQuota, HistoryIndex, Rating, Subject, UnitQuota
from awards.eligibility.laws import DEFAULT_PARAMETERS, LAWS
from awards.eligibility.screening import Screener
from tests.awards.eligibility.builders import (
    COLLECTIVE,
    PERSON,
    case,
    held,
    initiative,
    members,
    penalty,
    rated,
)
from tests.awards.eligibility.test_properties import AWARDS, achievements, initiatives, ratings
from tests.awards.eligibility.test_properties import held as held_awards

COLLECTIVE_AWARDS = ["tt_ldtt", "tt_ldxs", "co_thi_dua_tinh", "co_thi_dua_cp", "xa_tieu_bieu",
                     "giay_khen", "giay_khen_xa", "bang_khen_tinh", "bang_khen_ttg",
                     "hc_lao_dong_3", "hc_lao_dong_2", "hc_lao_dong_1", "ky_niem_chuong"]
HOUSEHOLD = Subject(kind="household")
SOLDIER = Subject(kind="individual", armed_forces=True)
disciplines = st.lists(st.builds(
    lambda y, months, level: penalty(datetime.date(y, 3, 1),
                                     datetime.date(y, 3, 1) + datetime.timedelta(days=30 * months),
                                     level),
    st.integers(2018, 2026), st.integers(1, 24), st.sampled_from(["khien_trach", "canh_cao"])),
    max_size=2)
individual_cases = st.builds(
    lambda award, year, r, a, i, d, pending, registered, soldier, quota, rec: case(
        award, year, ratings=r, awards=a, initiatives=i, discipline=d,
        pending=("complaint",) if pending else (), registered=registered,
        subject=SOLDIER if soldier else PERSON,
        unit_quota=UnitQuota(*quota) if quota else None, achievements=rec),
    st.sampled_from([*AWARDS, "cstt"]), st.integers(2018, 2026), ratings, held_awards,
    initiatives, disciplines, st.booleans(), st.sampled_from([None, True, False]),
    st.booleans(), st.none() | st.tuples(st.integers(0, 40), st.integers(0, 8)),
    achievements)
collective_cases = st.builds(
    lambda award, year, r, a, m, leading, framework, household, rec, flags: case(
        award, year, ratings=r, awards=a, members=m, cluster_leading=leading,
        framework_met=framework, subject=HOUSEHOLD if household else COLLECTIVE,
        achievements=rec, flag_quota=FlagQuota(*flags) if flags else None),
    st.sampled_from(COLLECTIVE_AWARDS), st.integers(2018, 2026), ratings, held_awards,
    st.none() | st.builds(members, st.integers(0, 30), st.integers(0, 30), st.integers(0, 30),
                          st.integers(0, 3), st.integers(0, 2)),
    st.booleans(), st.sampled_from([None, True, False]), st.booleans(), achievements,
    st.none() | st.tuples(st.integers(0, 20), st.integers(0, 5)))

# One screener for every generated case: later cases walk the tree earlier ones grew.
SHARED = Screener()


def _same_as_evaluation(screener: Screener, c) -> None:
    full = evaluate(c)
    screened = screener.screen(c)
    # A form appraised by hand (eligible None) is never listed as qualifying.
    assert (screened is not None) == (full.eligible is True)
    if screened is not None:
        assert screened.as_dict() == full.as_dict()
        assert screened == full


@settings(max_examples=600, deadline=None)
@given(individual_cases)
def test_screener_agrees_with_the_full_evaluation_for_individuals(c):
    _same_as_evaluation(SHARED, c)


@settings(max_examples=300, deadline=None)
@given(collective_cases)
def test_screener_agrees_with_the_full_evaluation_for_collectives_and_households(c):
    _same_as_evaluation(SHARED, c)


@settings(max_examples=200, deadline=None)
@given(individual_cases)
def test_a_shared_history_index_and_a_second_screening_give_the_same_answer(c):
    shared = dataclasses.replace(c, history=HistoryIndex(c.ratings, c.awards, c.discipline))
    screener = Screener()
    first = screener.screen(shared)
    runs = screener.runs
    again = screener.screen(dataclasses.replace(c, id="other"))
    assert screener.runs == runs  # answered from the tree
    assert (first is None, again is None) == (evaluate(c).eligible is False,) * 2
    if again is not None:
        assert again.id == "other"


def test_people_with_the_same_relevant_facts_share_one_run_of_the_rule():
    screener = Screener()
    a = case("ldtt", 2025, ratings=rated("tot", 2023, 2024, 2025))
    b = case("ldtt", 2025, ratings=rated("xuat_sac", 2021) + rated("tot", 2025),
             awards=held("giay_khen", 2022))
    weak = case("ldtt", 2025, ratings=rated("hoan_thanh", 2025))
    verdicts = [screener.screen(dataclasses.replace(x, id=name))
                for name, x in (("a", a), ("b", b), ("weak", weak))]
    # LĐTT asks the history one question (the 2025 rating): "tot" twice, then "hoan_thanh".
    assert screener.runs == 2
    assert [v.id if v else None for v in verdicts] == ["a", "b", None]
    assert verdicts[1].reward == evaluate(b).reward
    assert [r.rule for r in verdicts[1].reasons] == [r.rule for r in evaluate(b).reasons]


def test_facts_outside_the_history_keep_cases_apart():
    """Pending matters, discipline, registration and initiatives are part of the key: the same
    ratings with a pending complaint are not answered from the other person's path."""
    screener = Screener()
    good = case("cstd_co_so", 2025, ratings=rated("tot", 2025), awards=held("ldtt", 2025),
                initiatives=[initiative("SK-1", "co_so", 2025)])
    assert screener.screen(good).initiatives_used == ("SK-1",)
    assert screener.screen(dataclasses.replace(good, pending=("complaint",))) is None
    assert screener.screen(dataclasses.replace(good, registered=False)) is None
    other = screener.screen(dataclasses.replace(good, initiatives=(
        initiative("SK-2", "co_so", 2025),)))
    assert other.initiatives_used == ("SK-2",)
    assert screener.screen(dataclasses.replace(
        good, discipline=(penalty(datetime.date(2025, 2, 1), datetime.date(2025, 9, 1)),),
        history=None)) is None


def test_past_max_nodes_cases_are_judged_but_not_remembered():
    screener = Screener(max_nodes=0)
    c = case("ldtt", 2025, ratings=rated("tot", 2025))
    assert [screener.screen(c) is not None for _ in range(3)] == [True, True, True]
    assert (screener.runs, screener.nodes) == (3, 0)


def test_the_reasons_of_a_screened_verdict_are_the_full_evaluation():
    c = case("bang_khen_tinh", 2025, ratings=rated("xuat_sac", 2024, 2025),
             awards=held("cstd_co_so", 2024, 2025))
    verdict = Screener().screen(c)
    full = evaluate(c, DEFAULT_PARAMETERS)
    assert list(verdict.reasons) == list(full.reasons)
    assert len(verdict.reasons) == len(full.reasons)
    assert verdict.missing == []
    assert verdict.reasons[0] == full.reasons[0]


@pytest.mark.parametrize("path", sorted(
    Path(__file__).resolve().parents[3].joinpath("awards/eligibility/rules").glob("*.py")))
def test_rules_read_the_history_only_through_the_context(path):
    """The screener's tree records the questions rules ask through Context's accessors and
    keys everything else on the case's facts (screening._facts): a rule reading the history
    index or the free-form `extra` directly would escape both."""
    source = path.read_text(encoding="utf-8")
    if path.name == "common.py":  # the Context itself implements the accessors
        source = re.sub(r"class Context:.*?\n\n\ndef ", "", source, flags=re.S)
    assert re.findall(r"\.history\b|case\.extra|case\.ratings|case\.awards", source) == []


@settings(max_examples=300, deadline=None)
@given(individual_cases, st.none() | st.frozensets(st.sampled_from([*AWARDS, "cstt"])))
def test_screen_each_answers_what_screen_answers_for_each_award(c, registered):
    awards = [*AWARDS, "cstt"]
    each = SHARED.screen_each(c, awards, registered)
    one_by_one = [evaluate(c.for_award(a, registered=None if registered is None
                                       else a in registered)) for a in awards]
    assert [v.as_dict() for v in each] == [v.as_dict() for v in one_by_one if v.eligible]


# ------------------------------------------------------------------ the walk's inline answers

QUESTIONS = st.one_of(
    st.tuples(st.just(HistoryIndex.rated_at_least), st.integers(2014, 2027),
              st.sampled_from(["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"])),
    st.tuples(st.just(HistoryIndex.holds), st.sampled_from([*AWARDS, "cstt"]),
              st.integers(2014, 2027)),
    st.tuples(st.just(HistoryIndex.held_years), st.sampled_from([*AWARDS, "cstt"])),
    st.tuples(st.just(HistoryIndex.rating), st.integers(2014, 2027)),
    st.tuples(st.just(HistoryIndex.counting), st.integers(2014, 2027)))


def _one_node_tree(screener: Screener, c: Case, question: tuple, answer) -> tuple:
    """A tree for `c` whose only question is `question`: the answer `answer` (and no other)
    leads to an eligible leaf; any other answer is a miss, which would run the rule of an
    award that has none (UnknownAward). The key the tree is filed under."""
    node = screening._Node(question)
    node.children[answer] = screening._Outcome(True, "probe", (), None)
    screener._trees[screening._facts(c)] = {("probe", None): node}
    return ("probe", None)


@settings(max_examples=400, deadline=None)
@given(ratings, held_awards, disciplines, QUESTIONS)
def test_the_walk_answers_each_question_as_the_history_method_does(r, a, d, question):
    """The walk answers the common questions inline (screening._CALL); each answer must be
    the HistoryIndex method's, over generated histories with revoked, ad hoc and
    discipline-struck awards."""
    c = case("ldtt", 2025, ratings=r, awards=a, discipline=d)
    expected = question[0](c.index(), *question[1:])
    screener = Screener()
    key = _one_node_tree(screener, c, question, expected)

    found = screener._screen(c, [key])

    assert [v.award for v in found] == ["probe"]
    assert screener.runs == 0


def test_a_level_the_ratings_do_not_know_is_asked_of_the_method():
    """`rated_at_least` with a level outside RATING_ORDER is called, not answered inline: the
    method raises as it would in a full evaluation instead of the walk answering."""
    node = screening._Node((HistoryIndex.rated_at_least, 2025, "gioi"))
    c = case("ldtt", 2025, ratings=rated("tot", 2025))
    screener = Screener()
    key = _one_node_tree(screener, c, node.question, True)

    assert node.op == screening._CALL
    with pytest.raises(KeyError):
        screener._screen(c, [key])


def test_an_eligible_verdict_builds_its_twin_case_only_when_its_reasons_are_read():
    c = case("ldtt", 2025, ratings=rated("xuat_sac", 2024, 2025),
             awards=held("ldtt", 2024, 2025) + held("cstd_co_so", 2024))
    verdicts = Screener().screen_each(c, ["ldtt", "cstd_co_so"], None)

    assert [v.award for v in verdicts] == ["ldtt", "cstd_co_so"]
    assert verdicts[1].reasons._reasons is None  # not evaluated yet
    assert list(verdicts[1].reasons) == list(evaluate(c.for_award("cstd_co_so")).reasons)


# ------------------------------------------------------------------ facts keyed by construction

def test_every_case_field_is_a_fact_unless_explicitly_excluded():
    names = {f.name for f in dataclasses.fields(Case)}
    assert set(screening.NOT_FACTS) <= names  # no stale exclusion hides a renamed field
    assert set(screening.fact_fields()) == names - set(screening.NOT_FACTS)


@dataclasses.dataclass(frozen=True)
class _CaseWithANewField(Case):
    overseas: bool = False  # a fact someone adds to Case and a rule reads


def test_a_new_case_field_changes_the_key_and_the_screening_follows_it(monkeypatch):
    """A rule reading a field nobody listed: the Screener still keeps the cases apart."""
    def rule(ctx):
        ctx.check("t.overseas", not ctx.case.overseas, "", "")
        ctx.check("t.rating", ctx.rated_at_least(ctx.case.year, "tot"), "", "")
    rule.laws = frozenset(LAWS)
    monkeypatch.setitem(engine.RULES, "ldtt", rule)
    monkeypatch.setitem(screening.RULES, "ldtt", rule)
    home = _CaseWithANewField(id="a", award="ldtt", year=2025, subject=PERSON,
                              ratings=(Rating(2025, "tot"),))
    away = dataclasses.replace(home, id="b", overseas=True, history=None)
    assert screening._facts(home) != screening._facts(away)
    screener = Screener()
    assert screener.screen(home) is not None
    assert screener.screen(away) is None
    assert evaluate(away).eligible is False


def test_the_screener_overrides_one_history_method():
    """Every history question goes through Context.ask: the quiet context records by
    overriding it (plus the message-only rating, the no-discipline shortcut and the quiet trial
    of one track of "one of the following", which asks through the same `ask`)."""
    from awards.eligibility.rules.common import Context
    overridden = {name for name in vars(screening._QuietContext) if not name.startswith("__")}
    assert overridden == {"ask", "check", "shown_rating", "counting_year", "attempt"}
    written = {name: fn for name, fn in vars(Context).items() if inspect.isfunction(fn)
               and fn.__code__.co_filename == inspect.getfile(Context)}  # not generated ones
    history_readers = {name for name, fn in written.items()
                       if ".history" in inspect.getsource(fn)}
    assert history_readers == {"__post_init__", "ask", "shown_rating"}
