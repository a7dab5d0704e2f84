"""Demo exemplary models and one inspection for `seed_demo`: a few exemplars in every state (two
published, so the public portal has something to show) and one concluded visit with remediation
tasks, one of them overdue. Built through the domain functions (audited, as real use would)."""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from emulation.exemplars.domain import exemplars, inspections, remediation
from organisations.models import Collective, Person, Unit

# A one-page PDF standing for the signed minutes, the conclusion notice and the evidence.
MINUTES_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STORIES = [
    ("nguoi_tot", "Nhặt được của rơi, trả lại người mất",
     "Trên đường đi làm, nhặt được chiếc ví có 30 triệu đồng và giấy tờ; đã tìm và trả lại "
     "cho người mất.", "published"),
    ("dien_hinh", "Điển hình tiên tiến trong phong trào thi đua dạy tốt, học tốt",
     "Năm năm liền có học sinh đạt giải cấp tỉnh; chủ trì đổi mới phương pháp dạy học.",
     "published"),
    ("mo_hinh", "Mô hình “Thư viện xanh” trong trường học",
     "Thư viện ngoài trời, sách do phụ huynh góp; nhân rộng ra nhiều trường.", "recognised"),
    ("nguoi_tot", "Hiến máu tình nguyện 20 lần", "Tham gia hiến máu đều đặn từ năm 2012.",
     "draft"),
]


def _exemplars(rng: random.Random, units: list[Unit]) -> int:
    made = 0
    year = timezone.localdate().year
    for n, (kind, title, story, state) in enumerate(STORIES):
        unit = units[n % len(units)]
        person = (Person.objects.filter(unit=unit).order_by("id").first()
                  if kind == "nguoi_tot" else None)
        collective = (Collective.objects.filter(unit=unit).order_by("id").first()
                      if kind == "dien_hinh" else None)
        exemplar = exemplars.create_exemplar(
            actor=None, kind=kind, unit=unit, person=person, collective=collective, title=title,
            story=story, field=rng.choice(["Giáo dục", "Y tế", "Hành chính"]),
            discovered_year=year - 1, source_movement="Phong trào “Cả nước thi đua”")
        if state in ("recognised", "published"):
            exemplar = exemplars.recognise_exemplar(exemplar, actor=None)
        if state == "published":
            exemplar = exemplars.publish_exemplar(exemplar, actor=None)
            exemplars.add_follow_up(exemplar, actor=None, year=year, note="Vẫn giữ vững.",
                                    still_exemplary=True)
        made += 1
    return made


def _inspection(units: list[Unit], province: Unit) -> int:
    today = timezone.localdate()
    plan = inspections.create_plan(actor=None, year=today.year, unit=province,
                                   title=f"Kiểm tra công tác thi đua, khen thưởng năm {today.year}")
    visit_date = max(datetime.date(today.year, 1, 2), today - datetime.timedelta(days=90))
    target = units[0]
    visit = inspections.schedule_visit(plan, actor=None, inspected_unit=target, date=visit_date,
                                       team="Trưởng đoàn: Phó Trưởng ban Thi đua – Khen thưởng")
    visit = inspections.record_findings(
        visit, actor=None, findings="Hồ sơ bình xét thiếu biên bản họp Hội đồng thi đua.",
        minutes=ContentFile(MINUTES_PDF, name="bien-ban-kiem-tra.pdf"))
    visit = inspections.conclude_visit(
        visit, actor=None, conclusion="Bổ sung biên bản; công khai danh sách đề nghị.",
        notice=ContentFile(MINUTES_PDF, name="thong-bao-ket-luan.pdf"))
    tasks = [("Bổ sung biên bản họp Hội đồng thi đua", 30, True),
             ("Công khai danh sách đề nghị khen thưởng", 45, False),
             ("Rà soát quy chế thi đua của đơn vị", 120, False)]
    for description, days, close in tasks:
        task = inspections.add_task(visit, actor=None, description=description,
                                    owner_unit=target, owner_name="Thủ trưởng đơn vị",
                                    deadline=visit_date + datetime.timedelta(days=days))
        if close:
            remediation.report_completion(task, actor=None, note="Đã bổ sung, gửi Ban.",
                                          files=[ContentFile(MINUTES_PDF,
                                                             name="bien-ban-bo-sung.pdf")])
    # The unit's officers were told of each task (emulation.task_set): one visit, three tasks.
    return len(tasks)


def build_exemplars_and_inspections(rng: random.Random) -> int:
    units = list(Unit.objects.filter(valid_to__isnull=True, parent__isnull=False)
                 .order_by("code")[:4])
    province = Unit.objects.filter(valid_to__isnull=True, parent__isnull=True).order_by(
        "code").first()
    if not units or province is None:
        return 0
    return _exemplars(rng, units) + _inspection(units, province)
