"""Forms of commendation covered so far: Giấy khen, Bằng khen cấp bộ/tỉnh, Bằng khen của Thủ
tướng, Huân chương Lao động hạng Ba (Law 06/2022/QH15 Art. 44, 73–75; Law 2003 amended 2013
Art. 47 and Decree 91/2017/NĐ-CP Art. 38–39 for achievement years before 2024)."""

from awards.eligibility.laws import LAW_2013, LAW_2022, judged_under
from awards.eligibility.rules.common import (
    RATING_LABELS,
    SCOPE_LABELS,
    Context,
    _,
    award_label,
    check_discipline,
    check_hold,
    check_rating,
    check_subject,
    proof_message,
)

WRITTEN_FOR = judged_under(LAW_2013, LAW_2022)  # see individual_titles.WRITTEN_FOR


def _common(ctx: Context, kinds=("individual", "collective", "household")) -> None:
    check_subject(ctx, kinds)
    check_hold(ctx)
    if ctx.case.subject.kind == "individual":
        check_discipline(ctx)


@WRITTEN_FOR
def certificate_of_merit(ctx: Context) -> None:
    """Giấy khen (Art. 75): achievements within the unit's scope; the province sets details. The
    merit-kind baseline checked here is a "good" task rating (individuals, collectives);
    households need the recorded contribution assessment."""
    _common(ctx)
    if ctx.case.subject.kind == "household":
        met = ctx.case.framework_met
        ctx.check("giay_khen.household_contribution", met is True,
                  _("Household contribution recorded.") if met else
                  _("Household contribution not assessed yet."), ctx.cite("Điều 75"))
        return
    check_rating(ctx, "giay_khen.rating", "tot", "Điều 75")


def _consecutive_years(ctx: Context, level: str) -> int:
    return ctx.consecutive_run(lambda y: ctx.rated_at_least(y, level) and ctx.counting_year(y),
                               ctx.case.year)


@WRITTEN_FOR
def provincial_diploma(ctx: Context) -> None:
    """Bằng khen cấp bộ/tỉnh. Individuals (Art. 74.1.d): 2 consecutive CSTĐ cơ sở, or ≥2
    consecutive excellent years with 2 initiatives / research works applied at cơ sở level.
    Before 2024 (Decree 91 Art. 39): ≥2 consecutive excellent years with 2 initiatives.
    Collectives: 2 consecutive excellent years. Households: recorded contribution."""
    _common(ctx)
    kind, year = ctx.case.subject.kind, ctx.case.year
    years = ctx.number("bang_khen_tinh.consecutive_years")
    if kind == "household":
        met = ctx.case.framework_met
        ctx.check("bang_khen_tinh.household_contribution", met is True,
                  _("Household contribution recorded.") if met else
                  _("Household contribution not assessed yet."), ctx.cite("Điều 74"))
        return
    excellent = _consecutive_years(ctx, "xuat_sac")
    if kind == "collective":
        ctx.check("bang_khen_tinh.excellent_years", excellent >= years.value,
                  _("%(run)s consecutive excellent year(s) up to %(year)s (needs %(n)s).") % {
                      "run": excellent, "year": year, "n": years.value}, years.citation)
        return
    cstd_run = ctx.consecutive_run(lambda y: ctx.holds("cstd_co_so", y), year)
    needed = ctx.number("bang_khen_tinh.initiatives")
    proofs = ctx.proofs("co_so", until_year=year, after_year=year - max(excellent, 1))
    by_cstd = ctx.law >= LAW_2022 and cstd_run >= years.value
    by_excellence = excellent >= years.value and len(proofs) >= needed.value
    if by_cstd:
        message = _("%(run)s consecutive CSTĐ cơ sở up to %(year)s.") % {"run": cstd_run,
                                                                         "year": year}
    elif by_excellence:
        message = _("%(run)s consecutive excellent years; %(proofs)s") % {
            "run": excellent, "proofs": proof_message(ctx, proofs[:needed.value], needed.value,
                                                      SCOPE_LABELS["co_so"], "co_so")}
        ctx.use(proofs[:needed.value])
    else:
        message = _("Needs %(n)s consecutive CSTĐ cơ sở (has %(cstd)s), or %(n)s consecutive "
                    "excellent years (has %(exc)s) with %(k)s initiatives at cơ sở level (has "
                    "%(found)s).") % {"n": years.value, "cstd": cstd_run, "exc": excellent,
                                      "k": needed.value, "found": len(proofs)}
        if ctx.law < LAW_2022:
            message = _("Needs %(n)s consecutive excellent years (has %(exc)s) with %(k)s "
                        "initiatives at cơ sở level (has %(found)s).") % {
                "n": years.value, "exc": excellent, "k": needed.value, "found": len(proofs)}
    ctx.check("bang_khen_tinh.achievements", by_cstd or by_excellence, message, years.citation)


