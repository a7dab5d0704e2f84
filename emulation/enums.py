"""Choice sets of the emulation app (stored values are readable codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class InitiativeKind(models.TextChoices):
    INITIATIVE = "sang_kien", _("Initiative")
    RESEARCH = "de_tai", _("Research topic")


class InitiativeScope(models.TextChoices):
    """Phạm vi ảnh hưởng (Law 06/2022/QH15 Art. 21–23; Decree 152/2025): the same codes as
    awards.eligibility.facts.SCOPE_ORDER, which the eligibility engine compares."""

    BASE = "co_so", _("Grassroots (cơ sở)")
    PROVINCE = "tinh", _("Ministry, sector or province")
    NATIONAL = "toan_quoc", _("Nationwide")


class InitiativeState(models.TextChoices):
    DRAFT = "draft", _("Registered")
    RECOGNISED = "recognised", _("Recognised")
    REVOKED = "revoked", _("Revoked")


class InitiativeUseState(models.TextChoices):
    RESERVED = "reserved", _("reserved")
    CONFIRMED = "confirmed", _("confirmed")
    RELEASED = "released", _("released")


# A use in these states holds the initiative: no other claim may rely on it.
ACTIVE_USE_STATES = (InitiativeUseState.RESERVED, InitiativeUseState.CONFIRMED)
# Initiatives that may still be corrected (a revoked one is history).
EDITABLE_STATES = (InitiativeState.DRAFT, InitiativeState.RECOGNISED)
# Code prefix by kind: SK-2025-00012 (sáng kiến), ĐT → DT-2025-00003 (đề tài).
CODE_PREFIX = {InitiativeKind.INITIATIVE: "SK", InitiativeKind.RESEARCH: "DT"}
# Who reads and keeps the initiative registry: the board and unit officers, within their scope.
VIEW_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)


class CriterionKind(models.TextChoices):
    NORMAL = "normal", _("Normal")
    BONUS = "bonus", _("Bonus")
    PENALTY = "penalty", _("Penalty")


class CriterionFeed(models.TextChoices):
    """Where a criterion's points come from: scorers (manual), or the system's own records.
    A system-fed criterion is not self- or peer-scored; the head/board may re-score it with a
    reason."""

    MANUAL = "manual", _("Scored by the units")
    REPORTING_ON_TIME = "reporting_on_time", _("System: reports filed on time")


class Grade(models.TextChoices):
    """Xếp loại of a cluster member; thresholds live on the criteria set [U]."""

    EXCELLENT = "xuat_sac", _("Excellent")
    GOOD = "tot", _("Good")
    FAIR = "kha", _("Fair")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Pact being prepared")
    SCORING = "scoring", _("Scoring")
    VOTING = "voting", _("Voting")
    PUBLISHED = "published", _("Published")


class RescoreRequestState(models.TextChoices):
    """A re-score of the requester's own unit, waiting for someone without that conflict."""

    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved and applied")
    REFUSED = "refused", _("Refused")


class ScoreKind(models.TextChoices):
    SELF = "self", _("Self-assessment")
    PEER = "peer", _("Peer score")
    BOARD = "board", _("Head/board score")


# Who manages a cluster round besides its cluster head: the board within the managing unit.
ROUND_MANAGER_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)
