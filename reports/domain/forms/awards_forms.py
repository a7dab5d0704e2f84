"""Forms 0602 and 0603.N/BNV-TĐKT (Circular 02/2023/TT-BNV): State-level awards and awards of
the ministry / province, counted from the award ledger (statistical-forms.md).

The official wording of the circular is data here (Vietnamese, as printed on the form), like the
award catalogue's names: the form is a legal artefact whose text does not change with the
interface language."""

from awards.models import AwardType
from reports.domain.dashboard import granting_levels
from reports.domain.forms.facts import (
    COLLECTIVE,
    HOUSEHOLD,
    INDIVIDUAL,
    TIER_BUSINESS,
    TIER_DEPARTMENT,
    TIER_MINISTER,
    TIER_OTHER,
    TIER_WORKER,
    Fact,
    ledger_facts,
    scoped_records,
)
from reports.domain.forms.table import (
    Col,
    FormScope,
    FormTable,
    cells,
    lead_columns,
    receiving_unit,
)

STATE_LEVELS = {"president", "prime_minister", "government"}
HONORARY_PREFIXES = ("anh_hung_", "ba_me_", "nha_giao_", "thay_thuoc_", "nghe_si_", "nghe_nhan_")
# 0602 single-type column groups: code → (column code, label, subject sub-columns).
SINGLE = {
    "giai_thuong_hcm": ("3", "Giải thưởng Hồ Chí Minh", ("i",)),
    "giai_thuong_nha_nuoc": ("4", "Giải thưởng Nhà nước", ("i",)),
    # A flag is given only to collectives (statistical-forms.md, 0602 column 6 note).
    "co_thi_dua_cp": ("6", "Cờ thi đua của Chính phủ", ("c",)),
    "bang_khen_ttg": ("7", "Bằng khen của Thủ tướng Chính phủ", ("c", "i")),
    "cstd_toan_quoc": ("8", "Chiến sĩ thi đua toàn quốc", ("i",)),
}
SUB_LABEL = {"c": "Tập thể", "i": "Cá nhân"}
# 0603 columns 2–5: the ministry's / province's own awards (the catalogue codes they count).
PROVINCE_COLUMNS = (("bang_khen_tinh", "2", "Bằng khen", {"c", "i"}),
                    ("cstd_tinh", "3", "Chiến sĩ thi đua cấp bộ, cấp tỉnh", {"i"}),
                    ("co_thi_dua_tinh", "4", "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung "
                     "ương, tỉnh, thành phố trực thuộc Trung ương", {"c"}),
                    ("ky_niem_chuong", "5", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, "
                     "đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", {"i"}))

# Rows shared by 0602 (codes 06–21) and 0603 (01–17): (key, label, unit, filter on a Fact).
# Subject kind of the row: "c" collective side (households counted there, as the reference
# implementation does), "i" individual side.
SUBJECT_ROWS = (
    ("collective", "- Tập thể", "Tập thể", "c", lambda f: f.subject == COLLECTIVE),
    ("enterprise", "Trong đó: Doanh nghiệp", "Doanh nghiệp", "c",
     lambda f: f.subject == COLLECTIVE and f.enterprise),
    ("household", "- Hộ gia đình", "Hộ", "c", lambda f: f.subject == HOUSEHOLD),
    ("individual", "- Cá nhân", "Người", "i", lambda f: f.subject == INDIVIDUAL),
    ("minister", "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người", "i",
     lambda f: f.subject == INDIVIDUAL and f.tier == TIER_MINISTER),
    ("department", "+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người", "i",
     lambda f: f.subject == INDIVIDUAL and f.tier == TIER_DEPARTMENT),
    ("business", "+ Doanh nhân", "Người", "i",
     lambda f: f.subject == INDIVIDUAL and f.tier == TIER_BUSINESS),
    ("other_leader", "+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người", "i",
     lambda f: f.subject == INDIVIDUAL and f.tier == TIER_OTHER),
    ("direct_worker", "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ "
     "chiến đấu (công nhân, nông dân, …)", "Người", "i",
     lambda f: f.subject == INDIVIDUAL and f.tier == TIER_WORKER),
)


