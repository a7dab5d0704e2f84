"""Demo emulation year for `seed_demo`: the province's 2025 plan (published), a regular and a
thematic movement, registrations in every state, a criteria set copied from the template, and
two cluster rounds — the culture–society block's published (self-assessments, peer scores,
re-scores with reasons, a closed ballot with a leading unit) and the southern cluster's still
scoring, so that its head and members have something to do. Built through the domain functions
(audited, as real use would make them)."""

import datetime
import random
from decimal import Decimal

from accounts.enums import Role
from accounts.interfaces.demo import DEMO_PASSWORD
from accounts.models import RoleAssignment, User
from awards.models import AwardType
from emulation.movements.domain import (
    cluster_rounds,
    criteria,
    feeds,
    movements,
    plans,
    registrations,
    rescore_requests,
)
from emulation.movements.models import CriteriaSet, Movement
from organisations.models import Cluster, Collective, Person, Unit

YEAR = 2025
D = datetime.date
MILESTONES = [
    (D(YEAR, 1, 15), "Phát động phong trào thi đua năm 2025"),
    (D(YEAR, 6, 11), "Kỷ niệm 77 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"),
    (D(YEAR, 7, 15), "Sơ kết 6 tháng phong trào thi đua"),
    (D(YEAR, 12, 15), "Tổng kết công tác thi đua, khen thưởng năm 2025"),
]
# (unit code, state, [(subject kind, award code)]): a unit's own staff and collective register.
REGISTRATIONS = [
    ("TQ-SGD-25", "approved", [("person", "cstd_co_so"), ("person", "ldtt"),
                               ("person", "ldtt"), ("collective", "tt_ldxs")]),
    ("TQ-SYT-25", "approved", [("person", "ldtt"), ("collective", "tt_ldtt")]),
    ("TQ-X-YS-25", "submitted", [("person", "ldtt"), ("person", "cstd_co_so")]),
    ("TQ-X-SD-25", "returned", [("person", "ldtt")]),
    ("TQ-CTTL", "draft", [("person", "ldtt")]),
]
# Self-assessed share of each criterion's maximum, per unit of the published round.
SELF_SHARE = {"TQ-SGD-25": Decimal("0.95"), "TQ-SYT-25": Decimal("0.9"),
              "TQ-CTTL": Decimal("0.8")}


def build_emulation_year(rng: random.Random) -> int:
    """The whole demo year; returns the number of records made (plans, movements,
    registrations, rounds)."""
    units = {u.code: u for u in Unit.objects.filter(code__in=[
        "TQ", *[c for c, _s, _e in REGISTRATIONS], *SELF_SHARE])}
    # Scores keep who changed them: the board's demo account acts (any account in tests).
    actor = (User.objects.filter(username="banthidua").first()
             or User.objects.order_by("id").first())
    if "TQ" not in units or actor is None:
        return 0
    plan = _plan(units["TQ"], actor)
    regular, _thematic = _movements(units["TQ"], plan, actor)
    made = 3 + _registrations(regular, units, actor)  # the plan and two movements, then these
    # The mid-term review (sơ kết) after the units registered.
    movements.record_mid_review(regular, actor=actor, date=D(YEAR, 7, 15),
                                report="Sơ kết 6 tháng: 100% đơn vị đã đăng ký thi đua.")
    year_set = criteria.copy_criteria_set(
        CriteriaSet.objects.get(name=criteria.TEMPLATE_NAME, is_template=True), actor=actor,
        name=f"Bảng tiêu chí thi đua cụm, khối năm {YEAR}", year=YEAR)
    made += _published_round(rng, year_set, actor) + _scoring_round(year_set, actor)
    return made


