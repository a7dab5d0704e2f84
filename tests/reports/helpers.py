"""Fixtures of the statistics tests: a small province with known people and awards."""

import datetime

from awards.models import AwardRecord, AwardType
from organisations.models import Collective
from tests.factories import PersonFactory


def award(code, unit, year, *, person=None, collective=None, revoked=False):
    return AwardRecord.objects.create(
        award_type=AwardType.objects.get(code=code), person=person, collective=collective,
        unit=unit, year=year, decision_number=f"{year}/QĐ-{code}",
        decision_date=datetime.date(year + 1, 1, 15), issuer="UBND tỉnh", revoked=revoked)


def build_province(province, dept_a, school_a, dept_b) -> dict:
    """People: dept_a has a leader (p1) and a Tày woman direct worker (p2); school_a (grassroots)
    a woman (p3) and a leader (p4); dept_b one man (p5). Awards 2022–2024 plus records that must
    NOT count (revoked, outside the period, a collective's)."""
    people = {
        "p1": PersonFactory(unit=dept_a, is_leader=True),
        "p2": PersonFactory(unit=dept_a, gender="female", ethnicity="Tày", is_direct_worker=True),
        "p3": PersonFactory(unit=school_a, gender="female"),
        "p4": PersonFactory(unit=school_a, is_leader=True),
        "p5": PersonFactory(unit=dept_b),
    }
    award("ldtt", dept_a, 2023, person=people["p1"])
    award("cstd_co_so", dept_a, 2024, person=people["p1"])
    award("ldtt", dept_a, 2023, person=people["p2"])
    award("ldtt", school_a, 2023, person=people["p4"])
    award("ldtt", school_a, 2024, person=people["p4"], revoked=True)
    award("ldtt", school_a, 2019, person=people["p3"])
    award("ldtt", dept_b, 2022, person=people["p5"])
    collective = Collective.objects.create(name="Phòng Tổ chức", kind="sub", unit=dept_b,
                                           member_count=5)
    award("tt_ldtt", dept_b, 2023, collective=collective)
    return people
