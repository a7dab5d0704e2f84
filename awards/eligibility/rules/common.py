"""Building blocks shared by the rule families: history queries over a Case and the conditions
that apply to every award (hold rule, discipline, subject kind)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from awards.data.catalogue import CATALOGUE
from awards.eligibility.facts import (
    SCOPE_ORDER,
    Case,
    HistoryIndex,
    Initiative,
    Research,
)
from awards.eligibility.laws import Law, Parameters, criteria_date

RATING_LABELS = {"xuat_sac": "hoàn thành xuất sắc nhiệm vụ", "tot": "hoàn thành tốt nhiệm vụ",
                 "hoan_thanh": "hoàn thành nhiệm vụ", "khong_hoan_thanh": "không hoàn thành"}


class Deferred:
    """A message translated and formatted only when it is read.

    Screening a province evaluates millions of conditions whose messages nobody reads; building
    them eagerly (gettext + formatting) cost half the engine's time. `_` below returns one of
    these; `%` binds parameters, `+` joins, `str()` renders in the active language.
    """

    __slots__ = ("msgid", "params", "parts")

    def __init__(self, msgid: str = "", params=None, parts=None):
        self.msgid, self.params, self.parts = msgid, params, parts

    def __mod__(self, params) -> "Deferred":
        return Deferred(self.msgid, params)

    def __add__(self, other) -> "Deferred":
        return Deferred(parts=(self, other))

    def __radd__(self, other) -> "Deferred":
        return Deferred(parts=(other, self))

    def __str__(self) -> str:
        if self.parts is not None:
            return "".join(str(part) for part in self.parts)
        text = gettext(self.msgid)
        return text % self.params if self.params is not None else text

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return repr(str(self))


_ = Deferred  # marks msgids for makemessages; translated when read


class Reason:
    """One condition checked: rule id, met or not, message, legal citation. A slotted class
    rather than a frozen dataclass: a province screening creates millions of them."""

    __slots__ = ("rule", "ok", "message", "citation")

    def __init__(self, rule: str, ok: bool, message, citation: str):
        self.rule, self.ok, self.message, self.citation = rule, ok, message, citation

    def __eq__(self, other) -> bool:
        return isinstance(other, Reason) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash((self.rule, self.ok, self.citation))

    def __repr__(self) -> str:
        return f"Reason({self.rule!r}, {self.ok!r}, {str(self.message)!r})"

    def as_dict(self) -> dict:
        return {"rule": self.rule, "ok": self.ok, "message": str(self.message),
                "citation": self.citation}


@dataclass
class Context:
    """One evaluation: the case, the law that governs it, parameters, and the reasons so far."""

    case: Case
    law: Law
    params: Parameters
    reasons: list[Reason] = field(default_factory=list)
    initiatives_used: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.history = self.case.index()
        self.on = criteria_date(self.law, self.case.year)  # criteria numbers are read at `on`

    def check(self, rule: str, ok: bool, message, citation: str) -> bool:
        self.reasons.append(Reason(rule, bool(ok), message, citation))
        return bool(ok)

    def recorded(self, code: str) -> bool:
        """Whether the appraisal recorded `code` ("<award>.<track>") as met."""
        return code in self.case.achievements

    def cite(self, article: str) -> str:
        """`article` is numbered as in Law 06/2022/QH15; the citation names the article of the
        law that governs the case."""
        return f"{self.law.short}, {self.params.article(self.law, article)}"

    def number(self, key: str):
        return self.params.criterion(key, self.on)

    # -------------------------------------------------------------- history
    # Every question to the history goes through `ask` (a HistoryIndex method and its
    # arguments): the Screener overrides `ask` alone to record the questions and answers its
    # decision tree is built from, so a new question cannot bypass the cache.

    def ask(self, question, *args):
        return question(self.history, *args)

    def counting_year(self, year: int) -> bool:
        """Achievements count only outside discipline periods: after a penalty, from the day it
        ends (Decree 152/2025 Art. 4.4)."""
        return self.ask(HistoryIndex.counting, year)

    def rating(self, year: int) -> str | None:
        return self.ask(HistoryIndex.rating, year)

    def shown_rating(self, year: int) -> str | None:
        """The rating for a message only: nothing may depend on it but the text (the Screener
        answers None, asking nothing)."""
        return self.history.rating(year)

    def rated_at_least(self, year: int, level: str) -> bool:
        return self.ask(HistoryIndex.rated_at_least, year, level)

    def holds(self, award: str, year: int) -> bool:
        """A non-revoked award of a ladder-feeding kind for that year, outside discipline."""
        return self.ask(HistoryIndex.holds, award, year)

    def held_years(self, award: str) -> list[int]:
        return list(self.ask(HistoryIndex.held_years, award))

    def consecutive_run(self, years_ok, end: int) -> int:
        """How many consecutive years ending at `end` satisfy `years_ok(year)`."""
        run = 0
        while years_ok(end - run) and run < 100:
            run += 1
        return run

    def proofs(self, min_scope: str, *, until_year: int, after_year: int | None = None):
        """Unused initiatives and research works of at least `min_scope`, recognised or accepted
        within (after_year, until_year]; an initiative backs one award only (CV 5007/BNV-TĐKT,
        Law 2022 Art. 5.2c)."""
        def fits(item, on):
            return (SCOPE_ORDER.get(item.scope, 0) >= SCOPE_ORDER[min_scope]
                    and on.year <= until_year and (after_year is None or on.year > after_year))
        usable = [i for i in self.case.initiatives if fits(i, i.recognised_on)]
        usable += [r for r in self.case.research if fits(r, r.accepted_on)]
        # Any recorded use disqualifies, the same award in an earlier year included: one
        # initiative backs one award claim (seed 000 §5). A caller re-judging the very claim an
        # initiative is reserved for passes it with `used_for=None` (proposals' verdict_for).
        return [p for p in usable if p.used_for is None]

    def already_used(self, min_scope: str, until_year: int) -> list[Initiative | Research]:
        items = [*self.case.initiatives, *self.case.research]
        return [i for i in items if i.used_for is not None
                and SCOPE_ORDER.get(i.scope, 0) >= SCOPE_ORDER[min_scope]]

    def use(self, proofs) -> None:
        self.initiatives_used.extend(p.code for p in proofs)

    def attempt(self, judge) -> tuple[bool, list, list]:
        """Run `judge(self)` aside: whether all its conditions hold, its reasons and the
        initiatives it would use, none of them kept in this context."""
        mark, used = len(self.reasons), len(self.initiatives_used)
        judge(self)
        reasons, codes = self.reasons[mark:], self.initiatives_used[used:]
        del self.reasons[mark:], self.initiatives_used[used:]
        return all(r.ok for r in reasons), reasons, codes


def proof_message(ctx: Context, proofs, needed: int, scope_label: str, min_scope: str):
    if len(proofs) >= needed:
        return _("%(count)s initiative(s)/research work(s) with %(scope)s scope: %(codes)s.") % {
            "count": needed, "scope": scope_label, "codes": ", ".join(p.code for p in proofs)}
    used = ctx.already_used(min_scope, ctx.case.year)
    message = _("Needs %(needed)s recognised initiative(s) or accepted research work(s) with "
                "%(scope)s scope not used for another award; found %(found)s.") % {
        "needed": needed, "scope": scope_label, "found": len(proofs)}
    if used:
        message += " " + _("Already used: %(uses)s.") % {
            "uses": ", ".join(f"{u.code} → {u.used_for}" for u in used)}
    return message


SCOPE_LABELS = {"co_so": "cơ sở", "tinh": "cấp bộ, ban, ngành, tỉnh", "toan_quoc": "toàn quốc"}
SUBJECT_LABELS = {"individual": _("individual"), "collective": _("collective"),
                  "household": _("household")}
DISCIPLINE_LABELS = {"khien_trach": _("reprimand"), "canh_cao": _("warning"),
                     "ha_bac_luong": _("salary downgrade"), "giang_chuc": _("demotion"),
                     "cach_chuc": _("dismissal from post"), "buoc_thoi_viec": _("dismissal")}
PENDING_LABELS = {"discipline": _("disciplinary review"), "investigation": _("investigation"),
                  "inspection": _("inspection or audit"),
                  "complaint": _("complaint or denunciation")}


def award_label(code: str) -> str:
    """The official Vietnamese name of a title or form (proper names, not translated)."""
    return CATALOGUE.get(code, {}).get("name", code)


def joined(labels) -> Deferred:
    """A comma-separated list of deferred labels."""
    parts = []
    for i, label in enumerate(labels):
        parts += ([", "] if i else []) + [label]
    return Deferred(parts=tuple(parts))


# ------------------------------------------------------------------ conditions for every award

def check_subject(ctx: Context, kinds: tuple[str, ...], *, armed_forces: bool | None = None):
    subject = ctx.case.subject
    ok = ctx.check(f"{ctx.case.award}.subject", subject.kind in kinds,
                   _("Subject kind is %(kind)s.") % {"kind": SUBJECT_LABELS[subject.kind]}
                   if subject.kind in kinds
                   else _("This award is for %(kinds)s, not %(kind)s.") % {
                       "kinds": joined(SUBJECT_LABELS[k] for k in kinds),
                       "kind": SUBJECT_LABELS[subject.kind]},
                   ctx.cite("Điều 20"))
    if armed_forces is not None and ok:
        fits = subject.armed_forces == armed_forces
        ok = ctx.check(f"{ctx.case.award}.armed_forces", fits,
                       _("Armed-forces status matches the award.") if fits else
                       (_("This title is for the armed forces.") if armed_forces else
                        _("Armed-forces members receive the armed-forces equivalent.")),
                       ctx.cite("Điều 24"))
    return ok


def check_registration(ctx: Context) -> bool:
    """Emulation titles are considered only for those who registered for them (Law 2003 amended
    2013 Art. 10.1.b; the titles and citations are dated data, [U] — see
    awards/data/legal_parameters.py REGISTRATION_REQUIRED). Checked only when the case says
    whether the subject registered: without registration data nothing is added."""
    required = ctx.params.registration_required(ctx.case.award, ctx.case.year)
    registered = ctx.case.registered
    if required is None or registered is None:
        return True
    return ctx.check("common.registration", registered,
                     _("Registered for this title in %(year)s (approved registration).") % {
                         "year": ctx.case.year} if registered else
                     _("No approved emulation registration for this title in %(year)s: titles "
                       "are considered only for those who registered (%(citation)s).") % {
                         "year": ctx.case.year, "citation": required.citation},
                     required.citation)


def check_hold(ctx: Context) -> bool:
    """No award while discipline, investigation, inspection or a complaint is pending
    (Decree 152/2025 Art. 4.4)."""
    pending = ctx.case.pending
    return ctx.check("common.hold", not pending,
                     _("No pending discipline, investigation, inspection or complaint.")
                     if not pending else
                     _("On hold while pending: %(items)s.") % {
                         "items": joined(PENDING_LABELS.get(p, p) for p in pending)},
                     "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4")


def check_discipline(ctx: Context) -> bool:
    """The assessed year must not overlap a discipline period; achievements count from the day
    the penalty ends (Decree 152/2025 Art. 4.4)."""
    year = ctx.case.year
    clash = [d for d in ctx.case.discipline if d.overlaps_year(year)]
    return ctx.check("common.discipline", not clash,
                     _("No discipline in %(year)s.") % {"year": year} if not clash else
                     _("Disciplined (%(level)s) during %(year)s: achievements count only from "
                       "the day the penalty ends.") % {
                         "level": DISCIPLINE_LABELS.get(clash[0].level, clash[0].level),
                         "year": year},
                     "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4")


def check_rating(ctx: Context, rule: str, level: str, article: str, year: int | None = None):
    year = ctx.case.year if year is None else year
    ok = ctx.rated_at_least(year, level)
    rating = ctx.shown_rating(year)
    return ctx.check(rule, ok, _("Rated “%(rating)s” in %(year)s (needs “%(needed)s” or "
                                 "better).") % {"rating": RATING_LABELS.get(rating, rating or "—"),
                                                "year": year, "needed": RATING_LABELS[level]},
                     ctx.cite(article))


# ------------------------------------------------------------------ "one of the following"

GROUPS = {  # which subjects a track of legal_parameters.TRACKS is for
    "individual": lambda s: s.kind == "individual",
    "worker": lambda s: s.kind == "individual" and s.is_direct_worker,
    "collective": lambda s: s.kind == "collective",
    "household": lambda s: s.kind == "household",
}


def recorded_track(ctx: Context, track: str, article: str) -> None:
    """A track appraised from the achievement report (an outstanding achievement in a movement,
    an ad-hoc achievement, a career's contribution…): met when the appraisal recorded it."""
    code = f"{ctx.case.award}.{track}"
    met = ctx.recorded(code)
    ctx.check(code, met, _("Recorded as met by the appraisal of the achievement report.") if met
              else _("Not shown by the records: appraised by hand from the achievement report "
                     "against this point."), ctx.cite(article))


def any_track(ctx: Context, judges: dict) -> bool:
    """The award's tracks (legal_parameters.TRACKS) for this subject, met when one is met
    ("đạt một trong các tiêu chuẩn sau"). Tracks judged from records come first; the others are
    `recorded_track`s. The first met track's reasons are kept; when none is met, every track's
    failed conditions are listed, each with its point of the article."""
    subject, failed = ctx.case.subject, []
    for track, group, article, _verified in ctx.params.tracks(ctx.case.award, ctx.on):
        if not GROUPS[group](subject):
            continue
        judge = judges.get(track)
        ok, reasons, used = ctx.attempt(
            (lambda c, j=judge, a=article: j(c, a)) if judge else
            (lambda c, t=track, a=article: recorded_track(c, t, a)))
        if ok:
            ctx.reasons.extend(reasons)
            ctx.initiatives_used.extend(used)
            return True
        failed += [r for r in reasons if not r.ok]
    if not failed:  # no track for this subject (the subject check has said why), or quiet
        return ctx.check(f"{ctx.case.award}.tracks", False,
                         _("None of the tracks of this form is met."), ctx.cite("Điều 20"))
    ctx.reasons.extend(failed)
    return False
