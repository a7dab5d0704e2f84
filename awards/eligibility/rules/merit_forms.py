"""Giấy khen by issuer, Bằng khen cấp bộ/tỉnh and Bằng khen của Thủ tướng with their tracks (Law
06/2022/QH15 Art. 73–75; Law 2003 amended 2013 Art. 71–72, 75 and Decree 91/2017/NĐ-CP Art. 38–39
for achievement years before 2024). The orders are in rules/orders.py."""

from awards.eligibility.laws import LAW_2013, LAW_2022, judged_under
from awards.eligibility.rules.common import (
    RATING_LABELS,
    SCOPE_LABELS,
    Context,
    _,
    any_track,
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


def _household_contribution(ctx: Context, article: str) -> None:
    met = ctx.case.framework_met
    ctx.check("bang_khen_tinh.household_contribution", met is True,
              _("Household contribution recorded.") if met else
              _("Household contribution not assessed yet."), ctx.cite(article))


def _diploma_collective(ctx: Context, article: str) -> None:
    """Bằng khen cấp bộ/tỉnh, collective: 2 consecutive years of excellent completion."""
    years = ctx.number("bang_khen_tinh.consecutive_years")
    excellent = _consecutive_years(ctx, "xuat_sac")
    ctx.check("bang_khen_tinh.excellent_years", excellent >= years.value,
              _("%(run)s consecutive excellent year(s) up to %(year)s (needs %(n)s).") % {
                  "run": excellent, "year": ctx.case.year, "n": years.value}, years.citation)


def _diploma_individual(ctx: Context, article: str) -> None:
    """Bằng khen cấp bộ/tỉnh, individual (Art. 74.1.d): 2 consecutive CSTĐ cơ sở, or ≥2
    consecutive excellent years with 2 initiatives / research works applied at cơ sở level.
    Before 2024 (Decree 91 Art. 39): ≥2 consecutive excellent years with 2 initiatives."""
    year = ctx.case.year
    years = ctx.number("bang_khen_tinh.consecutive_years")
    excellent = _consecutive_years(ctx, "xuat_sac")
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


@WRITTEN_FOR
def provincial_diploma(ctx: Context) -> None:
    """Bằng khen cấp bộ/tỉnh (Art. 74): one of its tracks — individual points (a)–(đ), workers
    and farmers, entrepreneurs and scientists, collectives (a)–(c), households
    (legal_parameters.TRACKS). Judged from records: individual (d), the collective's excellent
    years, the household's recorded contribution; the others from the appraisal."""
    _common(ctx)
    any_track(ctx, _PROVINCIAL_JUDGES)


_PROVINCIAL_JUDGES = {"d": _diploma_individual, "collective_excellent": _diploma_collective,
                      "household": _household_contribution}


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


def _pm_individual(ctx: Context, article: str) -> None:
    """Bằng khen của Thủ tướng, individual track (b) (Art. 73.1.b): holds a ministry/province
    diploma, then ≥5 consecutive years "good" or better with 3 times CSTĐ cơ sở. Before 2024
    (Decree 91 Art. 38): 5 consecutive excellent years with 5 initiatives."""
    old = ctx.law < LAW_2022
    level = ctx.number("bang_khen_ttg.rating_after_bang_khen_tinh").value
    base = _after_award(ctx, "bang_khen_tinh", "bang_khen_ttg.years_after_bang_khen_tinh",
                        level, "bang_khen_ttg.after_bang_khen_tinh")
    if old:
        _initiatives_since(ctx, base, "bang_khen_ttg.initiatives", "bang_khen_ttg.initiatives")
    else:
        _count_since(ctx, "cstd_co_so", base, "bang_khen_ttg.cstd_co_so_times",
                     "bang_khen_ttg.cstd_co_so")


def _pm_collective(ctx: Context, article: str) -> None:
    """Collective: the ministry/province diploma, then 5 consecutive excellent years."""
    _after_award(ctx, "bang_khen_tinh", "bang_khen_ttg.years_after_bang_khen_tinh", "xuat_sac",
                 "bang_khen_ttg.after_bang_khen_tinh")


@WRITTEN_FOR
def prime_minister_diploma(ctx: Context) -> None:
    """Bằng khen của Thủ tướng (Art. 73): individual points (a)–(c), workers and farmers,
    entrepreneurs, households, collectives (legal_parameters.TRACKS); individual (b) and the
    collective's diploma-then-excellence track are judged from records."""
    _common(ctx)
    any_track(ctx, _PM_JUDGES)


_PM_JUDGES = {"b": _pm_individual, "collective_excellent": _pm_collective}


def held_before(award: str):
    return lambda ctx: any(y < ctx.case.year for y in ctx.held_years(award))


def any_recorded(ctx: Context) -> bool:
    """Whether the appraisal recorded any track of the award (a necessary condition's escape:
    a recorded track needs no history)."""
    prefix = ctx.case.award + "."
    return any(code.startswith(prefix) for code in ctx.case.achievements)


PRECHECKS = {  # necessary conditions (see individual_titles.PRECHECKS)
    "bang_khen_tinh": lambda ctx: ctx.case.subject.kind == "household" or any_recorded(ctx)
    or ctx.holds("cstd_co_so", ctx.case.year) or ctx.rated_at_least(ctx.case.year, "xuat_sac"),
    "bang_khen_ttg": lambda ctx: any_recorded(ctx) or held_before("bang_khen_tinh")(ctx),
}

# Tracks judged from records; every other track of TRACKS is met only by the appraisal.
JUDGED_TRACKS = {"bang_khen_tinh": frozenset(_PROVINCIAL_JUDGES),
                 "bang_khen_ttg": frozenset(_PM_JUDGES)}

RULES = {
    "giay_khen": certificate_of_merit,
    "giay_khen_xa": certificate_of_merit,
    "giay_khen_doanh_nghiep": certificate_of_merit,
    "bang_khen_tinh": provincial_diploma,
    "bang_khen_ttg": prime_minister_diploma,
}
