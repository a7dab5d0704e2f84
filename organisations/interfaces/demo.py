"""Demo province for `seed_demo`: the 2025 merger of Tuyên Quang and Hà Giang provinces
(Resolution 202/2025/QH15, in force 1/7/2025), the abolition of the district level on the same
day (Decree 129/2025/NĐ-CP moves district powers to communes) and the commune mergers.

The structure is built through the domain functions (create, merge, dissolve) so the demo
exercises the same code as the screens. People are bulk-loaded for speed (100,000 in benchmarks)
but keep every invariant of `create_person`: valid unique CCCD, folded search text, an employment.
"""

import datetime
import random
from dataclasses import dataclass, field

from core.text import fold_join
from organisations.domain import clusters, people, staff, tree
from organisations.domain.cccd import century_digit
from organisations.enums import (
    ClusterKind,
    CollectiveKind,
    Gender,
    StaffMode,
    UnitKind,
    UnitLevel,
)
from organisations.models import (
    Collective,
    Employment,
    Household,
    Person,
    Unit,
)

MERGER_DAY = datetime.date(2025, 7, 1)
MERGER_ACT = {"decision_number": "202/2025/QH15", "decision_date": datetime.date(2025, 6, 12),
              "issuer": "Quốc hội", "note": "Sắp xếp đơn vị hành chính cấp tỉnh năm 2025"}
COMMUNE_ACT = {"decision_number": "1684/NQ-UBTVQH15", "decision_date": datetime.date(2025, 6, 16),
               "issuer": "Ủy ban Thường vụ Quốc hội",
               "note": "Sắp xếp đơn vị hành chính cấp xã; không tổ chức cấp huyện"}
P, D, C, G = UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE, UnitLevel.GRASSROOTS
K = UnitKind

