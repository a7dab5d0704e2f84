"""Forms 0601, 0604 and 0605.N/BNV-TĐKT (Circular 02/2023/TT-BNV): emulation movements, the
organisations and the civil servants doing emulation & commendation work
(statistical-forms.md). Labels are the circular's wording (data, see awards_forms)."""

import datetime

from django.db.models import Min, Q

from emulation.movements.enums import MovementKind, MovementState
from emulation.movements.models import ClusterRound, Movement
from organisations.enums import Gender, UnitKind, UnitLevel
from organisations.models import Cluster, EmulationStaff, Unit
from reports.domain.forms.table import (
    Col,
    FormScope,
    FormTable,
    cells,
    lead_columns,
    receiving_unit,
)
from reports.domain.scope import subtree_ids

# ---------------------------------------------------------------- 0601


def launch_level(unit: Unit) -> str:
    """Column of 0601 by the launching unit: the top central body is "Trung ương"; a ministry
    (central) or a province's people's committee / party body is "bộ, tỉnh"; anyone else is
    "cơ quan, tổ chức, đơn vị"."""
    if unit.level == UnitLevel.CENTRAL and unit.parent_id is None:
        return "central"
    if unit.level == UnitLevel.CENTRAL or (
            unit.level == UnitLevel.PROVINCE
            and unit.kind in (UnitKind.PEOPLES_COMMITTEE, UnitKind.PARTY_BODY)):
        return "province"
    return "agency"


def duration_row(movement: Movement) -> str:
    """0601 rows 06–10 by length in whole months (rounded): 12 months is "1 năm" (07) and 08
    starts above it (the reference's reading; the official boundary is UNVERIFIED). A movement
    with no end date is a regular annual one (07) or, for other kinds, under a year (06)."""
    if movement.end_date is None:
        return "07" if movement.kind == MovementKind.REGULAR else "06"
    months = round(((movement.end_date - movement.start_date).days + 1) / 30.4375)
    if months < 12:
        return "06"
    if months == 12:
        return "07"
    return "08" if months < 36 else "09" if months < 60 else "10"


ROWS_0601 = (
    ("01", "Tổng số", "", False),
    ("", "1. Chia theo phạm vi tổ chức thi đua", "", True),
    ("02", "- Toàn quốc", "", False),
    ("03", "- Bộ, ban, ngành đoàn thể, địa phương", "", False),
    ("04", "- Cụm, khối thi đua do Hội đồng Thi đua – Khen thưởng các cấp tổ chức", "", False),
    ("05", "- Cơ quan, tổ chức, đơn vị", "", False),
    ("", "2. Chia theo thời hạn thi đua", "", True),
    ("06", "- Dưới 1 năm", "", False),
    ("07", "- 1 năm", "", False),
    ("08", "- Từ 1 năm đến dưới 3 năm", "", False),
    ("09", "- Từ 3 năm đến dưới 5 năm", "", False),
    ("10", "- Từ 5 năm trở lên", "", False),
    ("", "3. Chia theo phương thức tổ chức phong trào thi đua", "", True),
    ("11", "- Thi đua theo chuyên đề", "", False),
    ("12", "- Thi đua thường xuyên hàng năm", "", False),
)
SCOPE_ROW = {"central": "02", "province": "03", "agency": "05"}


def movement_facts(scope: FormScope) -> list[tuple[str, str, str, str]]:
    """(level column, scope row, duration row, method row) per movement launched in the
    period by a unit of the scope, and per cluster round of the reporting year of a cluster
    managed there (a cluster's year of emulation: row 04, one year, regular)."""
    start, end = scope.period.start, scope.period.end
    movements = (Movement.objects.filter(organiser__in=subtree_ids(scope.root),
                                         start_date__gte=start, start_date__lte=end)
                 .exclude(state=MovementState.DRAFT).select_related("organiser"))
    facts = []
    for m in movements:
        level = launch_level(m.organiser)
        method = "12" if m.kind == MovementKind.REGULAR else "11"
        facts.append((level, SCOPE_ROW[level], duration_row(m), method))
    clusters = Cluster.objects.filter(managing_unit__in=subtree_ids(scope.root))
    rounds = ClusterRound.objects.filter(cluster__in=clusters,
                                         year__gte=scope.period.years[0], year__lte=end.year)
    facts += [("agency", "04", "07", "12")] * rounds.count()
    return facts


