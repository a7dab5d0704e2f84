import datetime

import pytest

from awards.eligibility.engine import evaluate
from awards.eligibility.laws import DEFAULT_PARAMETERS as P
from tests.awards.eligibility.builders import COLLECTIVE, Subject, case, members

D = datetime.date


@pytest.mark.parametrize(("award", "kind", "on", "amount"), [
    ("ldtt", "individual", D(2025, 8, 1), 710_000),       # 702,000 rounded up (Decree 152 Art. 49)
    ("ldtt", "individual", D(2026, 7, 1), 760_000),       # 759,000 at 2,530,000
    ("cstd_co_so", "individual", D(2025, 2, 10), 2_340_000),
    ("bang_khen_tinh", "individual", D(2025, 8, 1), 3_510_000),   # 1.5 × 2,340,000
    ("bang_khen_tinh", "individual", D(2023, 8, 1), 1_800_000),   # Decree 91: 1.0 × 1,800,000
    ("bang_khen_tinh", "collective", D(2025, 8, 1), 7_020_000),   # 3.0
    ("bang_khen_tinh", "household", D(2025, 8, 1), 5_270_000),    # 1.5 × 1.5 × 2,340,000
    ("co_thi_dua_tinh", "collective", D(2026, 9, 1), 20_240_000),  # 8 × 2,530,000
])
def test_reward_is_coefficient_times_base_salary_rounded_up(award, kind, on, amount):
    assert P.reward(award, kind, on)["amount_vnd"] == amount


def test_reward_cites_the_decree_in_force():
    assert "Nghị định 152/2025/NĐ-CP" in P.reward("ldtt", "individual", D(2025, 8, 1))["citation"]
    assert "Nghị định 91/2017/NĐ-CP" in P.reward("ldtt", "individual", D(2023, 8, 1))["citation"]


def test_no_coefficient_no_reward():
    assert P.reward("ldtt", "collective", D(2025, 8, 1)) is None


def test_verdict_carries_reward_only_when_eligible():
    yes = evaluate(case("ldtt", 2025, ratings=[(2025, "tot")], decision_date=D(2026, 1, 20)))
    no = evaluate(case("ldtt", 2025, ratings=[(2025, "hoan_thanh")]))
    assert yes.reward["amount_vnd"] == 710_000
    assert no.reward is None


def test_default_decision_date_is_31_january_next_year():
    verdict = evaluate(case("tt_ldtt", 2024, subject=COLLECTIVE, ratings=[(2024, "tot")],
                            members=members()))
    assert verdict.reward["base_salary_vnd"] == 2_340_000


def test_posthumous_flag_is_accepted():
    verdict = evaluate(case("ldtt", 2025, subject=Subject("individual", posthumous=True),
                            ratings=[(2025, "tot")]))
    assert verdict.eligible
