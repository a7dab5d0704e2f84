"""Emulation titles for collectives and households (Law 06/2022/QH15 Art. 25–31; Law 2003
amended 2013 Art. 25–28 for achievement years before 2024)."""

from awards.eligibility.laws import LAW_2013, LAW_2022, judged_under
from awards.eligibility.rules.common import (
    Context,
    _,
    any_track,
    check_hold,
    check_rating,
    check_registration,
    check_subject,
)
from awards.eligibility.rules.merit_forms import any_recorded

WRITTEN_FOR = judged_under(LAW_2013, LAW_2022)  # see individual_titles.WRITTEN_FOR


def _members(ctx: Context):
    members = ctx.case.members
    ctx.check(f"{ctx.case.award}.members", members is not None and members.total > 0,
              _("Members: %(total)s.") % {"total": members.total} if members and members.total
              else _("The collective's member figures are missing."), ctx.cite("Điều 27–28"))
    return members if members and members.total > 0 else None


def _ldtt_share(ctx: Context, members, key: str, article: str) -> None:
    needed = ctx.number(key)
    strictly = ctx.number("collective.ldtt_share_strictly_above").value and key.endswith("tt_ldtt")
    share = members.ldtt / members.total
    ok = share > needed.value if strictly else share >= needed.value
    ctx.check(f"{ctx.case.award}.ldtt_share", ok,
              _("%(ldtt)s of %(total)s members (%(share)s%%) are LĐTT; needs %(op)s "
                "%(needed)s%%.") % {"ldtt": members.ldtt, "total": members.total,
                                    "share": round(share * 100, 1),
                                    "op": _("over") if strictly else _("at least"),
                                    "needed": round(needed.value * 100)},
              needed.citation)


def _no_warning_discipline(ctx: Context, members, article: str) -> None:
    ctx.check(f"{ctx.case.award}.no_discipline", members.disciplined_warning_or_above == 0,
              _("No member disciplined at warning level or above.")
              if members.disciplined_warning_or_above == 0 else
              _("%(n)s member(s) disciplined at warning level or above.") % {
                  "n": members.disciplined_warning_or_above}, ctx.cite(article))


@WRITTEN_FOR
def advanced_collective(ctx: Context, armed_forces: bool = False) -> None:
    """Tập thể LĐTT / Đơn vị tiên tiến (Art. 28): good task completion, ≥70 % LĐTT (the 2013
    law: more than 50 %), nobody disciplined at warning level or above."""
    check_subject(ctx, ("collective",), armed_forces=armed_forces)
    check_registration(ctx)
    check_hold(ctx)
    check_rating(ctx, f"{ctx.case.award}.rating", "tot", "Điều 28")
    members = _members(ctx)
    if members:
        _ldtt_share(ctx, members, "collective.ldtt_share_tt_ldtt", "Điều 28")
        _no_warning_discipline(ctx, members, "Điều 28")


@WRITTEN_FOR
def excellent_collective(ctx: Context, armed_forces: bool = False) -> None:
    """Tập thể LĐ xuất sắc / Đơn vị quyết thắng (Art. 27): excellent completion, 100 % of members
    complete their tasks, ≥70 % LĐTT, at least one CSTĐ cơ sở, no warning-level discipline."""
    check_subject(ctx, ("collective",), armed_forces=armed_forces)
    check_registration(ctx)
    check_hold(ctx)
    check_rating(ctx, f"{ctx.case.award}.rating", "xuat_sac", "Điều 27")
    members = _members(ctx)
    if not members:
        return
    ctx.check(f"{ctx.case.award}.all_complete", members.completed_tasks >= members.total,
              _("%(done)s of %(total)s members completed their tasks (needs all).") % {
                  "done": members.completed_tasks, "total": members.total}, ctx.cite("Điều 27"))
    _ldtt_share(ctx, members, "collective.ldtt_share_tt_ldxs", "Điều 27")
    ctx.check(f"{ctx.case.award}.has_cstd_co_so", members.cstd_co_so >= 1,
              _("%(n)s member(s) are CSTĐ cơ sở (needs at least one).") % {
                  "n": members.cstd_co_so}, ctx.cite("Điều 27"))
    _no_warning_discipline(ctx, members, "Điều 27")


