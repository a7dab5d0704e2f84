"""The pure scoring arithmetic: exact values, and hypothesis properties of ranking and totals."""

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulation.movements.domain.scoring import Node, classify, compute, max_total, rank

TREE = [
    Node("1", None, D(60)), Node("1.1", "1", D(40)), Node("1.2", "1", D(30)),
    Node("2", None, D(40), weight=D("0.5")), Node("2.1", "2", D(25)), Node("2.2", "2", D(25)),
    Node("3", None, D(5), kind="bonus"), Node("3.1", "3", D(5)), Node("3.2", "3", D(5)),
    Node("4", None, D(10), kind="penalty"),
]


def test_group_capped_weighted_bonus_capped_penalty_subtracted():
    result = compute(TREE, {"1.1": D(38), "1.2": D(30), "2.1": D(25), "2.2": D(20),
                            "3.1": D(4), "3.2": D(3), "4": D(2)})
    assert result.subtotals["1"] == D(60)  # 68 capped at 60
    assert result.subtotals["2"] == D(40)  # 45 capped at 40
    assert result.base == D("80.00")  # 60 + 40 × 0.5
    assert result.bonus == D("5.00")  # 7 capped at 5
    assert result.penalty == D("2.00")
    assert result.total == D("83.00")


def test_raw_points_are_clamped_and_total_floors_at_zero():
    result = compute(TREE, {"1.1": D(-5), "1.2": D(99), "4": D(50)})
    assert result.subtotals["1.1"] == D(0)
    assert result.subtotals["1.2"] == D(30)
    assert result.penalty == D("10.00")
    assert result.total == D("20.00")
    assert compute(TREE, {"4": D(3)}).total == D("0.00")


def test_max_total():
    assert max_total(TREE) == D("85.00")  # 60 + 40 × 0.5 + 5


def test_rank_ties_share_and_skip():
    assert rank({"a": D(90), "b": D(80), "c": D(80), "d": D(70)}) == {
        "a": 1, "b": 2, "c": 2, "d": 4}
    assert rank({}) == {}


def test_classify_thresholds_as_data():
    assert [classify(D(x)) for x in (95, 90, 89.99, 80, 65, 64.99)] == [
        "xuat_sac", "xuat_sac", "tot", "tot", "kha", ""]
    assert classify(D(70), (("dat", "50"), ("gioi", "70"))) == "gioi"


totals_st = st.dictionaries(st.integers(0, 40), st.decimals(0, 100, places=2), max_size=30)


# deadline/too_slow off: the shared CI machine is often loaded; the properties are what count.
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(totals_st)
def test_rank_order_matches_total_order(totals):
    ranks = rank(totals)
    for a in totals:
        for b in totals:
            if totals[a] > totals[b]:
                assert ranks[a] < ranks[b]
            if totals[a] == totals[b]:
                assert ranks[a] == ranks[b]
        assert ranks[a] == 1 + sum(1 for v in totals.values() if v > totals[a])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(totals_st, st.decimals(0, 50, places=2))
def test_raising_a_score_never_lowers_its_rank(totals, extra):
    for key in totals:
        raised = {**totals, key: totals[key] + extra}
        assert rank(raised)[key] <= rank(totals)[key]


leaf_codes = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4"]
raw_st = st.fixed_dictionaries({c: st.decimals(-10, 120, places=2) for c in leaf_codes})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_st)
def test_total_within_bounds(raw):
    result = compute(TREE, raw)
    assert D(0) <= result.total <= max_total(TREE)
    assert result.bonus <= D(5) and result.penalty <= D(10)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_st, st.sampled_from(leaf_codes[:-1]), st.decimals(0, 50, places=2))
def test_more_points_never_lower_the_total(raw, code, extra):
    assert compute(TREE, {**raw, code: raw[code] + extra}).total >= compute(TREE, raw).total
