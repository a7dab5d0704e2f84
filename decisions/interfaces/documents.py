"""Build the documents app's dataclasses from a decision and render them (DOCX, PDF,
certificates). The layout is the documents app's (Decree 30/2020); the words are ours."""

import re

from django.urls import reverse

from decisions.domain.wording import authority_words, form_name, granted_form, signed_money
from decisions.enums import CertificateStatus, DecisionKind
from decisions.models import Certificate, Decision
from documents.domain.model import (
    AdministrativeDocument,
    Annex,
    AnnexTable,
    Article,
    Letterhead,
    Signature,
    format_date,
    format_money,
    format_place_date,
    lines,
)
from documents.domain.model import Certificate as CertificatePage
from documents.interfaces.docx_documents import document_docx
from documents.interfaces.pdf import certificates_pdf, document_pdf

STATUS_NOTES = {CertificateStatus.CORRECTED: "ĐÃ ĐÍNH CHÍNH", CertificateStatus.REVOKED:
                "ĐÃ THU HỒI"}


def _issuing_body(decision: Decision) -> tuple[str, str]:
    """(parent body, issuing body) of the letterhead: the issuer and, above it, its parent."""
    issuer = decision.issuer
    parent = issuer.parent.name.upper() if issuer.parent_id else ""
    return parent, issuer.name.upper()


def letterhead(decision: Decision) -> Letterhead:
    parent, body = _issuing_body(decision)
    return Letterhead(parent_body=parent, issuing_body=body, number=decision.number,
                      symbol=decision.symbol, place=decision.place, date=decision.date,
                      year=(decision.date or decision.created_at.date()).year)


def signature(decision: Decision) -> Signature:
    return Signature(tuple(lines(decision.signer_prefix)), decision.signer_title.upper(),
                     decision.signer_name)


def _annex_name(item) -> str:
    """A posthumous award says so beside the name (Pháp lệnh Bà mẹ Việt Nam anh hùng Điều 1,
    Law 06/2022 Art. 5: "tặng hoặc truy tặng"). The next of kin is not printed in the annex,
    which the portal publishes; only on the certificate handed to the family."""
    return f"{item.recipient_name} (truy tặng)" if item.posthumous else item.recipient_name


def annex_tables(items) -> tuple[AnnexTable, ...]:
    """Collectives first, then households, then individuals (document-format §2), each with
    the money column; STT is the item's ordinal (the certificate's "số sổ vàng")."""
    groups = [("collective", "TẬP THỂ", ("STT", "Tên tập thể", "Số tiền (đồng)")),
              ("household", "HỘ GIA ĐÌNH", ("STT", "Chủ hộ, địa chỉ", "Số tiền (đồng)")),
              ("individual", "CÁ NHÂN", ("STT", "Họ và tên", "Chức vụ, đơn vị công tác",
                                         "Số tiền (đồng)"))]
    tables, roman = [], ["I", "II", "III"]
    for kind, heading, columns in groups:
        rows = []
        for item in items:
            if item.subject_kind != kind:
                continue
            money = format_money(item.money) if item.money else ""
            if kind == "individual":
                rows.append((str(item.ordinal), _annex_name(item), item.recipient_detail,
                             money))
            else:
                rows.append((str(item.ordinal), item.recipient_name, money))
        if rows:
            widths = (0.6, 1.9, 3.1, 1.2) if kind == "individual" else (0.6, 4.4, 1.4)
            align = (("center", "left", "left", "right") if kind == "individual"
                     else ("center", "left", "right"))
            tables.append(AnnexTable(f"{roman[len(tables)]}. {heading}", columns, tuple(rows),
                                     widths=widths, align=align))
    return tuple(tables)


def _counts(items) -> str:
    kinds = {"collective": "tập thể", "household": "hộ gia đình", "individual": "cá nhân"}
    parts = []
    for kind, label in kinds.items():
        n = sum(1 for i in items if i.subject_kind == kind)
        if n:
            parts.append(f"{n} {label}")
    return " và ".join(parts)


def administrative_document(decision: Decision) -> AdministrativeDocument:
    items = list(decision.items.select_related("award_type").order_by("ordinal"))
    head = letterhead(decision)
    number = (f"{decision.number:02d}/{decision.symbol}" if decision.number
              else f"     /{decision.symbol}")
    award_type = decision.award_type or (items[0].award_type if items else None)
    award = granted_form(award_type, decision) if award_type else ""
    if decision.kind == DecisionKind.AWARD:
        articles = (
            Article("Điều 1.", (f"Tặng {award} cho {_counts(items)} (có danh sách kèm theo)"
                                + (f", {decision.achievement}" if decision.achievement else "")
                                + ".",)),
            Article("Điều 2.", ((decision.money_source or "Tiền thưởng thực hiện theo quy định "
                                 "hiện hành.") + f" Tổng số tiền: "
                                f"{format_money(sum(i.money for i in items))} đồng.",)),
            Article("Điều 3.", ("Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ "
                                "quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại "
                                "Điều 1 chịu trách nhiệm thi hành Quyết định này./.",)),
        )
        annexes = (Annex(title=f"DANH SÁCH ĐƯỢC TẶNG {award.upper()}",
                         subtitle=f"(Kèm theo Quyết định số {number} "
                                  f"{format_date(decision.date, year=head.year)} của "
                                  f"{authority_words(decision)})",
                         tables=annex_tables(items)),)
    else:
        articles, annexes = _correction_articles(decision, items), ()
    return AdministrativeDocument(
        letterhead=head, type_name="QUYẾT ĐỊNH", summary=decision.summary,
        authority_line=decision.authority_title.upper(), bases=lines(decision.legal_bases),
        proposal_lines=lines(decision.proposal_line), body_heading="QUYẾT ĐỊNH:",
        articles=articles, recipients=_recipients(decision, len(articles)),
        signature=signature(decision), annexes=annexes, draft=decision.number is None)