# (code, name, level, kind, parent code, valid_from) — the two provinces before 1/7/2025.
OLD_UNITS = [
    ("TQ-UB", "Ủy ban nhân dân tỉnh Tuyên Quang (trước 01/7/2025)", P, K.PEOPLES_COMMITTEE, None),
    ("TQ-SNV", "Sở Nội vụ tỉnh Tuyên Quang", P, K.DEPARTMENT, "TQ-UB"),
    ("TQ-SGD", "Sở Giáo dục và Đào tạo tỉnh Tuyên Quang", P, K.DEPARTMENT, "TQ-UB"),
    ("TQ-SYT", "Sở Y tế tỉnh Tuyên Quang", P, K.DEPARTMENT, "TQ-UB"),
    ("TQ-STC", "Sở Tài chính tỉnh Tuyên Quang", P, K.DEPARTMENT, "TQ-UB"),
    ("TQ-THPTC", "Trường THPT Chuyên Tuyên Quang", G, K.SCHOOL, "TQ-SGD"),
    ("TQ-BVDK", "Bệnh viện Đa khoa tỉnh Tuyên Quang", G, K.HOSPITAL, "TQ-SYT"),
    ("TQ-H-YS", "Ủy ban nhân dân huyện Yên Sơn", D, K.PEOPLES_COMMITTEE, "TQ-UB"),
    ("TQ-X-TQ", "Ủy ban nhân dân xã Thắng Quân", C, K.PEOPLES_COMMITTEE, "TQ-H-YS"),
    ("TQ-X-LQ", "Ủy ban nhân dân xã Lang Quán", C, K.PEOPLES_COMMITTEE, "TQ-H-YS"),
    ("TQ-X-CS", "Ủy ban nhân dân xã Chân Sơn", C, K.PEOPLES_COMMITTEE, "TQ-H-YS"),
    ("TQ-THCS-TQ", "Trường THCS Thắng Quân", G, K.SCHOOL, "TQ-H-YS"),
    ("TQ-H-SD", "Ủy ban nhân dân huyện Sơn Dương", D, K.PEOPLES_COMMITTEE, "TQ-UB"),
    ("TQ-X-TT", "Ủy ban nhân dân xã Tân Trào", C, K.PEOPLES_COMMITTEE, "TQ-H-SD"),
    ("TQ-X-MT", "Ủy ban nhân dân xã Minh Thanh", C, K.PEOPLES_COMMITTEE, "TQ-H-SD"),
    ("TQ-X-BY", "Ủy ban nhân dân xã Bình Yên", C, K.PEOPLES_COMMITTEE, "TQ-H-SD"),
    ("TQ-TP", "Ủy ban nhân dân thành phố Tuyên Quang", D, K.PEOPLES_COMMITTEE, "TQ-UB"),
    ("TQ-P-PT", "Ủy ban nhân dân phường Phan Thiết", C, K.PEOPLES_COMMITTEE, "TQ-TP"),
    ("TQ-P-MX", "Ủy ban nhân dân phường Minh Xuân", C, K.PEOPLES_COMMITTEE, "TQ-TP"),
    ("HG-UB", "Ủy ban nhân dân tỉnh Hà Giang", P, K.PEOPLES_COMMITTEE, None),
    ("HG-SNV", "Sở Nội vụ tỉnh Hà Giang", P, K.DEPARTMENT, "HG-UB"),
    ("HG-SGD", "Sở Giáo dục và Đào tạo tỉnh Hà Giang", P, K.DEPARTMENT, "HG-UB"),
    ("HG-SYT", "Sở Y tế tỉnh Hà Giang", P, K.DEPARTMENT, "HG-UB"),
    ("HG-STC", "Sở Tài chính tỉnh Hà Giang", P, K.DEPARTMENT, "HG-UB"),
    ("HG-THPTC", "Trường THPT Chuyên Hà Giang", G, K.SCHOOL, "HG-SGD"),
    ("HG-H-BQ", "Ủy ban nhân dân huyện Bắc Quang", D, K.PEOPLES_COMMITTEE, "HG-UB"),
    ("HG-X-VQ", "Ủy ban nhân dân thị trấn Việt Quang", C, K.PEOPLES_COMMITTEE, "HG-H-BQ"),
    ("HG-X-HA", "Ủy ban nhân dân xã Hùng An", C, K.PEOPLES_COMMITTEE, "HG-H-BQ"),
    ("HG-X-VT", "Ủy ban nhân dân xã Vĩnh Tuy", C, K.PEOPLES_COMMITTEE, "HG-H-BQ"),
    ("HG-H-VX", "Ủy ban nhân dân huyện Vị Xuyên", D, K.PEOPLES_COMMITTEE, "HG-UB"),
    ("HG-X-VL", "Ủy ban nhân dân thị trấn Việt Lâm", C, K.PEOPLES_COMMITTEE, "HG-H-VX"),
    ("HG-X-DD", "Ủy ban nhân dân xã Đạo Đức", C, K.PEOPLES_COMMITTEE, "HG-H-VX"),
    ("HG-TP", "Ủy ban nhân dân thành phố Hà Giang", D, K.PEOPLES_COMMITTEE, "HG-UB"),
    ("HG-P-MK", "Ủy ban nhân dân phường Minh Khai", C, K.PEOPLES_COMMITTEE, "HG-TP"),
    ("HG-P-NT", "Ủy ban nhân dân phường Nguyễn Trãi", C, K.PEOPLES_COMMITTEE, "HG-TP"),
]