def _after_award(ctx: Context, award: str, years_key: str, level: str, rule: str):
    """The latest `award` held, then ≥N consecutive years rated `level` or better after it,
    up to the assessed year. Returns the year of that award (or None)."""
    year = ctx.case.year
    held = [y for y in ctx.held_years(award) if y < year]
    years = ctx.number(years_key)
    base = held[-1] if held else None
    run = min(_consecutive_years(ctx, level), year - base) if base is not None else 0
    ok = base is not None and run >= years.value
    ctx.check(rule, ok,
              _("Holds %(award)s (%(base)s) and %(run)s consecutive qualifying year(s) since.")
              % {"award": award_label(award), "base": base, "run": run} if ok else
              _("Needs %(award)s and then %(n)s consecutive years rated “%(level)s” or better "
                "(has %(run)s).") % {"award": award_label(award), "n": years.value, "run": run,
                                      "level": RATING_LABELS[level]} if base is not None else
              _("Needs %(award)s first.") % {"award": award_label(award)}, years.citation)
    return base


def _count_since(ctx: Context, award: str, base, key: str, rule: str) -> None:
    needed = ctx.number(key)
    since = [y for y in ctx.held_years(award) if base is not None and base < y <= ctx.case.year]
    count = len(since)
    ctx.check(rule, count >= needed.value,
              _("%(count)s time(s) %(award)s since then (needs %(n)s).") % {
                  "count": count, "award": award_label(award), "n": needed.value},
              needed.citation)


def _initiatives_since(ctx: Context, base, key: str, rule: str) -> None:
    needed = ctx.number(key)
    proofs = ctx.proofs("co_so", until_year=ctx.case.year, after_year=base or 0)
    if ctx.check(rule, len(proofs) >= needed.value,
                 proof_message(ctx, proofs[:needed.value], needed.value, SCOPE_LABELS["co_so"],
                               "co_so"), needed.citation):
        ctx.use(proofs[:needed.value])


@WRITTEN_FOR
def prime_minister_diploma(ctx: Context) -> None:
    """Bằng khen của Thủ tướng, individual track (b) (Art. 73.1.b): holds a ministry/province
    diploma, then ≥5 consecutive years "good" or better with 3 times CSTĐ cơ sở. Before 2024
    (Decree 91 Art. 38): 5 consecutive excellent years with 5 initiatives. Collectives: the
    ministry/province diploma, then 5 consecutive excellent years [U: simplified]."""
    _common(ctx, ("individual", "collective"))
    old = ctx.law < LAW_2022
    level = "xuat_sac" if old or ctx.case.subject.kind == "collective" else "tot"
    base = _after_award(ctx, "bang_khen_tinh", "bang_khen_ttg.years_after_bang_khen_tinh", level,
                        "bang_khen_ttg.after_bang_khen_tinh")
    if ctx.case.subject.kind != "individual":
        return
    if old:
        _initiatives_since(ctx, base, "bang_khen_ttg.initiatives", "bang_khen_ttg.initiatives")
    else:
        _count_since(ctx, "cstd_co_so", base, "bang_khen_ttg.cstd_co_so_times",
                     "bang_khen_ttg.cstd_co_so")


@WRITTEN_FOR
def labour_order_third(ctx: Context) -> None:
    """Huân chương Lao động hạng Ba, individual track (Art. 44.1.e): holds the PM's diploma, then
    ≥5 consecutive years "good" or better including ≥1 excellent year and 3 times CSTĐ cơ sở.
    Before 2024 (Law 2013 Art. 47): 5 consecutive excellent years with 5 initiatives."""
    _common(ctx, ("individual", "collective"))
    old = ctx.law < LAW_2022
    level = "xuat_sac" if old else "tot"
    base = _after_award(ctx, "bang_khen_ttg", "hc_lao_dong_3.years_after_bang_khen_ttg", level,
                        "hc_lao_dong_3.after_bang_khen_ttg")
    if ctx.case.subject.kind != "individual":
        return
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


def _held_before(award: str):
    return lambda ctx: any(y < ctx.case.year for y in ctx.held_years(award))


PRECHECKS = {  # necessary conditions (see individual_titles.PRECHECKS)
    "bang_khen_tinh": lambda ctx: ctx.case.subject.kind == "household"
    or ctx.holds("cstd_co_so", ctx.case.year) or ctx.rated_at_least(ctx.case.year, "xuat_sac"),
    "bang_khen_ttg": _held_before("bang_khen_tinh"),
    "hc_lao_dong_3": _held_before("bang_khen_ttg"),
}

RULES = {
    "giay_khen": certificate_of_merit,
    "bang_khen_tinh": provincial_diploma,
    "bang_khen_ttg": prime_minister_diploma,
    "hc_lao_dong_3": labour_order_third,
}
