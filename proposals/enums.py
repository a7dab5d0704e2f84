"""Choice sets of the proposals app. Stored values are readable codes; groups are named."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.enums import Role


class ProposalState(models.TextChoices):
    """The path of a proposal (tờ trình đề nghị khen thưởng); see docs/architecture.md."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for supplement")
    APPRAISING = "appraising", _("Under appraisal")
    CONSULTATION = "consultation", _("Public consultation")
    APPRAISED = "appraised", _("Appraised, awaiting the council")
    IN_COUNCIL = "in_council", _("Before the council")
    COUNCIL_DONE = "council_done", _("Council has voted")
    FORWARDED = "forwarded", _("Forwarded to a higher authority")
    CONSOLIDATED = "consolidated", _("Consolidated into a higher proposal")
    DECIDED = "decided", _("Decided")
    REJECTED = "rejected", _("Not awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The unit may change nominees and documents only in these states.
EDITABLE_STATES = frozenset({ProposalState.DRAFT, ProposalState.RETURNED})
# Received and not yet finished: the board's inbox.
INBOX_STATES = frozenset({ProposalState.SUBMITTED, ProposalState.APPRAISING,
                          ProposalState.CONSULTATION, ProposalState.APPRAISED,
                          ProposalState.IN_COUNCIL, ProposalState.COUNCIL_DONE})
FINAL_STATES = frozenset({ProposalState.DECIDED, ProposalState.REJECTED,
                          ProposalState.WITHDRAWN, ProposalState.CONSOLIDATED})


class Track(models.TextChoices):
    """Why the unit proposes (Law 06/2022/QH15 Art. 8 kinds; Decree 98/2023 Art. 40 cases)."""

    ANNUAL = "annual", _("Annual / by movement")
    THEMATIC = "thematic", _("Thematic")
    AD_HOC = "ad_hoc", _("Ad hoc (sudden achievement)")
    CONTRIBUTION = "contribution", _("Long service / contribution")
    RESISTANCE = "resistance", _("Resistance-war backlog")
    FOREIGN = "foreign", _("Foreign")
    POLITICAL_TASK = "political_task", _("Special political task")


# The award kind (loại hình, Law Art. 8) the ledger records for each track. Thematic, ad hoc
# and political-task awards never feed merit ladders (Decree 152/2025 Art. 4.3).
TRACK_AWARD_KIND = {
    Track.ANNUAL: "cong_trang", Track.THEMATIC: "chuyen_de", Track.AD_HOC: "dot_xuat",
    Track.CONTRIBUTION: "qua_trinh_cong_hien", Track.RESISTANCE: "cong_trang",
    Track.FOREIGN: "doi_ngoai", Track.POLITICAL_TASK: "chuyen_de",
}
# Tracks that may use the simplified procedure (Law Art. 85; Decree 98/2023 Art. 40.1:
# political tasks, ad hoc feats, contribution/seniority/foreign awards).
SIMPLIFIED_TRACKS = frozenset({Track.AD_HOC, Track.CONTRIBUTION, Track.FOREIGN,
                               Track.POLITICAL_TASK})


class Procedure(models.TextChoices):
    NORMAL = "normal", _("Normal procedure")
    SIMPLIFIED = "simplified", _("Simplified procedure")


class NomineeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DROPPED = "dropped", _("Dropped by the unit")
    AGREED = "agreed", _("Agreed by appraisal")
    REFUSED = "refused", _("Not agreed by appraisal")
    PASSED = "passed", _("Passed by the council")
    FAILED = "failed", _("Not passed by the council")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")


ACTIVE_NOMINEE_STATUSES = frozenset({NomineeStatus.PROPOSED, NomineeStatus.AGREED,
                                     NomineeStatus.PASSED, NomineeStatus.AWARDED})


class Opinion(models.TextChoices):
    """The appraiser's opinion on one nominee."""

    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    CHANGE_FORM = "change_form", _("Agree with another form")


class DocumentType(models.TextChoices):
    """Dossier documents (Law 06/2022/QH15 Art. 84; Decree 98/2023 Art. 30–40). The codes are
    those of the catalogue's `documents` parameter."""

    SUBMISSION_LETTER = "to_trinh", _("Submission letter (tờ trình)")
    ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", _("Achievement report")
    SUMMARY_REPORT = "bao_cao_tom_tat", _("Summary achievement report")
    REVIEW_MINUTES = "bien_ban_binh_xet", _("Minutes of the unit's review meeting")
    COUNCIL_MINUTES = "bien_ban_xet", _("Minutes of the unit's council meeting")
    BALLOT_RESULT = "ket_qua_bo_phieu", _("Ballot result")
    INITIATIVE_RECOGNITION = "chung_nhan_sang_kien", _("Initiative recognition")
    APPROVED_PLAN = "ke_hoach_duoc_duyet", _("Approved plan / project (political task)")
    OTHER = "khac", pgettext_lazy("document", "Other")


class CommentState(models.TextChoices):
    NEW = "new", _("To be resolved")
    RESOLVED = "resolved", _("Resolved")


class Vote(models.TextChoices):
    AGREE = "agree", pgettext_lazy("vote", "Agree")
    DISAGREE = "disagree", pgettext_lazy("vote", "Disagree")
    ABSTAIN = "abstain", _("Abstain")


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Closed")


class BallotKind(models.TextChoices):
    SECRET = "secret", _("Secret ballot")
    OPEN = "open", _("Open vote")


# Roles (accounts.enums.Role) acting here, read by rules.py and by the scoped queries of
# domain/queries: kept here, below both.
PROPOSERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)
BOARD = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)
RECEIVERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.COUNCIL_MEMBER, Role.APPROVER)


class FindingState(models.TextChoices):
    """An appraiser's finding that a track of a form is met (AppraisalFinding). Withdrawn
    findings stay as history; only recorded ones feed the eligibility case."""

    RECORDED = "recorded", _("Recorded")
    WITHDRAWN = "withdrawn", pgettext_lazy("finding", "Withdrawn")