def _kind(kind: str):
    return lambda f: f.kind == kind and not f.resistance


# Law 06/2022/QH15 Art. 8 award kinds; "Kháng chiến" is the resistance-war track.
METHOD_ROWS = (
    ("cong_trang", "- Thường xuyên", "", "", _kind("cong_trang")),
    ("chuyen_de", "- Chuyên đề", "", "", _kind("chuyen_de")),
    ("dot_xuat", "- Đột xuất", "", "", _kind("dot_xuat")),
    ("doi_ngoai", "- Đối ngoại", "", "", _kind("doi_ngoai")),
    ("qua_trinh_cong_hien", "- Cống hiến", "", "", _kind("qua_trinh_cong_hien")),
    ("nien_han", "- Niên hạn", "", "", _kind("nien_han")),
    ("resistance", "- Kháng chiến", "", "", lambda f: f.resistance),
)
SUBJECT_HEADING = "1. Chia theo đối tượng khen thưởng"
METHOD_HEADING = "3. Chia theo phương thức khen thưởng"


def _numbered(first: int, spec) -> list[tuple]:
    return [(f"{first + i:02d}", rest) for i, rest in enumerate(spec)]


def _sum_by(facts: list[Fact], row_filter, key_of) -> dict[str, int]:
    """{leaf key: count} of the facts passing `row_filter`; `key_of(fact)` is its leaf key or
    None when the fact has no column on this form."""
    out: dict[str, int] = {}
    for fact in facts:
        key = key_of(fact)
        if key is not None and row_filter(fact):
            out[key] = out.get(key, 0) + fact.count
    return out


def _applicable(values: dict, keys: list[str], side: str, side_of: dict) -> dict:
    """Zero-filled cells for the columns this row can have; total in "total"."""
    cells_ = {k: values.get(k, 0) for k in keys if side == "" or side in side_of[k]}
    cells_["total"] = sum(cells_.values())
    return cells_


# ---------------------------------------------------------------- 0602

def _state_types(on) -> dict[str, list[AwardType]]:
    """State-level award types by 0602 group, from the catalogue and the granting level in force
    at the end of the period (the reference leaves sub-columns to the catalogue)."""
    levels = granting_levels(on)
    groups: dict[str, list[AwardType]] = {"2": [], "5": [], "9": []}
    for t in AwardType.objects.order_by("sort_order", "code"):
        if t.code in SINGLE:
            continue
        if t.code.startswith("hc_"):
            groups["2"].append(t)
        elif t.code.startswith(HONORARY_PREFIXES):
            groups["5"].append(t)
        elif levels.get(t.id) in STATE_LEVELS:
            groups["9"].append(t)
    return groups


def _pair(t: AwardType, subjects=("c", "i")) -> Col:
    return Col(t.name, children=[Col(SUB_LABEL[s], key=f"{t.code}:{s}") for s in subjects])


def _columns_0602(groups, singles: dict[str, AwardType]) -> list[Col]:
    cols = [Col("Tổng số", key="total", code="1")]
    breakdown = [
        Col("Các loại huân chương, huy chương", code="2", children=[_pair(t) for t in groups["2"]]),
    ]
    for code, (number, label, subjects) in SINGLE.items():
        if code not in singles:
            continue
        leaf = Col(label, code=number, children=[
            Col(SUB_LABEL[s], key=f"{code}:{s}") for s in subjects])
        breakdown.append(leaf)
        if number == "4":
            breakdown.append(Col("Danh hiệu vinh dự nhà nước", code="5",
                                 children=[_pair(t) for t in groups["5"]]))
    breakdown.append(Col("Các hình thức khen thưởng khác", code="9",
                         children=[_pair(t) for t in groups["9"]]))
    return [*cols, Col("Chia ra", children=[c for c in breakdown if c.leaves and (
        c.children or c.key)])]