# New departments: (new code, name, merged old codes).
NEW_DEPARTMENTS = [
    ("TQ-SNV-25", "Sở Nội vụ tỉnh Tuyên Quang", ["TQ-SNV", "HG-SNV"]),
    ("TQ-SGD-25", "Sở Giáo dục và Đào tạo tỉnh Tuyên Quang", ["TQ-SGD", "HG-SGD"]),
    ("TQ-SYT-25", "Sở Y tế tỉnh Tuyên Quang", ["TQ-SYT", "HG-SYT"]),
    ("TQ-STC-25", "Sở Tài chính tỉnh Tuyên Quang", ["TQ-STC", "HG-STC"]),
]
# New communes/wards: (code, name, merged old codes, the district whose seat it takes).
NEW_COMMUNES = [
    ("TQ-P-MX-25", "Ủy ban nhân dân phường Minh Xuân", ["TQ-P-PT", "TQ-P-MX"], "TQ-TP"),
    ("TQ-X-YS-25", "Ủy ban nhân dân xã Yên Sơn", ["TQ-X-TQ", "TQ-X-LQ", "TQ-X-CS"], "TQ-H-YS"),
    ("TQ-X-TT-25", "Ủy ban nhân dân xã Tân Trào", ["TQ-X-TT", "TQ-X-MT"], None),
    ("TQ-X-SD-25", "Ủy ban nhân dân xã Sơn Dương", ["TQ-X-BY"], "TQ-H-SD"),
    ("TQ-P-HG-25", "Ủy ban nhân dân phường Hà Giang 1", ["HG-P-MK", "HG-P-NT"], "HG-TP"),
    ("TQ-X-BQ-25", "Ủy ban nhân dân xã Bắc Quang", ["HG-X-VQ", "HG-X-HA"], "HG-H-BQ"),
    ("TQ-X-VT-25", "Ủy ban nhân dân xã Vĩnh Tuy", ["HG-X-VT"], None),
    ("TQ-X-VX-25", "Ủy ban nhân dân xã Vị Xuyên", ["HG-X-VL", "HG-X-DD"], "HG-H-VX"),
]
# Units founded after the merger directly under the new province.
NEW_UNITS = [
    ("TQ-HPN", "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang", P, K.MASS_ORGANISATION),
    ("TQ-TDOAN", "Tỉnh đoàn Tuyên Quang", P, K.MASS_ORGANISATION),
    ("TQ-LDLD", "Liên đoàn Lao động tỉnh Tuyên Quang", P, K.MASS_ORGANISATION),
    ("TQ-CTTL", "Công ty TNHH MTV Khai thác công trình thủy lợi Tuyên Quang", G, K.ENTERPRISE),
]
# Each new commune gets a primary school and a health station.
COMMUNE_SERVICES = [("TH", "Trường Tiểu học", K.SCHOOL), ("TYT", "Trạm Y tế", K.HOSPITAL)]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Ma", "Hà", "Nông", "Triệu", "Lò", "Quan", "Giàng", "Vàng", "Chu"]
MIDDLE = {Gender.MALE: ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Tiến"],
          Gender.FEMALE: ["Thị", "Thu", "Ngọc", "Minh", "Thanh", "Hồng", "Kim", "Thúy", "Diệu"]}
GIVEN = {Gender.MALE: ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phong",
                       "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Khánh", "Đạt", "Hiếu", "Trung"],
         Gender.FEMALE: ["Anh", "Châu", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
                         "Nga", "Phương", "Thảo", "Trang", "Yến", "Huyền", "Nhung", "Vân"]}
ETHNICITIES = [("Kinh", 48), ("Tày", 24), ("Dao", 10), ("H'Mông", 9), ("Nùng", 5),
               ("Sán Chay", 4)]
