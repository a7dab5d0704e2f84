import pytest

from awards.eligibility.engine import evaluate
from tests.awards.eligibility.builders import (
    COLLECTIVE,
    Subject,
    case,
    held,
    initiative,
    members,
    rated,
)

HOUSEHOLD = Subject(kind="household")


def failing(verdict):
    return [r.rule for r in verdict.reasons if not r.ok]


# ------------------------------------------------------------------ collective percentages

TT_LDTT_TABLE = [
    # year, members (total, ldtt), disciplined, eligible — Law 2022 Art. 28: ≥ 70 %;
    # Law 2013 Art. 28: more than 50 %.
    (2024, (20, 14), 0, True), (2024, (20, 13), 0, False), (2024, (10, 7), 1, False),
    (2023, (20, 11), 0, True), (2023, (20, 10), 0, False), (2023, (10, 10), 1, False),
]


@pytest.mark.parametrize(("year", "counts", "disciplined", "eligible"), TT_LDTT_TABLE)
def test_tt_ldtt_share_by_law_version(year, counts, disciplined, eligible):
    total, ldtt = counts
    verdict = evaluate(case("tt_ldtt", year, subject=COLLECTIVE, ratings=[(year, "tot")],
                            members=members(total, total, ldtt, 0, disciplined)))
    assert verdict.eligible is eligible


TT_LDXS_TABLE = [
    # total, completed, ldtt, cstd, disciplined, rating, failing rules
    (20, 20, 14, 1, 0, "xuat_sac", []),
    (20, 19, 14, 1, 0, "xuat_sac", ["tt_ldxs.all_complete"]),
    (20, 20, 13, 1, 0, "xuat_sac", ["tt_ldxs.ldtt_share"]),
    (20, 20, 14, 0, 0, "xuat_sac", ["tt_ldxs.has_cstd_co_so"]),
    (20, 20, 14, 1, 1, "xuat_sac", ["tt_ldxs.no_discipline"]),
    (20, 20, 14, 1, 0, "tot", ["tt_ldxs.rating"]),
]


@pytest.mark.parametrize(("total", "done", "ldtt", "cstd", "disc", "rating", "fails"),
                         TT_LDXS_TABLE)
def test_tt_ldxs_conditions(total, done, ldtt, cstd, disc, rating, fails):
    verdict = evaluate(case("tt_ldxs", 2025, subject=COLLECTIVE, ratings=[(2025, rating)],
                            members=members(total, done, ldtt, cstd, disc)))
    assert failing(verdict) == fails


def test_collective_without_member_figures_is_not_eligible():
    verdict = evaluate(case("tt_ldtt", 2025, subject=COLLECTIVE, ratings=[(2025, "tot")]))
    assert failing(verdict) == ["tt_ldtt.members"]


def test_individual_cannot_receive_collective_title():
    verdict = evaluate(case("tt_ldtt", 2025, ratings=[(2025, "tot")], members=members()))
    assert "tt_ldtt.subject" in failing(verdict)


@pytest.mark.parametrize("award", ["co_thi_dua_tinh", "co_thi_dua_cp"])
def test_emulation_flag_needs_cluster_leadership(award):
    base = {"subject": COLLECTIVE, "ratings": [(2025, "xuat_sac")]}
    appraised = {"co_thi_dua_tinh": ["thematic"], "co_thi_dua_cp": ["central_cluster",
                                                                     "movement"]}[award]
    assert failing(evaluate(case(award, 2025, **base))) == [
        f"{award}.cluster_leading", *(f"{award}.{track}" for track in appraised)]
    assert evaluate(case(award, 2025, cluster_leading=True, **base)).eligible


@pytest.mark.parametrize(("met", "eligible"), [(True, True), (False, False), (None, False)])
def test_framework_titles_need_recorded_assessment(met, eligible):
    verdict = evaluate(case("gia_dinh_van_hoa", 2025, subject=HOUSEHOLD, framework_met=met))
    assert verdict.eligible is eligible


# ------------------------------------------------------------------ forms

def test_giay_khen_for_individual_and_collective():
    assert evaluate(case("giay_khen", 2025, ratings=[(2025, "tot")])).eligible
    assert not evaluate(case("giay_khen", 2025, ratings=[(2025, "hoan_thanh")])).eligible
    assert evaluate(case("giay_khen", 2025, subject=COLLECTIVE, ratings=[(2025, "tot")])).eligible