def form_0602(scope: FormScope) -> FormTable:
    groups = _state_types(scope.period.end)
    singles = {t.code: t for t in AwardType.objects.filter(code__in=SINGLE)}
    type_code = {t.id: t.code for g in groups.values() for t in g} | {
        t.id: t.code for t in singles.values()}
    facts = ledger_facts(scoped_records(scope).filter(award_type_id__in=type_code))
    columns = _columns_0602(groups, singles)
    keys = [leaf.key for c in columns for leaf in c.leaves]
    side_of = {k: k.rsplit(":", 1)[-1] for k in keys}

    def key_of(fact):
        side = "i" if fact.subject == INDIVIDUAL else "c"
        key = f"{type_code[fact.award_type_id]}:{side}"
        return key if key in side_of else None

    data_keys = [k for k in keys if k != "total"]
    by_key = {"total": lambda f: True, "central": lambda f: f.central,
              "province": lambda f: not f.central}
    by_key |= {k: flt for k, _l, _u, _s, flt in (*SUBJECT_ROWS, *METHOD_ROWS)}
    side = {k: s for k, _l, _u, s, _f in (*SUBJECT_ROWS, *METHOD_ROWS)}
    spec = [("01", "total", "Tổng số", "", False),
            ("", "", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng",
             "", True),
            ("02", "central", "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành", False),
            ("03", "province", "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP", False),
            ("", "", "2. Chia theo đối tượng khen thưởng", "", True)]
    spec += [(c, k, lab, u, False) for c, (k, lab, u, _s, _f) in _numbered(6, SUBJECT_ROWS)]
    spec += [("", "", METHOD_HEADING, "", True)]
    spec += [(c, k, lab, u, False) for c, (k, lab, u, _s, _f) in _numbered(15, METHOD_ROWS)]
    keymap = {code: key for code, key, *_ in spec if code}

    def compute(code):
        key = keymap[code]
        values = _sum_by(facts, by_key[key], key_of)
        # Columns of the other side stay empty (prizes, National Emulation Fighter on
        # collective rows; the Government flag on individual rows).
        return _applicable(values, data_keys, side.get(key, ""), side_of)

    rows = cells([(c, lab, u, h) for c, _k, lab, u, h in spec], compute, keys)
    return FormTable(
        code="0602", number="0602.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", period=scope.period,
        unit_name=scope.root.name, receiving_unit=receiving_unit(scope),
        lead=lead_columns(), columns=columns, rows=rows,
        notes=["Cột 1 = tổng các cột chia ra; dòng 01 = 02 + 03 = 06 + 08 + 09 = 15 + … + 21."])


# ---------------------------------------------------------------- 0603

def form_0603(scope: FormScope) -> FormTable:
    types = dict(AwardType.objects.filter(
        code__in=[c for c, *_ in PROVINCE_COLUMNS]).values_list("id", "code"))
    facts = ledger_facts(scoped_records(scope).filter(award_type_id__in=types))
    columns = [Col("Tổng số", key="total", code="1"),
               Col("Chia ra", children=[Col(label, key=code, code=number)
                                        for code, number, label, _s in PROVINCE_COLUMNS])]
    keys = ["total", *[c for c, *_ in PROVINCE_COLUMNS]]
    side_of = {code: sides for code, _n, _l, sides in PROVINCE_COLUMNS}
    filters = {"01": ("", lambda f: True)}
    spec = [("01", "Tổng số", "", False), ("", SUBJECT_HEADING, "", True)]
    for code, (_key, label, unit, side, flt) in _numbered(2, SUBJECT_ROWS):
        filters[code] = (side, flt)
        spec.append((code, label, unit, False))
    spec.append(("", METHOD_HEADING, "", True))
    for code, (_key, label, unit, side, flt) in _numbered(11, METHOD_ROWS):
        filters[code] = (side, flt)
        spec.append((code, label, unit, False))

    def compute(code):
        side, flt = filters[code]
        values = _sum_by(facts, flt, lambda f: types[f.award_type_id])
        return _applicable(values, keys[1:], side, side_of)

    return FormTable(
        code="0603", number="0603.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, "
              "THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        period=scope.period, unit_name=scope.root.name, receiving_unit=receiving_unit(scope),
        lead=lead_columns(), columns=columns, rows=cells(spec, compute, keys),
        notes=["Cột 1 = 2 + 3 + 4 + 5; dòng 01 = 02 + 04 + 05 = 11 + … + 17."])
