"""Emulation titles for individuals: LĐTT / Chiến sĩ tiên tiến, CSTĐ cơ sở, CSTĐ cấp bộ/tỉnh,
CSTĐ toàn quốc (Law 06/2022/QH15 Art. 21–24; Law 2003 amended 2013 Art. 21–24 and Decree
91/2017/NĐ-CP for achievement years before 2024)."""

from awards.eligibility.laws import LAW_2013, LAW_2022, judged_under
from awards.eligibility.rules.common import (
    SCOPE_LABELS,
    Context,
    _,
    check_discipline,
    check_hold,
    check_rating,
    check_registration,
    check_subject,
    proof_message,
)

# Every rule here was written for these law versions; a new version must be reviewed for each
# (the engine refuses to judge under a version a rule does not declare).
WRITTEN_FOR = judged_under(LAW_2013, LAW_2022)


def _common(ctx: Context, *, armed_forces: bool | None = None) -> None:
    check_subject(ctx, ("individual",), armed_forces=armed_forces)
    check_registration(ctx)
    check_hold(ctx)
    check_discipline(ctx)


@WRITTEN_FOR
def advanced_worker(ctx: Context) -> None:
    """LĐTT (Art. 24.1): task rating "good" or better; self-reliant, united, active."""
    _common(ctx, armed_forces=False)
    check_rating(ctx, "ldtt.rating", "tot", "Điều 24")


@WRITTEN_FOR
def advanced_soldier(ctx: Context) -> None:
    """Chiến sĩ tiên tiến (Art. 24.2): the armed-forces equivalent of LĐTT."""
    _common(ctx, armed_forces=True)
    check_rating(ctx, "cstt.rating", "tot", "Điều 24")


def _meets_advanced(ctx: Context) -> bool:
    """Holds LĐTT/CSTT for the year, or meets its criteria (they are usually proposed together)."""
    year = ctx.case.year
    held = ctx.holds("ldtt", year) or ctx.holds("cstt", year)
    met = ctx.rated_at_least(year, "tot")
    if ctx.case.subject.armed_forces:  # Chiến sĩ tiên tiến is the armed forces' LĐTT
        return ctx.check("cstd_co_so.ldtt", held or met,
                         _("Holds or meets Chiến sĩ tiên tiến in %(year)s.") % {"year": year}
                         if held or met else
                         _("Does not meet Chiến sĩ tiên tiến in %(year)s (needs a “good” task "
                           "rating or better).") % {"year": year}, ctx.cite("Điều 23"))
    return ctx.check("cstd_co_so.ldtt", held or met,
                     _("Holds or meets Lao động tiên tiến in %(year)s.") % {"year": year}
                     if held or met else
                     _("Does not meet Lao động tiên tiến in %(year)s (needs a “good” task rating "
                       "or better).") % {"year": year}, ctx.cite("Điều 23"))


def _combat(ctx: Context) -> bool:
    """Armed forces: resourcefulness and creativity in combat or combat readiness, recognised
    by the competent commander, stands for the initiative (Law 2022 Art. 21–23)."""
    return ctx.case.subject.armed_forces and ctx.recorded(f"{ctx.case.award}.combat")


COMBAT_MESSAGE = _("Resourcefulness in combat or combat readiness recorded by the appraisal.")


@WRITTEN_FOR
def base_emulation_fighter(ctx: Context) -> None:
    """CSTĐ cơ sở. Law 2022 Art. 23: LĐTT and (excellent rating OR a cơ sở initiative / accepted
    research). Before 2024 (Law 2013 Art. 23, Decree 91/2017): the initiative was mandatory and
    the unit's CSTĐ cơ sở were capped at 15 % of its LĐTT."""
    _common(ctx)
    _meets_advanced(ctx)
    year = ctx.case.year
    proofs = ctx.proofs("co_so", until_year=year, after_year=year - 1)
    if ctx.law >= LAW_2022:  # the initiative became optional
        excellent = ctx.rated_at_least(year, "xuat_sac")
        combat = not excellent and not proofs and _combat(ctx)
        ok = excellent or bool(proofs) or combat
        if ok and not excellent and not combat:
            ctx.use(proofs[:1])
        message = (_("Rated excellent in %(year)s.") % {"year": year} if excellent else
                   proof_message(ctx, proofs[:1], 1, SCOPE_LABELS["co_so"], "co_so") if proofs
                   else COMBAT_MESSAGE if combat
                   else _("Needs an “excellent” task rating in %(year)s or an initiative / "
                          "research work recognised at cơ sở level that year.") % {"year": year})
        ctx.check("cstd_co_so.excellence_or_initiative", ok, message, ctx.cite("Điều 23"))
        return
    combat = not proofs and _combat(ctx)
    ok = ctx.check("cstd_co_so.initiative", bool(proofs) or combat,
                   COMBAT_MESSAGE if combat else
                   proof_message(ctx, proofs[:1], 1, SCOPE_LABELS["co_so"], "co_so"),
                   ctx.cite("Điều 23"))
    if ok and not combat:
        ctx.use(proofs[:1])
    quota = ctx.case.unit_quota
    if quota is not None:
        share = ctx.number("cstd_co_so.cap_share_of_ldtt")
        cap = int(quota.ldtt * share.value)
        ctx.check("cstd_co_so.quota", quota.cstd_co_so_proposed <= cap,
                  _("The unit proposes %(proposed)s CSTĐ cơ sở; the cap is %(cap)s "
                    "(%(share)s%% of %(ldtt)s LĐTT).") % {
                      "proposed": quota.cstd_co_so_proposed, "cap": cap,
                      "share": int(share.value * 100), "ldtt": quota.ldtt}, share.citation)


