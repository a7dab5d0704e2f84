"""Criteria sets and the yearly cluster round: pact, scores with history, the secret ballot."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.movements.enums import (
    CriterionFeed,
    CriterionKind,
    RescoreRequestState,
    RoundState,
    ScoreKind,
)


def default_thresholds() -> list:
    # [U] xuất sắc ≥ 90, tốt ≥ 80, khá ≥ 65; editable per set.
    return [["xuat_sac", "90"], ["tot", "80"], ["kha", "65"]]


class CriteriaSet(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    is_template = models.BooleanField(_("reusable template"), default=False)
    thresholds = models.JSONField(_("grade thresholds"), default=default_thresholds)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="copies")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-year", "name"]

    def __str__(self):
        return f"{self.name} ({self.year})" if self.year else self.name


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT,
                                     related_name="criteria")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=500)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2,
                                 default=Decimal(1))
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices,
                            default=CriterionKind.NORMAL)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    feed = models.CharField(_("source of the points"), max_length=20,
                            choices=CriterionFeed.choices, default=CriterionFeed.MANUAL)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"],
                                               name="criterion_code_once")]

    def __str__(self):
        return f"{self.code}. {self.name}"


class CriterionRetirement(models.Model):
    """A criterion taken out of its set (with its sub-criteria), kept for the record: rows are
    never deleted, and scores already given to it stay readable."""

    criterion = models.OneToOneField(Criterion, on_delete=models.PROTECT,
                                     related_name="retirement")
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.criterion_id}: {self.reason[:40]}"


class ClusterRound(models.Model):
    """One cluster's emulation year: pact (giao ước thi đua), scoring, ballot, results."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cluster = models.ForeignKey("organisations.Cluster", verbose_name=_("cluster"),
                                on_delete=models.PROTECT, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("criteria set"),
                                     on_delete=models.PROTECT, related_name="rounds")
    state = models.CharField(_("state"), max_length=10, choices=RoundState.choices,
                             default=RoundState.DRAFT)
    pact_date = models.DateField(_("pact date"), null=True, blank=True)
    pact_text = models.TextField(_("pact text"), blank=True)
    pact_signed = models.BooleanField(_("pact signed"), default=False)
    vote_share = models.DecimalField(
        _("share of votes needed"), max_digits=4, decimal_places=3, default=Decimal("0.5"),
        help_text=_("A unit leads when it has the most votes and more than this share."))
    # The cluster's rules (quy chế hoạt động của cụm): how many member units must have voted
    # before the results may be published; by default every member votes.
    ballot_quorum = models.DecimalField(
        _("share of members who must vote"), max_digits=4, decimal_places=3,
        default=Decimal("1"),
        help_text=_("The results may be published once at least this share of the member "
                    "units has voted."))
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cluster round")
        verbose_name_plural = _("cluster rounds")
        ordering = ["-year", "cluster__code"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year"],
                                               name="cluster_round_once")]

    def __str__(self):
        return f"{self.cluster} {self.year}"

    @property
    def unit_id(self):
        # Scope checks: a round belongs to the unit that manages its cluster.
        return self.cluster.managing_unit_id


class Score(models.Model):
    """Points for one unit on one leaf criterion by one scorer (self, a peer unit, the board)."""

    round = models.ForeignKey(ClusterRound, on_delete=models.PROTECT, related_name="scores")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("scored unit"),
                             on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=ScoreKind.choices)
    scorer_unit = models.ForeignKey("organisations.Unit", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    evidence_text = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="emulation/evidence/%Y/",
                                     blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "criterion", "kind", "scorer_unit"],
                                    name="score_once"),
            models.UniqueConstraint(fields=["round", "unit", "criterion"],
                                    condition=Q(kind="board"), name="board_score_once"),
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.criterion_id} {self.kind}: {self.points}"


class ScoreChange(models.Model):
    score = models.ForeignKey(Score, on_delete=models.PROTECT, related_name="changes")
    old = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    new = models.DecimalField(max_digits=7, decimal_places=2)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.old} → {self.new}"


class RoundBallot(models.Model):
    """One anonymous vote for a leading unit: no voter on it (the receipt names the voter)."""

    round = models.ForeignKey(ClusterRound, on_delete=models.PROTECT, related_name="ballots")
    candidate = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT,
                                  related_name="+")

    def __str__(self):
        return f"{self.round_id}: {self.candidate_id}"


class RoundVoteReceipt(models.Model):
    round = models.ForeignKey(ClusterRound, on_delete=models.PROTECT, related_name="receipts")
    voter_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT,
                                   related_name="+")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "voter_unit"],
                                               name="round_vote_once")]

    def __str__(self):
        return f"{self.round_id}: {self.voter_unit_id}"


class RescoreRequest(models.Model):
    """A re-score of a unit by someone who belongs to it (the cluster head's own unit): it is
    applied only when a manager without that conflict approves it. States change only through
    `emulation.movements.domain.rescore_requests.set_request_state`."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(ClusterRound, on_delete=models.PROTECT,
                              related_name="rescore_requests")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"),
                                  on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=RescoreRequestState.choices,
                             default=RescoreRequestState.PENDING, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_note = models.TextField(_("note on the decision"), blank=True, editable=False)

    class Meta:
        verbose_name = _("re-score request")
        verbose_name_plural = _("re-score requests")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.unit} {self.criterion.code}: {self.points}"