def form_0601(scope: FormScope) -> FormTable:
    facts = movement_facts(scope)
    keys = ["total", "central", "province", "agency"]

    def compute(code):
        # Rows 02–05 belong to one launching level each (the reference implementation's
        # layout; UNVERIFIED): the other level columns stay empty.
        only = {"02": "central", "03": "province", "04": "agency", "05": "agency"}.get(code)
        values = {k: 0 for k in keys[1:] if only in (None, k)}
        for level, *rows in facts:
            if (code == "01" or code in rows) and level in values:
                values[level] += 1
        return {"total": sum(values.values()), **values}

    columns = [Col("Tổng số", key="total", code="1=(2+3+4)"),
               Col("Số phong trào thi đua chia theo cấp chủ trì phát động thi đua", children=[
                   Col("Cấp Trung ương (Hội đồng Thi đua – Khen thưởng Trung ương)",
                       key="central", code="2"),
                   Col("Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc "
                       "Trung ương", key="province", code="3"),
                   Col("Cơ quan, tổ chức, đơn vị", key="agency", code="4")])]
    return FormTable(
        code="0601", number="0601.N/BNV-TĐKT", title="SỐ PHONG TRÀO THI ĐUA",
        period=scope.period, unit_name=scope.root.name, receiving_unit=receiving_unit(scope),
        lead=lead_columns(with_unit=False), columns=columns, rows=cells(ROWS_0601, compute, keys),
        measure="Đơn vị tính: Phong trào",
        notes=["Mỗi phong trào được đếm một lần; dòng 01 = 02 + … + 05 = 06 + … + 10 = 11 + 12."])


# ---------------------------------------------------------------- 0604 and 0605

def active_staff(scope: FormScope):
    """Emulation staff posts in the scope held on the last day of the period."""
    on = scope.period.end
    return EmulationStaff.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on,
        unit__in=subtree_ids(scope.root))


# 0604 rows by the unit doing the work: (level, kinds) → row. The register has no "Vụ" or "Sở
# Nội vụ" flag, so the unit's tier and kind stand for them: a central department is a Vụ, a
# central division a phòng under a Vụ, a provincial agency the Ban (Thi đua – Khen thưởng)
# under the Department of Home Affairs, a provincial division a phòng under it.
ORG_ROWS = {(UnitLevel.CENTRAL, UnitKind.DEPARTMENT): "02",
            (UnitLevel.CENTRAL, UnitKind.DIVISION): "03",
            (UnitLevel.PROVINCE, UnitKind.AGENCY): "04",
            (UnitLevel.PROVINCE, UnitKind.DIVISION): "05"}
ROWS_0604 = (("01", "Tổng số", "Tổ chức", False),
             ("", "Chia theo cơ cấu tổ chức bộ máy", "", True),
             ("02", "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Vụ", False),
             ("03", "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng", False),
             ("04", "- Cấp ban thuộc Sở Nội vụ", "Ban", False),
             ("05", "- Cấp phòng thuộc Sở Nội vụ", "Phòng", False))


