"""The achievement report (báo cáo thành tích, Decree 152/2025 forms) generated from stored
data: the person or collective, the proposal's summary, and the ledger's awards."""

from django.utils import timezone

from awards.enums import Category
from documents.domain.model import (
    INDIVIDUAL_PROFILE_LABELS,
    AchievementReport,
    AwardHistoryRow,
    Letterhead,
    lines,
)
from documents.interfaces.docx_documents import achievement_report_docx
from proposals.models import Nominee


def _history(nominee: Nominee) -> tuple[tuple, tuple]:
    subject = nominee.person or nominee.collective or nominee.household
    records = (subject.award_records.filter(revoked=False).select_related("award_type")
               .order_by("year", "decision_date"))
    titles, forms = [], []
    for r in records:
        row = AwardHistoryRow(str(r.year), r.award_type.name,
                              f"{r.decision_number} ngày {r.decision_date:%d/%m/%Y}; {r.issuer}")
        (titles if r.award_type.category == Category.TITLE else forms).append(row)
    return tuple(titles), tuple(forms)


def _profile(person) -> tuple[tuple[str, str], ...]:
    values = (person.full_name, person.birth_date.strftime("%d/%m/%Y"),
              person.get_gender_display(), "", "", person.unit.name, person.position,
              person.title, "")
    return tuple(zip(INDIVIDUAL_PROFILE_LABELS, values, strict=True))


def build(nominee: Nominee) -> AchievementReport:
    proposal = nominee.proposal
    today = timezone.localdate()
    head = Letterhead(parent_body=proposal.unit.parent.name.upper() if proposal.unit.parent_id
                      else "", issuing_body=proposal.unit.name.upper(), number=None, symbol="",
                      place=proposal.unit.name, date=None, year=today.year)
    titles, forms = _history(nominee)
    common = {"letterhead": head, "proposed_award": nominee.award_type.name.upper(),
              "subject_name": nominee.subject_name, "titles": titles, "forms": forms,
              "achievements": lines(nominee.summary)}
    if nominee.person_id:
        return AchievementReport(subject_kind="individual", profile=_profile(nominee.person),
                                 duties=(nominee.position,) if nominee.position else (),
                                 reporter_name=nominee.subject_name, **common)
    return AchievementReport(subject_kind="collective", situation=(nominee.unit.name,),
                             **common)


def achievement_report(nominee: Nominee) -> bytes:
    return achievement_report_docx(build(nominee))
