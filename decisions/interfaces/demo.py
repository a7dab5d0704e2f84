"""Demo decisions (seed_demo stage after the proposals): each authority drafts and issues the
decision on the proposal its council voted (proposals/interfaces/demo.py), through the same
domain functions as the pages; the department then corrects one awardee's unit by an amending
decision and revokes another's award, so the portal and the verification page show every
certificate status. Proposals under a "…_draft" key are drafted and left for the signer, so
the signers' home pages have a decision waiting (issue 18.8)."""

from django.utils import timezone

from accounts.models import User
from decisions.domain import corrections, drafting, issuing

YEAR = 2025
PERSONAS = ["banthidua", "chutich", "vanphong_sgd", "giamdoc_sgd", "vanhoa_yenson",
            "chutich_yenson"]


def build_decisions(voted: dict) -> int:
    """Decide the proposals `build_proposals` left voted: the department's Giấy khen (then a
    correction and a revocation), the chairman's Bằng khen, the commune's Lao động tiên tiến;
    the "…_draft" ones only drafted. Returns the number of decisions issued."""
    users = {u.username: u for u in User.objects.filter(username__in=PERSONAS)}
    if len(users) < len(PERSONAS) or not voted:
        return 0
    draft = {"department": _department_draft, "province": _provincial_draft,
             "commune": _commune_draft}
    signer = {"department": "giamdoc_sgd", "province": "chutich", "commune": "chutich_yenson"}
    issued = 0
    for key, proposal in voted.items():
        kind = key.removesuffix("_draft")
        decision = draft[kind](users, proposal)
        if key.endswith("_draft"):
            continue
        decision = issuing.issue_decision(users[signer[kind]], decision,
                                          date=timezone.localdate())
        issued += 1
        if kind == "department":
            _correct_and_revoke(users, decision)
    return issued


def _department_draft(users, proposal):
    """Sở GD&ĐT decides its own Giấy khen: its register, its director."""
    office, sgd = users["vanphong_sgd"], proposal.recipient_unit
    return drafting.draft_decision(
        office, proposals=[proposal], issuer=sgd,
        authority_title="Giám đốc Sở Giáo dục và Đào tạo tỉnh Tuyên Quang", symbol="QĐ-SGDĐT",
        place="Tuyên Quang", summary="Về việc tặng Giấy khen năm học 2024–2025",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Nghị định số "
                    "152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        achievement="đã có thành tích xuất sắc trong năm học 2024–2025",
        money_source="Tiền thưởng thực hiện theo quy định hiện hành, từ Quỹ thi đua, khen "
                     "thưởng của Sở.", recipients="- Như Điều 3;\n- Lưu: VT, VP.",
        signer_title="Giám đốc", signer_name="Ngô Đức Thành")


def _provincial_draft(users, proposal):
    """The provincial path: the board drafts, the chairman's office issues the Bằng khen."""
    province = proposal.recipient_unit
    return drafting.draft_decision(
        users["banthidua"], proposals=[proposal], issuer=province,
        authority_title="Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", symbol="QĐ-UBND",
        place="Tuyên Quang", summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Nghị định số "
                    "152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        achievement="đã có thành tích xuất sắc trong năm học 2024–2025",
        money_source="Tiền thưởng từ Quỹ thi đua, khen thưởng của tỉnh.",
        recipients="- Như Điều 3;\n- Lưu: VT, TĐKT.", signer_prefix="KT. CHỦ TỊCH",
        signer_title="Phó Chủ tịch", signer_name="Trần Văn Sơn")


def _commune_draft(users, proposal):
    """Xã Yên Sơn recognises Lao động tiên tiến of its primary school's staff: from 1/7/2025
    the commune chairman grants it (Decree 129/2025/NĐ-CP Art. 59)."""
    office, commune = users["vanhoa_yenson"], proposal.recipient_unit
    return drafting.draft_decision(
        office, proposals=[proposal], issuer=commune,
        authority_title="Chủ tịch Ủy ban nhân dân xã Yên Sơn", symbol="QĐ-UBND",
        place="Yên Sơn", summary=f"Về việc công nhận danh hiệu Lao động tiên tiến năm {YEAR}",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Nghị định số "
                    "129/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ;",
        achievement=f"đã hoàn thành tốt nhiệm vụ năm {YEAR}",
        money_source="Tiền thưởng từ Quỹ thi đua, khen thưởng của xã.",
        recipients="- Như Điều 3;\n- Lưu: VT.", signer_title="Chủ tịch",
        signer_name="Ma Văn Hùng")


def _correct_and_revoke(users, decision) -> None:
    """One awardee's unit name corrected by an amending decision, another's award revoked: the
    portal and the verification page show both statuses."""
    items = list(decision.items.order_by("ordinal"))
    if len(items) < 3:
        return
    amending = corrections.request_correction(
        users["vanphong_sgd"], items[1], reason="Ghi sai tên đơn vị công tác.",
        recipient_name=items[1].recipient_name,
        recipient_detail=f"{items[1].recipient_detail} (đã đính chính)")
    issuing.issue_decision(users["giamdoc_sgd"], amending, date=timezone.localdate())
    corrections.revoke_item(users["vanphong_sgd"], items[2], reason="Kê khai thành tích không "
                            "trung thực.", decision_number="12/QĐ-SGDĐT",
                            decision_date=timezone.localdate(),
                            decision_issuer=decision.authority_title)