def _plan(province: Unit, actor):
    plan = plans.create_plan(
        actor=actor, unit=province, year=YEAR,
        title=f"Kế hoạch công tác thi đua, khen thưởng năm {YEAR}",
        content="Đẩy mạnh phong trào thi đua yêu nước, lập thành tích chào mừng Đại hội Đảng "
                "bộ tỉnh và kỷ niệm các ngày lễ lớn; gắn thi đua với nhiệm vụ chính trị.",
        key_targets="100% cơ quan, đơn vị đăng ký thi đua; mỗi cụm, khối suy tôn đơn vị dẫn "
                    "đầu; phát hiện, nhân rộng ít nhất 20 điển hình tiên tiến.",
        milestones=MILESTONES)
    return plans.publish_plan(plan, actor=actor)


def _movements(province: Unit, plan, actor) -> tuple[Movement, Movement]:
    regular = movements.create_movement(
        actor=actor, participants=[province], name=f"Phong trào thi đua yêu nước năm {YEAR}",
        kind="regular", goals="Hoàn thành xuất sắc nhiệm vụ chính trị được giao.",
        organiser=province, start_date=D(YEAR, 1, 15), end_date=D(YEAR, 12, 31), plan=plan)
    regular = movements.launch_movement(regular, actor=actor)
    thematic = movements.create_movement(
        actor=actor, participants=[province], name="Thi đua đẩy mạnh chuyển đổi số, cải cách "
        "hành chính giai đoạn 2025–2027", kind="thematic",
        goals="90% thủ tục hành chính trực tuyến toàn trình; 100% hồ sơ công việc số hóa.",
        organiser=province, start_date=D(YEAR, 3, 1), end_date=D(2027, 12, 31), plan=plan)
    return regular, movements.launch_movement(thematic, actor=actor)


def _subjects(unit: Unit, wanted):
    people = list(Person.objects.filter(unit=unit).order_by("id")[:len(wanted)])
    collective = Collective.objects.filter(unit=unit).order_by("id").first()
    awards = {a.code: a for a in AwardType.objects.filter(code__in={c for _k, c in wanted})}
    entries = []
    for kind, code in wanted:
        subject = people.pop(0) if kind == "person" and people else (
            collective if kind == "collective" else None)
        if subject is not None:
            entries.append((subject, awards[code]))
    return entries


def _registrations(movement: Movement, units: dict, actor) -> int:
    made = 0
    for code, state, wanted in REGISTRATIONS:
        if code not in units:
            continue
        registration = registrations.create_registration(
            movement, units[code], actor=actor, year=YEAR,
            entries=_subjects(units[code], wanted),
            pledges="Phấn đấu hoàn thành xuất sắc nhiệm vụ năm 2025; không có cán bộ vi phạm "
                    "kỷ luật.")
        if state != "draft":
            registrations.submit_registration(registration, actor=actor)
        if state == "approved":
            registrations.approve_registration(registration, actor=actor)
        if state == "returned":
            registrations.return_registration(registration, actor=actor,
                                              reason="Chưa có chỉ tiêu cụ thể cho từng tập thể.")
        made += 1
    return made


def _open(cluster_code: str, year_set, actor):
    cluster = Cluster.objects.filter(code=cluster_code).first()
    if cluster is None:
        return None
    cluster_round = cluster_rounds.open_round(actor=actor, cluster=cluster, year=YEAR,
                                              criteria_set=year_set)
    return cluster_rounds.sign_pact(
        cluster_round, actor=actor, pact_date=D(YEAR, 2, 20),
        pact_text=f"Các đơn vị {cluster.name.lower()} giao ước thi đua hoàn thành xuất sắc "
                  "nhiệm vụ năm 2025, thực hiện tốt chế độ thông tin, báo cáo.")


