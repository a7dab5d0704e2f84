"""Council sessions (Hội đồng Thi đua – Khen thưởng): members, agenda, ballots."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proposals.enums import BallotKind, SessionState, Vote


class CouncilSession(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("council of"),
                             on_delete=models.PROTECT, related_name="council_sessions")
    title = models.CharField(_("title"), max_length=255)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=255)
    ballot = models.CharField(_("ballot"), max_length=10, choices=BallotKind.choices,
                              default=BallotKind.SECRET)
    state = models.CharField(_("state"), max_length=10, choices=SessionState.choices,
                             default=SessionState.PLANNED, editable=False)
    total_members = models.PositiveSmallIntegerField(
        _("members of the council"),
        help_text=_("All members of the council; thresholds are shares of this number "
                    "(Decree 98/2023 Art. 30.7)."))
    proposals = models.ManyToManyField("proposals.Proposal", related_name="council_sessions",
                                       blank=True, verbose_name=_("agenda"))
    minutes_note = models.TextField(_("proceedings"), blank=True)
    opened_at = models.DateTimeField(null=True, editable=False)
    closed_at = models.DateTimeField(null=True, editable=False)
    # When the meeting ended, as the minutes state it (entered on closing; never before
    # `held_at`). `closed_at` is only when the session was closed in TĐKT.
    ended_at = models.DateTimeField(_("ended at"), null=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_at"]

    def __str__(self):
        return f"{self.title} ({self.held_at:%d/%m/%Y})"


class CouncilMember(models.Model):
    """A member sitting in a session. `unit` is the member's home unit: members from a
    nominee's unit are recused from that nominee."""

    CHAIR, SECRETARY, MEMBER = "chair", "secretary", "member"
    ROLES = [(CHAIR, _("Chair")), (SECRETARY, _("Secretary")), (MEMBER, _("Member"))]

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="council_seats")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("home unit"),
                             on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=ROLES, default=MEMBER)
    # The member's post, as the minutes name them ("Giám đốc Sở Nội vụ").
    position = models.CharField(_("position"), max_length=255, blank=True)
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="seat_once")]
        ordering = ["role", "id"]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class Ballot(models.Model):
    """One vote. Under a secret ballot the vote row does not name the member: the receipt
    below records only that the member voted, so nobody can vote twice and nobody can read
    who voted how."""

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="ballots")
    nominee = models.ForeignKey("proposals.Nominee", on_delete=models.PROTECT,
                                related_name="ballots")
    member = models.ForeignKey(CouncilMember, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "nominee", "member"],
                                               condition=Q(member__isnull=False),
                                               name="open_vote_once")]

    def __str__(self):
        return f"{self.nominee_id}: {self.vote}"


class VoteReceipt(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="+")
    nominee = models.ForeignKey("proposals.Nominee", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="receipts")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "nominee", "member"],
                                               name="vote_receipt_once")]

    def __str__(self):
        return f"{self.member_id} → {self.nominee_id}"
