"""The annual plan as an administrative document (Decree 30/2020 Appx III, Mẫu 1.4 "KẾ
HOẠCH"), rendered by the documents app to DOCX or PDF. The layout is the documents app's; the
words are ours."""

from documents.domain.model import (
    AdministrativeDocument,
    Annex,
    AnnexTable,
    Heading,
    Letterhead,
    Signature,
    lines,
)
from documents.interfaces.docx_documents import document_docx
from documents.interfaces.pdf import document_pdf
from emulation.movements.enums import PlanState
from emulation.movements.models import AnnualPlan


def _symbol(plan: AnnualPlan) -> str:
    """KH-<issuer's short name or code> (Decree 30 Appx I.II box 3: type abbreviation, then
    the issuing body's)."""
    return f"KH-{(plan.unit.short_name or plan.unit.code).replace(' ', '')}"


def _place(plan: AnnualPlan) -> str:
    # The unit's address ends with its province ("…, Tuyên Quang"); a unit without an
    # address prints an empty place for the clerk to fill in.
    return plan.unit.address.split(",")[-1].strip() if plan.unit.address else ""


def plan_document(plan: AnnualPlan) -> AdministrativeDocument:
    unit = plan.unit
    published = plan.state == PlanState.PUBLISHED
    date = plan.published_at.date() if published and plan.published_at else None
    head = Letterhead(parent_body=unit.parent.name.upper() if unit.parent_id else "",
                      issuing_body=unit.name.upper(), number=None, symbol=_symbol(plan),
                      place=_place(plan), date=date, year=plan.year)
    body = [Heading("I. MỤC ĐÍCH, YÊU CẦU"), *lines(plan.content)]
    if plan.key_targets.strip():
        body += [Heading("II. CHỈ TIÊU TRỌNG TÂM"), *lines(plan.key_targets)]
    milestones = [(str(n), f"{m.date:%d/%m/%Y}", m.name)
                  for n, m in enumerate(plan.milestones.all(), start=1)]
    annexes = (Annex(title="CÁC MỐC THỜI GIAN, NGÀY KỶ NIỆM", subtitle=f"(Kèm theo Kế hoạch "
                     f"công tác thi đua, khen thưởng năm {plan.year})",
                     tables=(AnnexTable("", ("STT", "Ngày", "Nội dung"), tuple(milestones),
                                        widths=(0.6, 1.2, 4.2)),)),) if milestones else ()
    return AdministrativeDocument(
        letterhead=head, type_name="KẾ HOẠCH", summary=plan.title, articles=tuple(body),
        recipients=("- Các đơn vị trực thuộc;", "- Lưu: VT."),
        signature=Signature(("TM. " + unit.name.upper(),), "", ""), annexes=annexes,
        draft=not published)


def plan_docx(plan: AnnualPlan) -> bytes:
    return document_docx(plan_document(plan))


def plan_pdf(plan: AnnualPlan) -> bytes:
    return document_pdf(plan_document(plan))