# unit kind → (leader positions, the head first; staff positions; staff are direct workers?)
JOBS = {
    K.SCHOOL: (["Hiệu trưởng", "Phó Hiệu trưởng", "Tổ trưởng chuyên môn"],
               ["Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên thư viện", "Kế toán"], True),
    K.HOSPITAL: (["Giám đốc", "Phó Giám đốc", "Trưởng khoa"],
                 ["Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Kỹ thuật viên", "Dược sĩ"], True),
    K.ENTERPRISE: (["Giám đốc", "Phó Giám đốc", "Quản đốc"],
                   ["Công nhân", "Công nhân", "Công nhân", "Kỹ sư", "Kế toán"], True),
    K.PEOPLES_COMMITTEE: (["Chủ tịch", "Phó Chủ tịch", "Trưởng phòng"],
                          ["Công chức Văn phòng - Thống kê", "Công chức Địa chính",
                           "Công chức Tư pháp - Hộ tịch", "Chuyên viên", "Công chức Văn hóa"],
                          False),
    K.MASS_ORGANISATION: (["Chủ tịch", "Phó Chủ tịch", "Trưởng ban"],
                          ["Chuyên viên", "Cán bộ", "Kế toán", "Văn thư"], False),
}
DEFAULT_JOBS = (["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng"],
                ["Chuyên viên", "Chuyên viên chính", "Kế toán", "Văn thư"], False)
VILLAGES = ["Đồng Bầu", "Khuôn Khoai", "Làng Mới", "Nà Khà", "Bản Thác"]
SIZE = {K.SCHOOL: 6, K.HOSPITAL: 8, K.ENTERPRISE: 5, K.DEPARTMENT: 4,
        K.PEOPLES_COMMITTEE: 3, K.MASS_ORGANISATION: 2}


@dataclass
class Demo:
    """What the stages build, handed from one stage to the next."""

    actor: object
    rng: random.Random
    units: dict[str, Unit] = field(default_factory=dict)
    headed: set[int] = field(default_factory=set)  # units that have their head already


# ------------------------------------------------------------------ tree

def build_old_provinces(demo: Demo) -> None:
    for code, name, level, kind, parent in OLD_UNITS:
        # Both provinces were re-established on 1/10/1991.
        demo.units[code] = tree.create_unit(
            demo.actor, rebuild=False, code=code, name=name, level=level, kind=kind,
            parent=demo.units.get(parent), valid_from=datetime.date(1991, 10, 1))
    tree.rebuild_tree_index()


def reorganise_2025(demo: Demo) -> None:
    """1/7/2025: provinces merge, departments merge, communes merge, districts end."""
    u = demo.units
    u["TQ"] = tree.merge_units(
        demo.actor, [u["TQ-UB"], u["HG-UB"]], effective_date=MERGER_DAY,
        new_unit={"code": "TQ", "name": "Ủy ban nhân dân tỉnh Tuyên Quang", "level": P,
                  "kind": K.PEOPLES_COMMITTEE, "parent": None}, **MERGER_ACT)
    for code, name, sources in NEW_DEPARTMENTS:
        u[code] = tree.merge_units(
            demo.actor, [u[s] for s in sources], effective_date=MERGER_DAY,
            new_unit={"code": code, "name": name, "level": P, "kind": K.DEPARTMENT,
                      "parent": u["TQ"]}, **MERGER_ACT)
    for code, name, sources, _seat in NEW_COMMUNES:
        new_unit = {"code": code, "name": name, "level": C, "kind": K.PEOPLES_COMMITTEE,
                    "parent": u["TQ"]}
        if len(sources) == 1:  # a commune that only changes level: dissolve into a new one
            u[code] = tree.create_unit(demo.actor, valid_from=MERGER_DAY, **new_unit)
            tree.dissolve_unit(demo.actor, u[sources[0]], effective_date=MERGER_DAY,
                               successor=u[code], **COMMUNE_ACT)
        else:
            u[code] = tree.merge_units(demo.actor, [u[s] for s in sources],
                                       effective_date=MERGER_DAY, new_unit=new_unit,
                                       **COMMUNE_ACT)
    seats = {seat: code for code, _n, _s, seat in NEW_COMMUNES if seat}
    for district in [c for c, _n, level, _k, _p in OLD_UNITS if level == D]:
        tree.dissolve_unit(demo.actor, u[district], effective_date=MERGER_DAY,
                           successor=u[seats[district]], **COMMUNE_ACT)
    for code, name, level, kind in NEW_UNITS:
        u[code] = tree.create_unit(demo.actor, rebuild=False, code=code, name=name, level=level,
                                   kind=kind, parent=u["TQ"], valid_from=MERGER_DAY)
    for code, _name, _sources, _seat in NEW_COMMUNES:
        for suffix, label, kind in COMMUNE_SERVICES:
            commune = u[code]
            place = commune.name.replace("Ủy ban nhân dân ", "")
            u[f"{code}-{suffix}"] = tree.create_unit(
                demo.actor, rebuild=False, code=f"{code}-{suffix}", name=f"{label} {place}",
                level=G, kind=kind, parent=commune, valid_from=MERGER_DAY)
    tree.rebuild_tree_index()
    for unit in u.values():
        unit.refresh_from_db()


