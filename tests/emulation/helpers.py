"""Builders of exemplary models and inspections through the domain functions (audited, as
real use would make them), in any state."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from emulation.exemplars.domain import exemplars, inspections, remediation

EXEMPLAR_PATH = {
    "draft": [],
    "recognised": [exemplars.recognise_exemplar],
    "published": [exemplars.recognise_exemplar, exemplars.publish_exemplar],
}


def make_exemplar(unit, *, state="draft", title="Cô giáo cắm bản", person=None,
                  collective=None, kind="nguoi_tot", story="Mười năm dạy chữ ở bản vùng cao.",
                  field="Giáo dục", year=2024):
    exemplar = exemplars.create_exemplar(
        actor=None, kind=kind, unit=unit, person=person, collective=collective, title=title,
        story=story, field=field, discovered_year=year, source_movement="")
    if state == "withdrawn":
        return exemplars.withdraw_exemplar(exemplar, actor=None, reason="Vi phạm kỷ luật")
    for step in EXEMPLAR_PATH[state]:
        exemplar = step(exemplar, actor=None)
    return exemplar


def make_visit(plan_unit, inspected_unit, *, state="planned", date=datetime.date(2025, 5, 10)):
    plan = inspections.create_plan(actor=None, year=date.year, unit=plan_unit,
                                   title=f"Kế hoạch kiểm tra năm {date.year}")
    visit = inspections.schedule_visit(plan, actor=None, inspected_unit=inspected_unit,
                                       date=date, team="Trưởng đoàn: Lê Văn Ba")
    if state in ("done", "concluded"):
        visit = inspections.record_findings(visit, actor=None, findings="Hồ sơ thiếu biên bản.")
    if state == "concluded":
        visit = inspections.conclude_visit(visit, actor=None, conclusion="Bổ sung biên bản.")
    return visit


def make_task(visit, owner_unit, *, deadline=datetime.date(2025, 7, 1), state="open",
              description="Bổ sung biên bản họp hội đồng"):
    task = inspections.add_task(visit, actor=None, description=description,
                                owner_unit=owner_unit, owner_name="Trần Thị Hoa",
                                deadline=deadline)
    if state in ("done", "accepted", "returned"):
        remediation.report_completion(task, actor=None, note="Đã bổ sung.",
                                      files=[evidence_file()])
    if state == "accepted":
        remediation.accept_task(task, actor=None)
    if state == "returned":
        remediation.return_task(task, actor=None, reason="Thiếu chữ ký")
    return task


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence_file(name="bien-ban-bo-sung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