def _correction_articles(decision: Decision, items) -> tuple[Article, ...]:
    """Điều 1 what is corrected; Điều 2 the money, as the difference the correction makes
    (new amount − old amount, signed: the original paid the old amount); Điều 3 effect and
    who executes it — the article "Nơi nhận: - Như Điều 3" refers to."""
    original = decision.amends
    verb = "Đính chính" if decision.kind == DecisionKind.AMENDMENT else "Thu hồi"
    corrected = [i for i in items if i.corrects_id]
    paragraphs = tuple(
        f"{verb} tại số thứ tự {i.ordinal} của danh sách kèm theo Quyết định số "
        f"{original.number_label} {format_date(original.date)}: "
        f"{i.corrects.recipient_name}, {i.corrects.recipient_detail} thành "
        f"{i.recipient_name}, {i.recipient_detail}." for i in corrected)
    difference = sum(i.money for i in items)  # each correcting item holds its difference
    money = (f"Số tiền thưởng chênh lệch do đính chính: {signed_money(difference)} đồng."
             if difference else "Số tiền thưởng không thay đổi.")
    return (Article("Điều 1.", paragraphs + ((f"Lý do: {decision.reason}",)
                                              if decision.reason else ())),
            Article("Điều 2.", (f"{money} Các nội dung khác của Quyết định số "
                                f"{original.number_label} giữ nguyên hiệu lực.",)),
            Article("Điều 3.", ("Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ "
                                "quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại "
                                "Điều 1 chịu trách nhiệm thi hành Quyết định này./.",)))


def _recipients(decision: Decision, articles: int) -> tuple[str, ...]:
    """"Nơi nhận" (Decree 30/2020 Appx I.II, box 9b): "- Như Điều N;" names the decision's
    last article (who executes it), whatever article the text copied from the original
    decision named."""
    given = lines(decision.recipients) or ("- Như Điều 3;", "- Lưu: VT.")
    return tuple(re.sub(r"Như Điều \d+", f"Như Điều {articles}", line) for line in given)


def decision_docx(decision: Decision) -> bytes:
    return document_docx(administrative_document(decision))


def decision_pdf(decision: Decision) -> bytes:
    return document_pdf(administrative_document(decision))


def certificate_page(certificate: Certificate, base_url: str) -> CertificatePage:
    item = certificate.item
    decision = item.decision
    source = decision.amends if decision.kind == DecisionKind.AMENDMENT else decision
    title = item.award_type.category == "title"
    return CertificatePage(
        code=certificate.code,
        verify_url=base_url + reverse("portal:verify_code", args=[certificate.code]),
        authority_title=decision.authority_title.upper(),
        lead=("TRUY " if item.posthumous else "") + ("TẶNG DANH HIỆU" if title else "TẶNG"),
        award_name=form_name(item.award_type, decision).upper(),
        recipient=item.recipient_name, recipient_detail=item.recipient_detail,
        received_by=(f"Thân nhân nhận: {item.received_by}" if item.posthumous and item.received_by
                     else ""),
        achievement=source.achievement or "",
        decision_line=f"Quyết định số {source.number_label}, ngày "
                      f"{source.date:%d/%m/%Y}" if source.date else "",
        golden_book_no=str(item.ordinal),
        place_date=format_place_date(decision.place, decision.date),
        signer_title=("\n".join(lines(decision.signer_prefix) + (decision.signer_title.upper(),))),
        signer_name=decision.signer_name,
        status_note=STATUS_NOTES.get(certificate.status))


def decision_certificates_pdf(decision: Decision, base_url: str, items=None) -> bytes:
    """The certificates of the decision (of `items` only, when given: a reader's awardees),
    one page each, for bulk printing."""
    certificates = Certificate.objects.filter(item__decision=decision)
    if items is not None:
        certificates = certificates.filter(item__in=items)
    certificates = (certificates
                    .select_related("item__award_type", "item__decision__amends")
                    .order_by("item__ordinal"))
    return certificates_pdf(certificate_page(c, base_url) for c in certificates)