@WRITTEN_FOR
def provincial_emulation_fighter(ctx: Context) -> None:
    """CSTĐ cấp bộ, ban, ngành, tỉnh (Art. 22): 3 consecutive CSTĐ cơ sở ending in the assessed
    year, and an initiative / research work with ministry-province scope."""
    _common(ctx)
    year = ctx.case.year
    needed = ctx.number("ladder.cstd_co_so_for_cstd_tinh")
    run = ctx.consecutive_run(lambda y: ctx.holds("cstd_co_so", y), year)
    ctx.check("cstd_tinh.ladder", run >= needed.value,
              _("%(run)s consecutive year(s) of CSTĐ cơ sở up to %(year)s.") % {
                  "run": run, "year": year} if run >= needed.value else
              _("Needs %(more)s more consecutive year(s) of CSTĐ cơ sở (has %(run)s of "
                "%(needed)s up to %(year)s).") % {"more": needed.value - run, "run": run,
                                                  "needed": needed.value, "year": year},
              needed.citation)
    proofs = ctx.proofs("tinh", until_year=year, after_year=year - needed.value)
    combat = not proofs and _combat(ctx)
    if ctx.check("cstd_tinh.initiative_scope", bool(proofs) or combat,
                 COMBAT_MESSAGE if combat else
                 proof_message(ctx, proofs[:1], 1, SCOPE_LABELS["tinh"], "tinh"),
                 ctx.cite("Điều 22")) and not combat:
        ctx.use(proofs[:1])


@WRITTEN_FOR
def national_emulation_fighter(ctx: Context) -> None:
    """CSTĐ toàn quốc (Art. 21): 2 consecutive CSTĐ cấp bộ/tỉnh (consecutive terms, the latest in
    the assessed year) and an initiative / research work with nationwide scope."""
    _common(ctx)
    year = ctx.case.year
    needed = ctx.number("ladder.cstd_tinh_for_toan_quoc")
    term = ctx.number("ladder.cstd_tinh_term_years")
    held = set(ctx.held_years("cstd_tinh"))
    run = 0  # consecutive terms: the latest in `year`, each `term` years after the previous
    while year - run * term.value in held:
        run += 1
    ctx.check("cstd_toan_quoc.ladder", run >= needed.value,
              _("%(run)s consecutive CSTĐ cấp bộ/tỉnh, the latest in %(year)s.") % {
                  "run": run, "year": year} if run >= needed.value else
              _("Needs %(needed)s consecutive CSTĐ cấp bộ/tỉnh (every %(term)s years) with the "
                "latest in %(year)s; has %(run)s.") % {"needed": needed.value,
                                                       "term": term.value, "year": year,
                                                       "run": run},
              needed.citation)
    proofs = ctx.proofs("toan_quoc", until_year=year)
    combat = not proofs and _combat(ctx)
    if ctx.check("cstd_toan_quoc.initiative_scope", bool(proofs) or combat,
                 COMBAT_MESSAGE if combat else
                 proof_message(ctx, proofs[:1], 1, SCOPE_LABELS["toan_quoc"], "toan_quoc"),
                 ctx.cite("Điều 21")) and not combat:
        ctx.use(proofs[:1])


# Necessary conditions, cheap to test: a province-wide screening skips the full evaluation when
# one fails (a property test checks that a failed precheck never hides an eligible case).
PRECHECKS = {
    "ldtt": lambda ctx: ctx.rated_at_least(ctx.case.year, "tot"),
    "cstt": lambda ctx: ctx.rated_at_least(ctx.case.year, "tot"),
    "cstd_co_so": lambda ctx: ctx.rated_at_least(ctx.case.year, "tot")
    or ctx.holds("ldtt", ctx.case.year) or ctx.holds("cstt", ctx.case.year),
    "cstd_tinh": lambda ctx: ctx.holds("cstd_co_so", ctx.case.year),
    "cstd_toan_quoc": lambda ctx: ctx.holds("cstd_tinh", ctx.case.year),
}

RULES = {
    "ldtt": advanced_worker,
    "cstt": advanced_soldier,
    "cstd_co_so": base_emulation_fighter,
    "cstd_tinh": provincial_emulation_fighter,
    "cstd_toan_quoc": national_emulation_fighter,
}
