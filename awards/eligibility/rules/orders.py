"""Huân chương Lao động hạng Ba, Nhì, Nhất with their individual, collective and career tracks
(Law 06/2022/QH15 Art. 42–44; Law 2003 amended 2013 Art. 45–47 for achievement years before
2024). The other orders are appraised by hand (catalogue.APPRAISE_BY_HAND)."""

from awards.eligibility.laws import LAW_2013, LAW_2022, judged_under
from awards.eligibility.rules.common import (
    SCOPE_LABELS,
    Context,
    _,
    any_track,
    proof_message,
)
from awards.eligibility.rules.merit_forms import (
    _after_award,
    _common,
    _count_since,
    _initiatives_since,
    any_recorded,
    held_before,
)

WRITTEN_FOR = judged_under(LAW_2013, LAW_2022)  # see individual_titles.WRITTEN_FOR
LOWER = {"hc_lao_dong_2": "hc_lao_dong_3", "hc_lao_dong_1": "hc_lao_dong_2"}


def _third_individual(ctx: Context, article: str) -> None:
    """Hạng Ba, individual track (Art. 44.1.e): holds the PM's diploma, then ≥5 consecutive
    years "good" or better including ≥1 excellent year and 3 times CSTĐ cơ sở. Before 2024
    (Law 2013 Art. 47): 5 consecutive excellent years with 5 initiatives."""
    old = ctx.law < LAW_2022
    base = _after_award(ctx, "bang_khen_ttg", "hc_lao_dong_3.years_after_bang_khen_ttg",
                        "xuat_sac" if old else "tot", "hc_lao_dong_3.after_bang_khen_ttg")
    if old:
        _initiatives_since(ctx, base, "hc_lao_dong_3.initiatives", "hc_lao_dong_3.initiatives")
        return
    needed = ctx.number("hc_lao_dong_3.excellent_years")
    excellent = [y for y in range((base or ctx.case.year) + 1, ctx.case.year + 1)
                 if ctx.rated_at_least(y, "xuat_sac") and ctx.counting_year(y)]
    ctx.check("hc_lao_dong_3.excellent_year", len(excellent) >= needed.value,
              _("%(n)s excellent year(s) since then (needs %(needed)s).") % {
                  "n": len(excellent), "needed": needed.value}, needed.citation)
    _count_since(ctx, "cstd_co_so", base, "hc_lao_dong_3.cstd_co_so_times",
                 "hc_lao_dong_3.cstd_co_so")


def _third_collective(ctx: Context, article: str) -> None:
    """Hạng Ba, collective (Art. 44.2; old law Art. 47): the PM's diploma, then ≥5 consecutive
    years of *excellent* completion."""
    _after_award(ctx, "bang_khen_ttg", "hc_lao_dong_3.years_after_bang_khen_ttg", "xuat_sac",
                 "hc_lao_dong_3.after_bang_khen_ttg")


def _after_lower_class(ctx: Context, article: str) -> None:
    """Hạng Nhì / Nhất, individual: the next-lower class, then N consecutive excellent years
    with K initiatives / research works of at least the scope the data sets [U]."""
    award = ctx.case.award
    lower = LOWER[award]
    base = _after_award(ctx, lower, f"{award}.years_after_{lower}", "xuat_sac",
                        f"{award}.after_{lower}")
    needed, scope = ctx.number(f"{award}.initiatives"), ctx.number(f"{award}.initiative_scope")
    proofs = ctx.proofs(scope.value, until_year=ctx.case.year, after_year=base or 0)
    if ctx.check(f"{award}.initiatives", len(proofs) >= needed.value,
                 proof_message(ctx, proofs[:needed.value], needed.value,
                               SCOPE_LABELS[scope.value], scope.value), needed.citation):
        ctx.use(proofs[:needed.value])


def _collective_after_lower_class(ctx: Context, article: str) -> None:
    """Hạng Nhì / Nhất, collective: the next-lower class, then N consecutive excellent years."""
    award = ctx.case.award
    lower = LOWER[award]
    _after_award(ctx, lower, f"{award}.years_after_{lower}", "xuat_sac", f"{award}.after_{lower}")


@WRITTEN_FOR
def labour_order(ctx: Context) -> None:
    """Huân chương Lao động, any class: one of its tracks (legal_parameters.TRACKS). The
    career-contribution tracks (quá trình cống hiến: years in a post, Decree 152/2025 Art. 9 and
    21) and the achievement tracks are appraised from the dossier; the ladders from records."""
    _common(ctx, ("individual", "collective"))
    any_track(ctx, _ORDER_JUDGES)


_ORDER_JUDGES = {"e": _third_individual, "collective_excellent": _third_collective,
                 "after_lower": _after_lower_class,
                 "collective_after_lower": _collective_after_lower_class}


def _ladder_or_recorded(lower: str):
    return lambda ctx: any_recorded(ctx) or held_before(lower)(ctx)


PRECHECKS = {  # necessary conditions (see individual_titles.PRECHECKS)
    "hc_lao_dong_3": _ladder_or_recorded("bang_khen_ttg"),
    "hc_lao_dong_2": _ladder_or_recorded("hc_lao_dong_3"),
    "hc_lao_dong_1": _ladder_or_recorded("hc_lao_dong_2"),
}

# Tracks judged from records (the ladders); the career and achievement tracks are met only by
# the appraisal.
JUDGED_TRACKS = dict.fromkeys(("hc_lao_dong_3", "hc_lao_dong_2", "hc_lao_dong_1"),
                              frozenset(_ORDER_JUDGES))

RULES = {"hc_lao_dong_3": labour_order, "hc_lao_dong_2": labour_order,
         "hc_lao_dong_1": labour_order}
