"""Building blocks for proposal tests: a proposal with eligible nominees and a complete
dossier, moved along the workflow by the same domain functions the UI calls."""

import datetime

from awards.domain.ledger import set_rating
from awards.models import AwardType
from proposals.domain import nominees, workflow
from proposals.domain import proposals as proposal_domain
from proposals.domain.dossier import attach_generated
from proposals.enums import DocumentType, Opinion
from tests.factories import PersonFactory

YEAR = 2025
GIAY_KHEN_DOCS = (DocumentType.SUBMISSION_LETTER, DocumentType.ACHIEVEMENT_REPORT,
                  DocumentType.COUNCIL_MINUTES)


def eligible_person(unit, **kwargs):
    """A person rated "good" in YEAR: eligible for a Giấy khen (Law 2022 Art. 75)."""
    person = PersonFactory(unit=unit, **kwargs)
    set_rating(None, year=YEAR, rating="tot", person=person)
    return person


def draft(officer, unit, recipient, *, award="giay_khen", people=1, level="unit",
          track="annual", **fields):
    proposal = proposal_domain.create_proposal(
        officer, unit=unit, title="Đề nghị tặng Giấy khen năm 2025", recipient_unit=recipient,
        authority_level=level, track=track, year=YEAR, **fields)
    award_type = AwardType.objects.get(code=award)
    for _ in range(people):
        nominees.add_nominee(officer, proposal, award_type=award_type,
                             summary="Hoàn thành xuất sắc nhiệm vụ.",
                             person=eligible_person(unit))
    return proposal


def complete_dossier(officer, proposal, doc_types=GIAY_KHEN_DOCS):
    for doc_type in doc_types:
        attach_generated(officer, proposal, doc_type=doc_type, content=b"PK\x03\x04 docx",
                         name=f"{doc_type}.docx")


def submitted(officer, unit, recipient, **kwargs):
    proposal = draft(officer, unit, recipient, **kwargs)
    complete_dossier(officer, proposal)
    workflow.submit(officer, proposal)
    proposal.refresh_from_db()
    return proposal


def appraised(officer, board, unit, recipient, **kwargs):
    proposal = submitted(officer, unit, recipient, **kwargs)
    workflow.assign_appraisers(board, proposal, [board])
    for nominee in proposal.nominees.all():
        workflow.record_opinion(board, nominee, opinion=Opinion.AGREE)
    workflow.finish_appraisal(board, proposal)
    proposal.refresh_from_db()
    return proposal


def on(day: int, month: int = 11, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, day)
