"""Choice sets of annual plans, emulation movements, registrations and cluster scoring."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class MovementKind(models.TextChoices):
    """Law 06/2022/QH15 Art. 8: thi đua thường xuyên and thi đua theo chuyên đề (or đợt)."""

    REGULAR = "regular", _("Regular (thường xuyên)")
    PERIODIC = "periodic", _("Periodic (theo đợt)")
    THEMATIC = "thematic", _("Thematic (chuyên đề)")


class MovementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    MID_REVIEWED = "mid_reviewed", _("Mid-term reviewed")
    CLOSED = "closed", _("Closed")
    STOPPED = "stopped", _("Stopped")


class ReviewKind(models.TextChoices):
    MID_TERM = "mid", _("Mid-term review (sơ kết)")
    FINAL = "final", _("Final review (tổng kết)")


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


# A movement under way: units register, reviews are held, it may be stopped.
RUNNING_STATES = (MovementState.LAUNCHED, MovementState.MID_REVIEWED)
# A movement that may still be stopped as ineffective (seed 002 §4); a draft is stopped too
# (it is never deleted).
STOPPABLE_STATES = (MovementState.DRAFT, *RUNNING_STATES)
# The unit may still change its registration.
REGISTRATION_EDITABLE = (RegistrationState.DRAFT, RegistrationState.RETURNED)
# Who keeps plans, movements and registrations: the board and unit officers, within scope.
MOVEMENT_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)

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
