"""Demo initiatives for `seed_demo`: about 200 over the demo's current units, most recognised,
some research topics, a few near-duplicates (so the register form has something to warn about)
and a few already used for an award (so the one-use rule shows). Built through the domain
functions, so codes, search text, tokens and audit entries are what real use would make."""

import datetime
import random

from django.db.models import Count, Q

from emulation.initiatives.domain import initiative_uses, initiatives
from organisations.domain.naming import decision_symbol
from organisations.models import Person, Unit

ACTIONS = ["Ứng dụng phần mềm quản lý", "Một số biện pháp nâng cao chất lượng",
           "Giải pháp số hóa", "Đổi mới phương pháp", "Xây dựng quy trình",
           "Cải tiến công tác", "Ứng dụng công nghệ thông tin trong", "Tổ chức hiệu quả"]
OBJECTS = [("hồ sơ học sinh", "Giáo dục"), ("dạy học môn Toán lớp 9", "Giáo dục"),
           ("thư viện trường học", "Giáo dục"), ("hồ sơ bệnh án", "Y tế"),
           ("khám chữa bệnh bảo hiểm y tế", "Y tế"), ("phòng chống sốt xuất huyết", "Y tế"),
           ("tiếp nhận hồ sơ một cửa", "Cải cách hành chính"),
           ("văn bản đi, đến", "Hành chính"), ("thu ngân sách xã", "Tài chính"),
           ("quản lý tài sản công", "Tài chính"), ("cấp giấy chứng nhận quyền sử dụng đất",
                                                  "Đất đai"),
           ("chăm sóc cây chè", "Nông nghiệp"), ("tuyên truyền phổ biến pháp luật", "Tư pháp"),
           ("đăng ký hộ tịch", "Tư pháp"), ("phòng cháy chữa cháy", "An ninh")]
PLACES = ["tại đơn vị", "ở trường trung học cơ sở", "trên địa bàn xã", "của cơ quan",
          "tại bệnh viện huyện", "ở vùng đồng bào dân tộc thiểu số"]
# Rewordings of existing titles: the near-duplicate search should flag them.
REWORDINGS = [lambda t: t.lower() + " năm học mới", lambda t: t.replace("quản lý", "quản lí"),
              lambda t: "Một số giải pháp " + t[0].lower() + t[1:]]
COUNCILS = {"co_so": "Hội đồng sáng kiến cơ sở", "tinh": "Hội đồng sáng kiến tỉnh",
            "toan_quoc": "Hội đồng khoa học cấp Bộ"}


def _title(rng: random.Random) -> tuple[str, str]:
    subject, field = rng.choice(OBJECTS)
    return f"{rng.choice(ACTIONS)} {subject} {rng.choice(PLACES)}", field


def _authors(rng: random.Random, staff: list[Person]) -> list[tuple[Person, int]]:
    chosen = rng.sample(staff, k=min(len(staff), rng.choice([1, 1, 1, 2, 2, 3])))
    if len(chosen) == 1:
        return [(chosen[0], 100)]
    shares = [60, 40] if len(chosen) == 2 else [50, 30, 20]
    return list(zip(chosen, shares, strict=True))


def _units_with_staff() -> dict[Unit, list[Person]]:
    units = (Unit.objects.filter(valid_to__isnull=True)
             .annotate(n=Count("people", filter=Q(people__employments__end_date__isnull=True)))
             .filter(n__gte=3).order_by("code"))
    return {u: list(Person.objects.filter(unit=u, employments__end_date__isnull=True)
                    .distinct().order_by("id")[:30]) for u in units}


def build_initiatives(rng: random.Random, total: int = 200) -> int:
    staff = _units_with_staff()
    if not staff:
        return 0
    units = list(staff)
    made = []
    for n in range(total):
        unit = rng.choice(units)
        if made and n % 25 == 7:  # a near-duplicate of an earlier one
            title, field = rng.choice(REWORDINGS)(made[-5].title), made[-5].field
        else:
            title, field = _title(rng)
        year = rng.choice([2021, 2022, 2023, 2024, 2025])
        kind = "de_tai" if rng.random() < 0.15 else "sang_kien"
        initiative = initiatives.register_initiative(
            actor=None, authors=_authors(rng, staff[unit]), kind=kind, title=title[:500],
            summary=f"{title}. Áp dụng thử tại {unit.name}, hiệu quả rõ rệt.", unit=unit,
            field=field, year=year, applied_from=datetime.date(year, 1, 1) if n % 3 else None)
        if rng.random() < 0.8:
            initiative = _recognise(rng, initiative, unit, year)
        made.append(initiative)
    _use_some(rng, [i for i in made if i.state == "recognised"])
    return len(made)


def _recognise(rng: random.Random, initiative, unit: Unit, year: int):
    scope = rng.choices(["co_so", "tinh", "toan_quoc"], [75, 22, 3])[0]
    issuer = unit.name if scope == "co_so" else "Chủ tịch UBND tỉnh Tuyên Quang"
    symbol = decision_symbol(unit) if scope == "co_so" else "QĐ-UBND"
    return initiatives.recognise_initiative(
        initiative, actor=None, decision_number=f"{rng.randint(10, 999)}/{symbol}",
        decision_date=datetime.date(year, rng.randint(6, 12), rng.randint(1, 28)),
        recognised_by=issuer, council=COUNCILS[scope], scope=scope)


def _use_some(rng: random.Random, recognised: list) -> None:
    """A dozen initiatives already back an award: most confirmed by a decision, some still
    reserved by a proposal in progress."""
    for n, initiative in enumerate(rng.sample(recognised, k=min(12, len(recognised)))):
        author = initiative.authors.select_related("person").first().person
        award = "cstd_co_so" if initiative.scope == "co_so" else "bang_khen_tinh"
        ref = f"demo:{initiative.code}"
        initiative_uses.claim_initiative(
            initiative, award_code=award, claim_ref=ref, actor=None,
            claim_label=f"Tờ trình số {n + 1}/TTr-{initiative.unit.code[:10]} — "
                        f"{'Chiến sĩ thi đua cơ sở' if award == 'cstd_co_so' else 'Bằng khen'} "
                        f"{initiative.year} — {author.full_name}")
        if n % 3:
            initiative_uses.confirm_use(ref, actor=None)
