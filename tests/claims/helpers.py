"""Claims built through the domain functions, at any stage."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from claims.data.checklists import CHECKLISTS
from claims.domain import steps
from claims.enums import CheckResult, ClaimKind, ClaimState
from claims.models import Claim

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="giay-to.pdf"):
    upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    upload.kind = "pdf"
    return upload


def register(officer, unit, *, kind=ClaimKind.RESISTANCE, **fields) -> Claim:
    values = {"claimant_name": "Nguyễn Văn Kháng", "claimant_birth_year": 1935,
              "claimant_address": "Thôn Đồng Tâm", "period": "america", "service_role": "militia",
              "service_from": 1965, "service_to": 1972, "originals_kept_at": "Gia đình giữ",
              "registered_on": datetime.date(2026, 3, 2)}
    if kind == ClaimKind.HEROIC_MOTHER:
        values |= {"claimant_name": "Lê Thị Mẹ", "claimant_deceased": True,
                   "applicant_name": "Lê Văn Con", "applicant_relation": "child",
                   "children_count": 3, "period": "", "service_role": "",
                   "service_from": None, "service_to": None}
    return steps.register_claim(officer, unit=unit, kind=kind, **values | fields)


def with_evidence(officer, claim, *, files=False) -> Claim:
    for kind in ("identity", "witness", "witness", "service_record", "party_record",
                 "commune_confirmation", "martyr_certificate", "family_statement"):
        steps.add_evidence(officer, claim, kind=kind, title=f"Giấy {kind}",
                           dated=datetime.date(2026, 2, 1), uploaded=pdf() if files else None)
    return claim


def family(officer, claim, *members):
    for relation, status, percent in members:
        steps.add_family_member(officer, claim, full_name="Liệt sĩ", relation=relation,
                                status=status, disability_percent=percent)


def confirm_all(officer, claim) -> Claim:
    for item in CHECKLISTS[claim.kind]:
        steps.record_check(officer, claim, item=item, result=CheckResult.CONFIRMED,
                           source="Hồ sơ lưu trữ")
    return claim


def at_stage(officer, unit, stage: str, *, kind=ClaimKind.RESISTANCE, person=None) -> Claim:
    """A claim moved by the domain steps to `stage`."""
    claim = register(officer, unit, kind=kind, person=person)
    if stage == ClaimState.REGISTERED:
        return claim
    with_evidence(officer, claim)
    if kind == ClaimKind.HEROIC_MOTHER:
        family(officer, claim, ("child", "martyr", None), ("child", "martyr", None))
    if stage in (ClaimState.WITHDRAWN, ClaimState.REFUSED):
        steps.withdraw(officer, claim, reason="Gia đình rút") if stage == ClaimState.WITHDRAWN \
            else steps.refuse(officer, claim, reason="Không đủ căn cứ")
        return claim
    steps.start_verifying(officer, claim)
    if stage == ClaimState.VERIFYING:
        return claim
    if stage == ClaimState.WAITING_EVIDENCE:
        steps.request_evidence(officer, claim)
        return claim
    confirm_all(officer, claim)
    steps.mark_verified(officer, claim)
    return claim
