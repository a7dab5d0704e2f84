"""The facts the engine judges: frozen, ORM-free dataclasses.

Codes are those of ../shared/domain/glossary.md. A `Case` is one subject's history and the award
asked for; `awards.eligibility.json_io` builds cases from the command-line JSON, and the web app
builds them from the database in a query module — the engine never touches the database.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

RATING_ORDER = {"khong_hoan_thanh": 0, "hoan_thanh": 1, "tot": 2, "xuat_sac": 3}
SCOPE_ORDER = {"co_so": 1, "tinh": 2, "toan_quoc": 3}
# Kinds whose awards feed merit ladders. Ad hoc (đột xuất) and thematic (chuyên đề) results
# cannot be the basis of higher merit awards (Decree 152/2025 Art. 4.3).
LADDER_KINDS = frozenset({"cong_trang"})
WARNING_OR_ABOVE = frozenset({"canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc",
                              "buoc_thoi_viec"})


@dataclass(frozen=True)
class Subject:
    kind: str  # individual | collective | household
    gender: str | None = None
    is_leader: bool = False
    is_direct_worker: bool = False
    armed_forces: bool = False
    posthumous: bool = False


@dataclass(frozen=True)
class Rating:
    year: int
    rating: str


@dataclass(frozen=True)
class HeldAward:
    award: str
    year: int
    kind: str = "cong_trang"
    revoked: bool = False


@dataclass(frozen=True)
class Initiative:
    code: str
    scope: str
    recognised_on: datetime.date
    used_for: str | None = None


@dataclass(frozen=True)
class Research:
    code: str
    scope: str
    accepted_on: datetime.date
    used_for: str | None = None


@dataclass(frozen=True)
class Discipline:
    level: str
    start: datetime.date
    end: datetime.date | None  # None: still running

    def overlaps_year(self, year: int) -> bool:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass(frozen=True)
class Members:
    total: int
    completed_tasks: int
    ldtt: int
    cstd_co_so: int = 0
    disciplined_warning_or_above: int = 0


@dataclass(frozen=True)
class UnitQuota:
    """Unit totals for share caps (the pre-2024 15 % cap on CSTĐ cơ sở)."""

    ldtt: int
    cstd_co_so_proposed: int


@dataclass(frozen=True)
class FlagQuota:
    """A cluster's proposals for Cờ thi đua của Chính phủ against its leading units (the cap on
    how many leaders may be proposed)."""

    cluster_leaders: int
    proposed: int


def assemble(cls: type, fields: dict):
    """`cls(**fields)` for a frozen dataclass without its generated __init__, which sets each
    field through `object.__setattr__` (a Case has 22: 4 µs, and screening a province builds
    100,000 cases and 190,000 verdicts; this takes about 1 µs). Only for dataclasses with no
    `__post_init__` and no `__slots__`: the generated __init__ checks nothing more, so the
    result is equal to `cls(**fields)` (tests/awards/eligibility/test_facts.py compares them).
    A missing required field or an unknown one is refused as the __init__ would."""
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = _spec(cls)
    defaults, factories, required, known = spec
    keys = fields.keys()
    if not required <= keys or not keys <= known:
        raise TypeError(f"{cls.__name__}: missing {sorted(required - keys)}, "
                        f"unknown {sorted(keys - known)}")
    made = object.__new__(cls)
    made.__dict__.update(defaults)
    for name, factory in factories:
        made.__dict__[name] = factory()
    made.__dict__.update(fields)
    return made


_SPECS: dict[type, tuple] = {}


def assembler(cls: type, names: tuple[str, ...]):
    """A maker of `cls` from values for `names`, in that order: `assembler(cls, names)(*values)`
    equals `assemble(cls, dict(zip(names, values)))`, with the names checked once here instead
    of at every call (screening a province builds ~190,000 verdicts; same conditions on `cls`
    as `assemble`)."""
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = _spec(cls)
    defaults, factories, required, known = spec
    given = frozenset(names)
    if len(given) != len(names) or not required <= given or not given <= known:
        raise TypeError(f"{cls.__name__}: missing {sorted(required - given)}, "
                        f"unknown {sorted(given - known)}, or a name given twice")
    new = object.__new__

    def make(*values):
        made = new(cls)
        fields = made.__dict__
        fields.update(defaults)
        for name, factory in factories:
            fields[name] = factory()
        fields.update(zip(names, values, strict=True))
        return made

    return make


def _spec(cls: type) -> tuple:
    """(defaults, (name, default factory)…, required names, all names) of a dataclass."""
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        raise TypeError(f"assemble: {cls.__name__} has __post_init__ or __slots__")
    every = dataclasses.fields(cls)
    defaults = {f.name: f.default for f in every if f.default is not dataclasses.MISSING}
    factories = tuple((f.name, f.default_factory) for f in every
                      if f.default_factory is not dataclasses.MISSING)
    required = frozenset(f.name for f in every if f.name not in defaults
                         and f.default_factory is dataclasses.MISSING)
    return defaults, factories, required, frozenset(f.name for f in every)


class HistoryIndex:
    """One subject's history arranged for lookups: rating by year, and for each award the years
    it counts (not revoked, a ladder-feeding kind, outside discipline). Built once per subject
    and shared by the cases of every award asked for; the rules ask it instead of scanning."""

    __slots__ = ("ratings", "held", "_discipline", "_counting")

    def __init__(self, ratings, awards, discipline):
        self._discipline = tuple(discipline)
        self._counting: dict[int, bool] = {}
        self.ratings = {r.year: r.rating for r in ratings}  # the last rating of a year wins
        self.held: dict[str, set[int]] = {}
        held = self.held
        counting = self.counting if self._discipline else None  # most people: no discipline
        for a in awards:
            if not a.revoked and a.kind in LADDER_KINDS and (counting is None
                                                             or counting(a.year)):
                # Not setdefault(award, set()): that builds a set for every award held (a
                # province: millions, each one work for the garbage collector).
                years = held.get(a.award)
                if years is None:
                    held[a.award] = {a.year}
                else:
                    years.add(a.year)

    # The questions rules ask (through rules.common.Context, which the Screener records).

    def rating(self, year: int) -> str | None:
        return self.ratings.get(year)

    def rated_at_least(self, year: int, level: str) -> bool:
        rating = self.ratings.get(year)
        return rating is not None and RATING_ORDER[rating] >= RATING_ORDER[level]

    def holds(self, award: str, year: int) -> bool:
        return year in self.held.get(award, ())

    def held_years(self, award: str) -> tuple[int, ...]:
        return tuple(sorted(self.held.get(award, ())))

    def counting(self, year: int) -> bool:
        if not self._discipline:
            return True
        if year not in self._counting:
            self._counting[year] = not any(d.overlaps_year(year) for d in self._discipline)
        return self._counting[year]


@dataclass(frozen=True)
class Case:
    id: str
    award: str
    year: int
    subject: Subject
    decision_date: datetime.date | None = None
    ratings: tuple[Rating, ...] = ()
    awards: tuple[HeldAward, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    research: tuple[Research, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    pending: tuple[str, ...] = ()
    members: Members | None = None
    unit_quota: UnitQuota | None = None
    # Facts decided elsewhere in the system: the cluster vote (leading unit) and assessments
    # against frameworks the law leaves to separate criteria sets.
    cluster_leading: bool = False
    framework_met: bool | None = None
    # The approved emulation registration (đăng ký thi đua) for this award and year: True /
    # False, or None when not checked (no registration data): then no condition is added.
    registered: bool | None = None
    # Tracks of a form that are appraised from the achievement report, not from records
    # (an outstanding movement achievement, an ad-hoc achievement, a career's contribution…):
    # "<award>.<track>" codes the appraisal recorded as met (legal_parameters.TRACKS).
    achievements: frozenset[str] = frozenset()
    flag_quota: FlagQuota | None = None
    extra: dict = field(default_factory=dict)
    # Optional, shared by the cases of one subject (batch screening); built on demand otherwise.
    # It must describe these ratings/awards/discipline: a `dataclasses.replace` that changes them
    # must also pass `history=None`.
    history: HistoryIndex | None = field(default=None, compare=False, repr=False)

    def for_award(self, award: str, **facts) -> "Case":
        """The same subject and history asking for another award (and any per-award `facts`,
        e.g. `registered`). Equal to `dataclasses.replace(self, award=award, **facts)` without
        re-running the generated __init__ (screening a province builds a case per person ×
        award); `facts` must not change the history (ratings, awards, discipline)."""
        twin = object.__new__(Case)
        twin.__dict__.update(self.__dict__)
        twin.__dict__["award"] = award
        twin.__dict__.update(facts)
        return twin

    def index(self) -> HistoryIndex:
        return self.history or HistoryIndex(self.ratings, self.awards, self.discipline)

    @property
    def effective_decision_date(self) -> datetime.date:
        """Default: 31 January of the year after the assessed year (eligibility-interface.md)."""
        return self.decision_date or datetime.date(self.year + 1, 1, 31)