def form_0604(scope: FormScope) -> FormTable:
    units = (Unit.objects.filter(id__in=active_staff(scope).values("unit_id"))
             .values_list("level", "kind"))
    counts = dict.fromkeys(("02", "03", "04", "05"), 0)
    for level, kind in units:
        if (level, kind) in ORG_ROWS:
            counts[ORG_ROWS[level, kind]] += 1
    counts["01"] = sum(counts.values())  # 01 = 02 + 03 + 04 + 05 (implied; UNVERIFIED)
    return FormTable(
        code="0604", number="0604.N/BNV-TĐKT",
        title="SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ "
              "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        period=scope.period, unit_name=scope.root.name, receiving_unit=receiving_unit(scope),
        lead=lead_columns(), columns=[Col("Số lượng", key="count", code="1")],
        rows=cells(ROWS_0604, lambda code: {"count": counts[code]}, ["count"]))


AGE_ROWS = (("02", 0, 30), ("03", 31, 40), ("04", 41, 50), ("05", 51, 55), ("06", 56, 60),
            ("07", 61, 200))
ROWS_0605 = (
    ("01", "Tổng số", "", False),
    ("", "1. Chia theo độ tuổi", "", True),
    ("02", "- Từ 30 trở xuống", "", False), ("03", "- Từ 31 đến 40", "", False),
    ("04", "- Từ 41 đến 50", "", False), ("05", "- Từ 51 đến 55", "", False),
    ("06", "- Từ 56 đến 60", "", False), ("07", "- Trên 60 tuổi", "", False),
    ("", "2. Chia theo trình độ đào tạo", "", True),
    ("08", "- Sơ cấp", "", False), ("09", "- Trung cấp", "", False),
    ("10", "- Cao đẳng", "", False), ("11", "- Đại học", "", False),
    ("12", "- Trên đại học", "", False),
    ("", "3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng", "", True),
    # The reference implementation prints "14" twice; the last row is 15 (UNVERIFIED).
    ("13", "- Dưới 5 năm", "", False), ("14", "- Từ 5 đến 10 năm", "", False),
    ("15", "- Từ 10 năm trở lên", "", False),
)
EDUCATION_ROWS = {"08", "09", "10", "11", "12"}


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def staff_rows(scope: FormScope) -> dict[str, dict[str, int]]:
    """{row: {"total", "women"}} over the distinct people holding an emulation post on the
    period's last day; seniority counts from their first post in the register."""
    on = scope.period.end
    people: dict[int, tuple] = {}
    first_post = dict(EmulationStaff.objects.filter(
        person__in=active_staff(scope).values("person_id")).order_by()
        .values("person_id").annotate(first=Min("start_date")).values_list("person_id", "first"))
    for pid, gender, born in active_staff(scope).values_list(
            "person_id", "person__gender", "person__birth_date"):
        people[pid] = (gender == Gender.FEMALE, _age(born, on), first_post[pid])
    counts = {code: {"total": 0, "women": 0} for code, *_ in ROWS_0605 if code}
    for woman, age, first in people.values():
        years = _age(first, on)  # whole years of service in the field
        seniority = "13" if years < 5 else "14" if years < 10 else "15"
        age_row = next(code for code, low, high in AGE_ROWS if low <= age <= high)
        for code in ("01", age_row, seniority):
            counts[code]["total"] += 1
            counts[code]["women"] += woman
    return counts


def form_0605(scope: FormScope) -> FormTable:
    counts = staff_rows(scope)

    def compute(code):
        # The staff register keeps no level of training: those cells stay empty.
        return {} if code in EDUCATION_ROWS else counts[code]

    return FormTable(
        code="0605", number="0605.N/BNV-TĐKT",
        title="SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH ĐOÀN THỂ "
              "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        period=scope.period, unit_name=scope.root.name, receiving_unit=receiving_unit(scope),
        lead=lead_columns(with_unit=False),
        columns=[Col("Số lượng (Người)", children=[Col("Tổng số", key="total", code="1"),
                                                   Col("Trong đó: Nữ", key="women", code="2")])],
        rows=cells(ROWS_0605, compute, ["total", "women"]),
        notes=["Trình độ đào tạo chưa được ghi trong sổ cán bộ làm công tác thi đua, khen "
               "thưởng: các dòng 08–12 để trống."])
