"""Property-based tests: invariants of the engine over generated histories."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from awards.eligibility.engine import evaluate
from awards.eligibility.facts import HeldAward, Rating
from tests.awards.eligibility.builders import case, initiative

AWARDS = ["ldtt", "cstd_co_so", "cstd_tinh", "cstd_toan_quoc", "giay_khen", "giay_khen_xa",
          "giay_khen_doanh_nghiep", "bang_khen_tinh", "bang_khen_ttg", "hc_lao_dong_3",
          "hc_lao_dong_2", "hc_lao_dong_1"]
# Tracks the appraisal may record (legal_parameters.TRACKS), a few per form, and the armed
# forces' combat creativity.
RECORDED = ["bang_khen_tinh.a", "bang_khen_tinh.worker", "bang_khen_tinh.collective_a",
            "bang_khen_ttg.c", "bang_khen_ttg.household", "bang_khen_ttg.collective_c",
            "hc_lao_dong_3.career", "hc_lao_dong_2.other", "hc_lao_dong_1.collective_other",
            "co_thi_dua_cp.movement", "co_thi_dua_tinh.thematic", "cstd_co_so.combat",
            "cstd_tinh.combat"]
achievements = st.frozensets(st.sampled_from(RECORDED), max_size=2)
YEARS = st.integers(min_value=2015, max_value=2026)
# One rating per year, as the database guarantees (TaskRating: unique person × year).
ratings = st.lists(st.builds(Rating, YEARS, st.sampled_from(
    ["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"])), max_size=12,
    unique_by=lambda r: r.year)
held = st.lists(st.builds(HeldAward, st.sampled_from(AWARDS), YEARS,
                          st.sampled_from(["cong_trang", "cong_trang", "dot_xuat"]),
                          st.booleans()), max_size=12)
scopes = st.sampled_from(["co_so", "tinh", "toan_quoc"])
initiatives = st.lists(st.builds(lambda i, s, y: initiative(f"SK-{i}", s, y),
                                 st.integers(0, 99), scopes, YEARS), max_size=4, unique_by=lambda
                       x: x.code)
cases = st.builds(lambda award, year, r, a, i, rec: case(award, year, ratings=r, awards=a,
                                                          initiatives=i, achievements=rec),
                  st.sampled_from(AWARDS), st.integers(2018, 2026), ratings, held, initiatives,
                  achievements)


@settings(max_examples=300, deadline=None)
@given(cases, st.sampled_from(AWARDS), YEARS)
def test_adding_a_revoked_award_never_changes_the_verdict(c, award, year):
    before = evaluate(c)
    after = evaluate(dataclasses.replace(c, awards=(*c.awards, HeldAward(award, year,
                                                                          revoked=True))))
    assert (after.eligible, [r.ok for r in after.reasons]) == (
        before.eligible, [r.ok for r in before.reasons])


@settings(max_examples=300, deadline=None)
@given(cases, st.data())
def test_removing_a_qualifying_year_never_makes_ineligible_eligible(c, data):
    before = evaluate(c)
    if before.eligible or not (c.ratings or c.awards):
        return
    if c.ratings and data.draw(st.booleans()):
        drop = data.draw(st.sampled_from(c.ratings))
        smaller = dataclasses.replace(c, ratings=tuple(r for r in c.ratings if r != drop))
    elif c.awards:
        drop = data.draw(st.sampled_from(c.awards))
        smaller = dataclasses.replace(c, awards=tuple(a for a in c.awards if a != drop))
    else:
        return
    assert evaluate(smaller).eligible is False


@settings(max_examples=200, deadline=None)
@given(cases)
def test_every_verdict_lists_citations_and_eligible_means_all_met(c):
    verdict = evaluate(c)
    assert all(r.citation for r in verdict.reasons)
    assert verdict.eligible == all(r.ok for r in verdict.reasons)
    assert (verdict.reward is None) or verdict.eligible


@settings(max_examples=200, deadline=None)
@given(cases)
def test_pending_matter_always_blocks(c):
    assert evaluate(dataclasses.replace(c, pending=("investigation",))).eligible is False


@settings(max_examples=400, deadline=None)
@given(cases)
def test_screen_agrees_with_full_evaluation(c):
    """A failed precheck never hides an eligible case (a fresh Screener runs the rule, prechecks
    first)."""
    from awards.eligibility.screening import Screener

    verdict = evaluate(c)
    screened = Screener().screen(c)
    assert (screened is not None) == verdict.eligible


@settings(max_examples=200, deadline=None)
@given(cases)
def test_shared_history_index_gives_the_same_verdict(c):
    """Batch screening shares one HistoryIndex per person; verdicts must not change."""
    from awards.eligibility.facts import HistoryIndex

    shared = dataclasses.replace(c, history=HistoryIndex(c.ratings, c.awards, c.discipline))
    assert [r.as_dict() for r in evaluate(shared).reasons] == [
        r.as_dict() for r in evaluate(c).reasons]