# ------------------------------------------------------------------ people

def _name(rng: random.Random, gender: str) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def _ethnicity(rng: random.Random) -> str:
    return rng.choices([e for e, _w in ETHNICITIES], [w for _e, w in ETHNICITIES])[0]


def _cccd(serial: int, gender: str, birth: datetime.date, rng: random.Random) -> str:
    province = rng.choice(["008", "002", "008", "001", "019"])
    return f"{province}{century_digit(gender, birth.year)}{birth.year % 100:02d}{serial:06d}"


def _person(demo: Demo, serial: int, unit: Unit, *, name: str | None = None,
            gender: str | None = None, leader: bool | None = None) -> tuple[Person, dict]:
    rng = demo.rng
    gender = gender or rng.choice([Gender.MALE, Gender.FEMALE])
    birth = datetime.date(rng.randint(1966, 2001), rng.randint(1, 12), rng.randint(1, 28))
    leaders, staff_jobs, direct = JOBS.get(unit.kind, DEFAULT_JOBS)
    leader = rng.random() < 0.12 if leader is None else leader
    position = rng.choice(leaders if leader else staff_jobs)
    if leader and position == leaders[0]:
        # One head per unit (one Hiệu trưởng, one Giám đốc); other leaders are deputies.
        position = rng.choice(leaders[1:]) if unit.pk in demo.headed else position
        demo.headed.add(unit.pk)
    full_name = name or _name(rng, gender)
    cccd = _cccd(serial, gender, birth, rng)
    person = Person(cccd=cccd, full_name=full_name, gender=gender, birth_date=birth,
                    ethnicity=_ethnicity(rng), unit=unit, position=position,
                    title="Viên chức" if direct else "Công chức", is_leader=leader,
                    is_direct_worker=direct and not leader,
                    search_text=fold_join(full_name, cccd))
    start = max(unit.valid_from or datetime.date(2000, 1, 1),
                datetime.date(birth.year + 22, rng.randint(1, 12), 1))
    return person, {"unit": unit, "position": position, "start_date": start,
                    "is_leader": leader, "is_direct_worker": person.is_direct_worker,
                    "title": person.title}


def _bulk_people(demo: Demo, rows: list[tuple[Person, dict]]) -> list[Person]:
    created = Person.objects.bulk_create([p for p, _job in rows], batch_size=2000)
    Employment.objects.bulk_create(
        [Employment(person=p, **job) for p, (_p, job) in zip(created, rows, strict=True)],
        batch_size=2000)
    return created


def populate_people(demo: Demo, total: int) -> None:
    """Spread `total` people over the units active before the merger, weighted by unit kind;
    the merger then carries them into the new units like real staff."""
    homes = [u for u in demo.units.values() if u.valid_to is None and u.level != D]
    weights = [SIZE.get(u.kind, 3) for u in homes]
    first = [_person(demo, 1, demo.units["TQ-SGD"], name="Nguyễn Văn An",
                     gender=Gender.MALE, leader=False)]
    batch, serial = first, 2
    while serial <= total:
        unit = demo.rng.choices(homes, weights)[0]
        batch.append(_person(demo, serial, unit))
        serial += 1
        if len(batch) >= 5000:
            _bulk_people(demo, batch)
            batch = []
    _bulk_people(demo, batch)


