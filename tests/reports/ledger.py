"""A hand-built ledger for the report-form tests: every record is listed here with the rows
and columns it must land in (see the expected values in test_forms.py)."""

import datetime
import itertools

from awards.models import AwardRecord, AwardType
from decisions.models import Decision, DecisionItem
from emulation.movements.models import ClusterRound, CriteriaSet, Movement
from organisations.enums import UnitKind, UnitLevel
from organisations.models import ClusterMembership, EmulationStaff
from tests.factories import (
    ClusterFactory,
    CollectiveFactory,
    HouseholdFactory,
    PersonFactory,
    UnitFactory,
)
from tests.proposals.helpers import draft

D = datetime.date(2025, 3, 1)
_ordinal = itertools.count(1)


def _decision(actor, unit) -> Decision:
    return Decision.objects.create(
        issuer=unit, authority_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", place="Tuyên Quang",
        summary="Về việc khen thưởng", legal_bases="Luật Thi đua, khen thưởng.",
        signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn A", created_by=actor)


def rec(code, unit, date=D, *, person=None, collective=None, household=None,
        kind="cong_trang", revoked=False, money=None, nominee=None, decision=None):
    record = AwardRecord.objects.create(
        award_type=AwardType.objects.get(code=code), person=person, collective=collective,
        household=household, unit=unit, year=date.year, kind=kind,
        decision_number=f"{next(_ordinal)}/QĐ-UBND", decision_date=date, issuer="UBND tỉnh",
        revoked=revoked)
    if decision is not None:
        DecisionItem.objects.create(
            decision=decision, nominee=nominee, award_type=record.award_type, person=person,
            collective=collective, household=household, unit=unit, year=date.year, kind=kind,
            recipient_name=str(record.subject), ordinal=next(_ordinal), money=money or 0,
            award_record=record)
    return record


def build_ledger(officer, province, dept_a, school_a, dept_b) -> dict:
    ent = UnitFactory(code="DN-A", name="Công ty Thử", parent=province,
                      level=UnitLevel.GRASSROOTS, kind=UnitKind.ENTERPRISE)
    other = UnitFactory(code="TINH-KHAC", level=UnitLevel.PROVINCE,
                        kind=UnitKind.PEOPLES_COMMITTEE)
    p = {
        "gov": PersonFactory(unit=province, is_leader=True),
        "head_a": PersonFactory(unit=dept_a, is_leader=True),
        "worker": PersonFactory(unit=school_a, is_direct_worker=True, gender="female"),
        "principal": PersonFactory(unit=school_a, is_leader=True),
        "boss": PersonFactory(unit=ent, is_leader=True),
        "plain": PersonFactory(unit=dept_b),
        "stranger": PersonFactory(unit=other),
    }
    col_a, col_ent = CollectiveFactory(unit=dept_a), CollectiveFactory(unit=ent)
    hh = HouseholdFactory(head=p["plain"], unit=school_a)
    decision = _decision(officer, province)
    # Form 0602 (State level). R9–R12 must not count.
    rec("hc_lao_dong_3", province, person=p["gov"])                                 # R1
    rec("hc_lao_dong_3", ent, collective=col_ent)                                   # R2
    rec("bang_khen_ttg", school_a, datetime.date(2024, 12, 1), person=p["worker"],
        kind="chuyen_de")                                                           # R3
    rec("bang_khen_ttg", school_a, datetime.date(2025, 11, 30), household=hh,
        kind="dot_xuat")                                                            # R4
    rec("co_thi_dua_cp", dept_a, collective=col_a)                                  # R5
    rec("cstd_toan_quoc", dept_a, person=p["head_a"])                               # R6
    rec("nha_giao_uu_tu", school_a, person=p["principal"], kind="qua_trinh_cong_hien")  # R7
    rec("hc_lao_dong_2", ent, person=p["boss"], kind="doi_ngoai")                   # R8
    rec("hc_lao_dong_3", school_a, person=p["worker"], revoked=True)                # R9
    rec("hc_lao_dong_3", school_a, datetime.date(2024, 11, 30), person=p["worker"])  # R10
    rec("hc_lao_dong_3", school_a, datetime.date(2025, 12, 1), person=p["worker"])  # R11
    rec("hc_lao_dong_3", other, person=p["stranger"])                               # R12
    nominee = draft(officer, dept_a, province, track="resistance").nominees.get()
    rec("hc_lao_dong_3", dept_a, person=nominee.person, nominee=nominee,
        decision=decision)                                                          # R13
    rec("hc_lao_dong_3", dept_b, person=p["plain"], kind="nien_han")                # R14
    # Form 0603 (the province's own awards). R26 must not count.
    rec("bang_khen_tinh", school_a, datetime.date(2025, 2, 10), person=p["worker"],
        decision=decision, money=1_000_000)                                         # R20
    rec("bang_khen_tinh", dept_a, collective=col_a, decision=decision,
        money=2_000_000)                                                            # R21
    rec("cstd_tinh", dept_a, person=p["head_a"], decision=decision, money=3_000_000)  # R22
    rec("co_thi_dua_tinh", ent, collective=col_ent)                                 # R23
    rec("ky_niem_chuong", province, person=p["gov"], kind="nien_han")               # R24
    rec("bang_khen_tinh", school_a, household=hh, kind="dot_xuat")                  # R25
    rec("bang_khen_tinh", school_a, person=p["worker"], revoked=True)               # R26
    # Titles (the province's summaries), and an award of the 2024 emulation year.
    rec("ldtt", school_a, datetime.date(2025, 6, 1), person=p["worker"])            # R30
    rec("tt_ldtt", dept_a, collective=col_a)                                        # R31
    rec("bang_khen_tinh", dept_b, datetime.date(2023, 12, 15), person=p["plain"],
        decision=decision, money=500_000)                                           # R32
    return {"ent": ent, "other": other, "people": p, "col_a": col_a, "col_ent": col_ent,
            "hh": hh}


def build_movements(province, dept_a, school_a, other) -> None:
    rows = [("M1", province, "regular", "launched", (2025, 1, 1), (2025, 12, 31)),
            ("M2", dept_a, "thematic", "launched", (2025, 3, 1), (2025, 8, 31)),
            ("M3", school_a, "periodic", "closed", (2025, 2, 1), (2027, 1, 31)),
            ("M4", dept_a, "thematic", "draft", (2025, 3, 1), None),
            ("M5", dept_a, "thematic", "launched", (2024, 11, 15), None),
            ("M6", other, "regular", "launched", (2025, 1, 1), None)]
    for code, unit, kind, state, start, end in rows:
        Movement.objects.create(code=code, name=f"Phong trào {code}", kind=kind,
                                organiser=unit, state=state,
                                start_date=datetime.date(*start),
                                end_date=datetime.date(*end) if end else None)


def build_clusters(province, dept_a, dept_b, ent) -> None:
    c1 = ClusterFactory(code="CUM-1", name="Cụm thi đua số 1", managing_unit=province)
    c2 = ClusterFactory(code="CUM-2", name="Cụm thi đua số 2", managing_unit=province)
    for unit in (dept_a, ent):
        ClusterMembership.objects.create(cluster=c1, year=2025, unit=unit)
    ClusterMembership.objects.create(cluster=c2, year=2024, unit=dept_b)
    criteria = CriteriaSet.objects.create(name="Bộ tiêu chí 2025", year=2025)
    ClusterRound.objects.create(cluster=c1, year=2025, criteria_set=criteria)


def build_staff(province, school_a) -> None:
    ban = UnitFactory(code="BAN-TDKT", parent=province, level=UnitLevel.PROVINCE,
                      kind=UnitKind.AGENCY)
    phong = UnitFactory(code="PHONG-TDKT", parent=ban, level=UnitLevel.PROVINCE,
                        kind=UnitKind.DIVISION)
    rows = [(ban, "female", (1990, 6, 1), (2012, 1, 1), None),
            (ban, "male", (1995, 12, 1), (2021, 3, 1), None),
            (phong, "female", (1964, 1, 1), (2016, 12, 1), None),
            (ban, "male", (1980, 1, 1), (2010, 1, 1), (2025, 6, 30)),
            (school_a, "male", (1970, 5, 5), (2020, 1, 1), None)]
    for unit, gender, born, start, end in rows:
        person = PersonFactory(unit=unit, gender=gender, birth_date=datetime.date(*born))
        EmulationStaff.objects.create(person=person, unit=unit, mode="part_time",
                                      start_date=datetime.date(*start),
                                      end_date=datetime.date(*end) if end else None)
