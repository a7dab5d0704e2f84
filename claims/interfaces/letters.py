"""The letter to the family listing the papers still missing (Thông báo, Decree 30/2020
layout through the documents app's DOCX renderer)."""

from django.utils import timezone

from claims.domain import verification
from claims.models import Claim
from documents.domain.model import AdministrativeDocument, Letterhead, Signature
from documents.interfaces.docx_documents import document_docx


def _addressee(claim: Claim) -> str:
    name = claim.applicant_name if claim.applicant_relation != "self" else claim.claimant_name
    return f"Ông/Bà {name}, {claim.claimant_address}."


def missing_papers(claim: Claim) -> list[str]:
    lines = [f"- {item.label}" for item in verification.missing_items(claim)
             if item.code != verification.LEDGER]
    if short := verification.witness_shortfall(claim):
        lines.append(f"- Thêm {short} bản khai của người cùng tham gia kháng chiến làm chứng")
    return lines


def letter_document(claim: Claim) -> AdministrativeDocument:
    """The letter as the documents app's frozen model; the commune's name heads it."""
    today = timezone.localdate()
    body = [
        f"Ủy ban nhân dân {claim.unit.name} đã tiếp nhận hồ sơ đề nghị khen thưởng số "
        f"{claim.code} của {claim.claimant_name} (sinh năm {claim.claimant_birth_year}).",
        "Qua kiểm tra, hồ sơ còn thiếu các giấy tờ sau:",
        *(missing_papers(claim) or ["- (không có)"]),
        f"Đề nghị gia đình bổ sung và nộp tại bộ phận thi đua, khen thưởng của {claim.unit.name}."
        f" Bản gốc đang lưu tại: {claim.originals_kept_at}.",
        f"Gia đình có thể tra cứu tình trạng hồ sơ trên Cổng thông tin bằng mã {claim.code}.",
    ]
    return AdministrativeDocument(
        letterhead=Letterhead("", f"ỦY BAN NHÂN DÂN\n{claim.unit.name.upper()}", None, "TB-UBND",
                              claim.unit.name, today),
        type_name="THÔNG BÁO",
        summary="Về việc bổ sung hồ sơ đề nghị khen thưởng thành tích kháng chiến",
        addressees=(_addressee(claim),),
        articles=tuple(body),
        recipients=("- Như trên;", "- Lưu: VT."),
        signature=Signature(("TM. ỦY BAN NHÂN DÂN",), "CHỦ TỊCH", ""),
    )


def missing_papers_docx(claim: Claim) -> bytes:
    return document_docx(letter_document(claim))
