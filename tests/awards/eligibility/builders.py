"""Small builders for eligibility cases (pure Python: no database needed)."""

import datetime

from awards.eligibility.facts import (
    Case,
    Discipline,
    HeldAward,
    Initiative,
    Members,
    Rating,
    Research,
    Subject,
)

PERSON = Subject(kind="individual", gender="female")
COLLECTIVE = Subject(kind="collective")


def case(award, year, *, subject=PERSON, ratings=(), awards=(), initiatives=(), research=(),
         discipline=(), pending=(), members=None, **extra):
    return Case(id="t", award=award, year=year, subject=subject,
                ratings=tuple(r if isinstance(r, Rating) else Rating(*r) for r in ratings),
                awards=tuple(a if isinstance(a, HeldAward) else HeldAward(*a) for a in awards),
                initiatives=tuple(initiatives), research=tuple(research),
                discipline=tuple(discipline), pending=tuple(pending), members=members, **extra)


def rated(level, *years):
    return [(y, level) for y in years]


def held(award, *years, kind="cong_trang", revoked=False):
    return [HeldAward(award, y, kind, revoked) for y in years]


def initiative(code, scope, year, used_for=None):
    return Initiative(code, scope, datetime.date(year, 6, 1), used_for)


def research(code, scope, year):
    return Research(code, scope, datetime.date(year, 6, 1))


def penalty(start, end, level="khien_trach"):
    return Discipline(level, start, end)


def members(total=20, completed=20, ldtt=15, cstd=1, disciplined=0):
    return Members(total, completed, ldtt, cstd, disciplined)