def transfer_some_people(demo: Demo, share: float = 0.02) -> None:
    """A few people change unit in 2022–2024, so histories span units."""
    targets = [u for u in demo.units.values() if u.valid_to is None and u.level != D]
    # Drawn with the demo's seeded generator (not the database's ORDER BY RANDOM()), so that
    # the same seed gives the same province every time.
    ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    chosen = demo.rng.sample(ids, k=min(300, max(1, int(len(ids) * share))))
    movers = Person.objects.filter(id__in=chosen).order_by("id")
    for person in movers:
        unit = demo.rng.choice(targets)
        start = datetime.date(demo.rng.randint(2022, 2024), 9, 1)
        current = person.employments.get(end_date__isnull=True)
        if unit.pk != person.unit_id and start > current.start_date:
            # A staff post of the new unit's kind: a teacher moved to a hospital is not a
            # teacher there.
            _leaders, staff_jobs, direct = JOBS.get(unit.kind, DEFAULT_JOBS)
            people.transfer_person(demo.actor, person, unit=unit, start_date=start,
                                   note="Điều động", position=demo.rng.choice(staff_jobs),
                                   is_leader=False, is_direct_worker=direct,
                                   title="Viên chức" if direct else "Công chức")


def add_people_to_new_units(demo: Demo, per_unit: int, serial_start: int) -> int:
    """Staff for the units founded on or after 1/7/2025."""
    rows, serial = [], serial_start
    for unit in demo.units.values():
        if unit.valid_from and unit.valid_from >= MERGER_DAY and unit.kind != K.PEOPLES_COMMITTEE:
            for _ in range(per_unit):
                person, job = _person(demo, serial, unit)
                job["start_date"] = MERGER_DAY
                rows.append((person, job))
                serial += 1
    _bulk_people(demo, rows)
    return serial


# ------------------------------------------------------------------ subjects

def build_subjects(demo: Demo, households_per_commune: int, serial_start: int) -> None:
    units = list(demo.units.values())
    Collective.objects.bulk_create([
        Collective(name=u.name.replace("Ủy ban nhân dân", "Tập thể UBND"),
                   kind=CollectiveKind.WHOLE_UNIT, unit=u, valid_from=u.valid_from,
                   valid_to=u.valid_to, member_count=u.people.count(),
                   search_text=fold_join(u.name))
        for u in units if u.level != D])
    subs = []
    for u in units:
        if u.kind == K.SCHOOL:
            subs += ["Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Khoa học tự nhiên"]
        elif u.kind == K.HOSPITAL:
            subs += ["Khoa Nội tổng hợp", "Khoa Ngoại", "Khoa Nhi"]
        elif u.kind == K.DEPARTMENT and u.valid_to is None:
            subs += ["Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính"]
        Collective.objects.bulk_create([
            Collective(name=f"{s} - {u.short_name or u.name}", kind=CollectiveKind.SUB_COLLECTIVE,
                       unit=u, valid_from=u.valid_from, member_count=demo.rng.randint(6, 25),
                       search_text=fold_join(f"{s} - {u.name}")) for s in subs])
        subs = []
    serial = serial_start
    for code, _name, _sources, _seat in NEW_COMMUNES:
        commune = demo.units[code]
        for i in range(households_per_commune):
            head, _job = _person(demo, serial, commune, leader=False)
            head.position, head.title, head.is_direct_worker = "Nông dân", "", True
            head.save()  # a resident: no employment, the commune is their unit
            village = demo.rng.choice(VILLAGES)
            Household(head=head, unit=commune, member_count=demo.rng.randint(2, 7),
                      address=f"Thôn {village}, số nhà {i + 1}").save()
            serial += 1


# ------------------------------------------------------------------ clusters and staff