def _published_round(rng: random.Random, year_set, actor) -> int:
    """KHOI-VHXH: everyone self-assesses, scores the others, the head re-scores two lines with
    a reason, all three vote (two for the education department), results published."""
    cluster_round = _open("KHOI-VHXH", year_set, actor)
    if cluster_round is None:
        return 0
    members = cluster_rounds.member_units(cluster_round)
    leaves = criteria.leaves(criteria.active(year_set))
    for unit in members:
        share = SELF_SHARE.get(unit.code, Decimal("0.85"))
        # 2.2 (on-time reporting) is scored by the system from the unit's filings.
        for leaf in [c for c in leaves if not feeds.is_fed(c)]:
            points = _self_points(leaf, unit, share)
            cluster_rounds.self_assess(cluster_round, actor=actor, unit=unit, criterion=leaf,
                                       points=points, evidence_text="Báo cáo tổng kết năm 2025"
                                       if leaf.evidence_required else "")
            for scorer in members:
                if scorer.pk != unit.pk:
                    cluster_rounds.score_peer(
                        cluster_round, actor=actor, scorer_unit=scorer, unit=unit,
                        criterion=leaf, points=max(Decimal(0), points - rng.choice([0, 0, 1])))
    by_code = {u.code: u for u in members}
    for code, leaf_code, points, reason in (
            ("TQ-SYT-25", "2.2", 7, "Chậm gửi 2 kỳ báo cáo quý (hệ thống ghi nhận)"),
            ("TQ-CTTL", "1.2", 14, "Tỷ lệ hồ sơ trực tuyến chưa đạt chỉ tiêu giao ước")):
        if code in by_code:
            cluster_rounds.rescore(cluster_round, actor=actor, unit=by_code[code],
                                   criterion=next(c for c in leaves if c.code == leaf_code),
                                   points=points, reason=reason)
    voting = cluster_rounds.open_voting(cluster_round, actor=actor)
    leader = by_code.get("TQ-SGD-25", members[0])
    for n, voter in enumerate(members):
        cluster_rounds.cast_vote(voting, actor=actor, voter_unit=voter,
                                 candidate=leader if n < 2 else voter)
    cluster_rounds.publish(voting, actor=actor)
    return 1


def _self_points(leaf, unit, share: Decimal) -> Decimal:
    if leaf.kind == "penalty":  # one late report in the block
        return Decimal(2) if unit.code == "TQ-CTTL" else Decimal(0)
    return (leaf.max_points * share).quantize(Decimal("0.5"))


def _scoring_round(year_set, actor) -> int:
    """CUM-NAM: the pact signed, two members' self-assessments in (each by its own officer);
    scoring still open; the head's request to re-score its own unit waits for the board."""
    cluster_round = _open("CUM-NAM", year_set, actor)
    if cluster_round is None:
        return 0
    officers = _member_officers(cluster_round)
    leaf = next(c for c in criteria.leaves(criteria.active(year_set)) if c.code == "2.1")
    for unit in cluster_rounds.member_units(cluster_round)[:2]:
        cluster_rounds.self_assess(cluster_round, actor=officers[unit.pk], unit=unit,
                                   criterion=leaf, points=12,
                                   evidence_text="Giám đốc ký kế hoạch thi đua, chủ trì sơ kết")
    head = User.objects.filter(username="cumtruong").first()
    own = Unit.objects.filter(code="TQ-P-MX-25").first()
    if head is not None and own is not None:
        rescore_requests.request_rescore(
            cluster_round, actor=head, unit=own, criterion=leaf, points=14,
            reason="Bổ sung minh chứng: nghị quyết chuyên đề về thi đua của Đảng ủy phường")
    return 1


def _member_officers(cluster_round) -> dict:
    """Every member unit scores itself and votes through its own officer (the head's unit
    included: the head's office is not the unit's officer), so each member without one gets a
    demo officer account `canbo_<unit code>` (password DEMO_PASSWORD). Returns the officer of
    each member unit by unit id."""
    officers = {}
    for unit in cluster_rounds.member_units(cluster_round):
        held = RoleAssignment.objects.filter(role=Role.UNIT_OFFICER, unit=unit,
                                             is_active=True).select_related("user").first()
        if held is None:
            user = User(username="canbo_" + unit.code.lower().replace("-", "_"),
                        full_name=f"Cán bộ TĐKT {unit.name}")
            user.set_password(DEMO_PASSWORD)
            user.save()
            held = RoleAssignment.objects.create(user=user, role=Role.UNIT_OFFICER, unit=unit)
        officers[unit.pk] = held.user
    return officers