def _leading_cluster(ctx: Context, article: str) -> None:
    """The excellent collective voted the leading unit of its emulation cluster/block."""
    check_rating(ctx, f"{ctx.case.award}.rating", "xuat_sac", article)
    ctx.check(f"{ctx.case.award}.cluster_leading", ctx.case.cluster_leading,
              _("Voted the leading unit of its emulation cluster/block.")
              if ctx.case.cluster_leading else
              _("Must be the leading unit of its emulation cluster/block (cluster vote)."),
              ctx.cite(article))


def _flag_cap(ctx: Context) -> None:
    """A cluster proposes Cờ thi đua của Chính phủ for at most a share of its leading units
    (CV 5007/BNV-TĐKT [P]); checked when the cluster's figures are given."""
    quota = ctx.case.flag_quota
    if quota is None:
        return
    share = ctx.number("co_thi_dua_cp.cap_share_of_cluster_leaders")
    cap = int(quota.cluster_leaders * share.value)
    ctx.check("co_thi_dua_cp.cap", quota.proposed <= cap,
              _("The cluster proposes %(proposed)s Cờ thi đua của Chính phủ; the cap is %(cap)s "
                "(%(share)s%% of %(leaders)s leading units).") % {
                  "proposed": quota.proposed, "cap": cap, "share": round(share.value * 100),
                  "leaders": quota.cluster_leaders}, share.citation)


_FLAG_JUDGES = {"cluster": _leading_cluster}


@WRITTEN_FOR
def emulation_flag(ctx: Context) -> None:
    """Cờ thi đua cấp bộ/tỉnh (Art. 26) and of the Government (Art. 25), one of their tracks
    (legal_parameters.TRACKS): the excellent collective leading its cluster/block (judged from
    the cluster vote); the Government's flag also for the leader of a Central Council cluster
    and of a Prime Minister's movement of ≥5 years, the province's for the leader of a thematic
    movement of ≥3 years (appraised). The Government's flag is capped per cluster."""
    check_subject(ctx, ("collective",))
    check_registration(ctx)
    check_hold(ctx)
    any_track(ctx, _FLAG_JUDGES)
    if ctx.case.award == "co_thi_dua_cp":
        _flag_cap(ctx)


@WRITTEN_FOR
def framework_title(ctx: Context) -> None:
    """Xã tiêu biểu, Thôn/tổ dân phố văn hóa, Gia đình văn hóa (Art. 29–31): criteria come from
    separate frameworks, assessed outside the engine; the engine checks the result is recorded."""
    kinds = ("household",) if ctx.case.award == "gia_dinh_van_hoa" else ("collective",)
    check_subject(ctx, kinds)
    check_hold(ctx)
    met = ctx.case.framework_met
    ctx.check(f"{ctx.case.award}.framework", met is True,
              _("Meets the criteria framework (assessment recorded).") if met else
              _("Not assessed against the criteria framework yet.") if met is None else
              _("Does not meet the criteria framework."), ctx.cite("Điều 29–31"))


@WRITTEN_FOR
def advanced_unit(ctx: Context) -> None:
    """Đơn vị tiên tiến: the armed-forces equivalent of Tập thể LĐTT."""
    advanced_collective(ctx, armed_forces=True)


@WRITTEN_FOR
def excellent_unit(ctx: Context) -> None:
    """Đơn vị quyết thắng: the armed-forces equivalent of Tập thể LĐ xuất sắc."""
    excellent_collective(ctx, armed_forces=True)


PRECHECKS = {  # necessary conditions (see individual_titles.PRECHECKS)
    "co_thi_dua_tinh": lambda ctx: ctx.case.cluster_leading or any_recorded(ctx),
    "co_thi_dua_cp": lambda ctx: ctx.case.cluster_leading or any_recorded(ctx),
}

# Tracks judged from records (the cluster vote); the others are met only by the appraisal.
JUDGED_TRACKS = {"co_thi_dua_tinh": frozenset(_FLAG_JUDGES),
                 "co_thi_dua_cp": frozenset(_FLAG_JUDGES)}

RULES = {
    "tt_ldtt": advanced_collective,
    "don_vi_tien_tien": advanced_unit,
    "tt_ldxs": excellent_collective,
    "don_vi_quyet_thang": excellent_unit,
    "co_thi_dua_tinh": emulation_flag,
    "co_thi_dua_cp": emulation_flag,
    "xa_tieu_bieu": framework_title,
    "thon_van_hoa": framework_title,
    "gia_dinh_van_hoa": framework_title,
}