CLUSTERS = [
    ("KHOI-TH", "Khối thi đua các cơ quan tổng hợp", ClusterKind.BLOCK,
     ["TQ-SNV-25", "TQ-STC-25", "TQ-HPN", "TQ-TDOAN", "TQ-LDLD"]),
    ("KHOI-VHXH", "Khối thi đua văn hóa - xã hội", ClusterKind.BLOCK,
     ["TQ-SGD-25", "TQ-SYT-25", "TQ-CTTL"]),
    ("CUM-BAC", "Cụm thi đua các xã, phường phía Bắc", ClusterKind.CLUSTER,
     ["TQ-P-HG-25", "TQ-X-BQ-25", "TQ-X-VT-25", "TQ-X-VX-25"]),
    ("CUM-NAM", "Cụm thi đua các xã, phường phía Nam", ClusterKind.CLUSTER,
     ["TQ-P-MX-25", "TQ-X-YS-25", "TQ-X-TT-25", "TQ-X-SD-25"]),
]
OLD_CLUSTER = ("CUM-HUYEN-TQ", "Cụm thi đua các huyện, thành phố (tỉnh Tuyên Quang cũ)",
               ["TQ-H-YS", "TQ-H-SD", "TQ-TP"], "TQ-UB")


def build_clusters(demo: Demo) -> None:
    u = demo.units
    code, name, members, managing = OLD_CLUSTER
    old = clusters.create_cluster(demo.actor, code=code, name=name, kind=ClusterKind.CLUSTER,
                                  managing_unit=u[managing], is_active=False)
    for year in (2023, 2024):
        for m in members:
            clusters.add_member(demo.actor, old, u[m], year)
    clusters.set_leadership(demo.actor, old, 2023, head=u["TQ-TP"], deputy=u["TQ-H-YS"])
    clusters.set_leadership(demo.actor, old, 2024, head=u["TQ-H-YS"], deputy=u["TQ-H-SD"])
    for code, name, kind, members in CLUSTERS:
        cluster = clusters.create_cluster(demo.actor, code=code, name=name, kind=kind,
                                          managing_unit=u["TQ"])
        for m in members:
            clusters.add_member(demo.actor, cluster, u[m], 2025)
        clusters.set_leadership(demo.actor, cluster, 2025, head=u[members[0]],
                                deputy=u[members[1]])
        clusters.start_year(demo.actor, cluster, 2026)


def build_staff(demo: Demo) -> None:
    """One emulation officer per active department and commune: full-time in the Department of
    Home Affairs (the board's home), part-time elsewhere; and two training sessions."""
    registered = []
    for unit in demo.units.values():
        if unit.valid_to is None and unit.kind in (K.DEPARTMENT, K.PEOPLES_COMMITTEE):
            person = unit.people.filter(is_leader=False).first()
            if person is None:
                continue
            mode = StaffMode.FULL_TIME if unit.code == "TQ-SNV-25" else StaffMode.PART_TIME
            registered.append(staff.register_staff(
                demo.actor, person=person, unit=unit, mode=mode,
                duty="Tham mưu công tác thi đua, khen thưởng", start_date=MERGER_DAY))
    staff.create_training(
        demo.actor, title="Tập huấn nghiệp vụ thi đua, khen thưởng theo Nghị định 152/2025/NĐ-CP",
        organiser=demo.units["TQ-SNV-25"], start_date=datetime.date(2025, 9, 15),
        end_date=datetime.date(2025, 9, 16), location="Hội trường Sở Nội vụ", hours=16,
        content="Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP; quy trình hồ sơ.",
        attendees=registered)
    staff.create_training(
        demo.actor, title="Bồi dưỡng cán bộ làm công tác thi đua cấp xã sau sắp xếp",
        organiser=demo.units["TQ-SNV-25"], start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 10), location="Trực tuyến", hours=8,
        attendees=[s for s in registered if s.unit.level == C])