@pytest.mark.parametrize(("kwargs", "eligible"), [
    ({"awards": held("cstd_co_so", 2024, 2025)}, True),
    ({"ratings": rated("xuat_sac", 2024, 2025),
      "initiatives": [initiative("A", "co_so", 2024), initiative("B", "co_so", 2025)]}, True),
    ({"ratings": rated("xuat_sac", 2024, 2025),
      "initiatives": [initiative("A", "co_so", 2024)]}, False),
    ({"awards": held("cstd_co_so", 2023, 2025)}, False),
])
def test_bang_khen_tinh_individual_2022(kwargs, eligible):
    """Law 2022 Art. 74.1.d."""
    assert evaluate(case("bang_khen_tinh", 2025, **kwargs)).eligible is eligible


def test_bang_khen_tinh_before_2024_needs_excellence_and_initiatives():
    """Decree 91/2017 Art. 39: two consecutive CSTĐ cơ sở alone were not a path."""
    assert not evaluate(case("bang_khen_tinh", 2023, awards=held("cstd_co_so", 2022, 2023))
                        ).eligible
    assert evaluate(case("bang_khen_tinh", 2023, ratings=rated("xuat_sac", 2022, 2023),
                         initiatives=[initiative("A", "co_so", 2022),
                                      initiative("B", "co_so", 2023)])).eligible


def test_bang_khen_tinh_collective_two_excellent_years():
    assert evaluate(case("bang_khen_tinh", 2025, subject=COLLECTIVE,
                         ratings=rated("xuat_sac", 2024, 2025))).eligible
    assert not evaluate(case("bang_khen_tinh", 2025, subject=COLLECTIVE,
                             ratings=rated("xuat_sac", 2025))).eligible


# The tracks of Art. 73.1 appraised from the achievement report, listed when none is met.
TTG_APPRAISED = ["bang_khen_ttg.a", "bang_khen_ttg.c", "bang_khen_ttg.entrepreneur"]


def ttg_case(**overrides):
    base = {"awards": held("bang_khen_tinh", 2019) + held("cstd_co_so", 2021, 2023, 2025),
            "ratings": rated("tot", 2020, 2021, 2022, 2023, 2024, 2025)}
    return case("bang_khen_ttg", 2025, **(base | overrides))


def test_bang_khen_ttg_track_b():
    """Law 2022 Art. 73.1.b: provincial diploma, then 5 consecutive good years, 3× CSTĐ cơ sở."""
    assert evaluate(ttg_case()).eligible


def test_bang_khen_ttg_needs_five_years_after_the_diploma():
    verdict = evaluate(ttg_case(awards=held("bang_khen_tinh", 2022)
                                + held("cstd_co_so", 2023, 2024, 2025)))
    assert failing(verdict) == ["bang_khen_ttg.after_bang_khen_tinh", *TTG_APPRAISED]


def test_bang_khen_ttg_needs_three_cstd_co_so_since():
    verdict = evaluate(ttg_case(awards=held("bang_khen_tinh", 2019) + held("cstd_co_so", 2023,
                                                                             2025)))
    assert failing(verdict) == ["bang_khen_ttg.cstd_co_so", *TTG_APPRAISED]


def test_bang_khen_ttg_revoked_diploma_never_counts():
    verdict = evaluate(ttg_case(awards=held("bang_khen_tinh", 2019, revoked=True)
                                + held("cstd_co_so", 2021, 2023, 2025)))
    assert "bang_khen_ttg.after_bang_khen_tinh" in failing(verdict)


def test_hc_lao_dong_3_needs_an_excellent_year():
    base = {"awards": held("bang_khen_ttg", 2019) + held("cstd_co_so", 2021, 2023, 2025),
            "ratings": rated("tot", 2020, 2021, 2022, 2023, 2024, 2025)}
    assert failing(evaluate(case("hc_lao_dong_3", 2025, **base))) == [
        "hc_lao_dong_3.excellent_year", "hc_lao_dong_3.career", "hc_lao_dong_3.other"]
    base["ratings"] = rated("tot", 2020, 2021, 2022, 2023, 2024) + rated("xuat_sac", 2025)
    assert evaluate(case("hc_lao_dong_3", 2025, **base)).eligible
