"""A proposal (tờ trình đề nghị khen thưởng) and its nominees."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import GrantingLevel
from proposals.enums import NomineeStatus, Opinion, Procedure, ProposalState, Track

ONE_SUBJECT = (Q(person__isnull=False, collective__isnull=True, household__isnull=True)
               | Q(person__isnull=True, collective__isnull=False, household__isnull=True)
               | Q(person__isnull=True, collective__isnull=True, household__isnull=False))


class Proposal(models.Model):
    """A unit's proposal to the authority that may grant the requested forms. `unit` proposes;
    `recipient_unit` is the authority's unit, whose board staff appraise it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=30, unique=True, editable=False)
    title = models.CharField(_("summary (trích yếu)"), max_length=300)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("proposing unit"),
                             on_delete=models.PROTECT, related_name="proposals")
    recipient_unit = models.ForeignKey("organisations.Unit", verbose_name=_("addressed to"),
                                       on_delete=models.PROTECT, related_name="received_proposals")
    authority_level = models.CharField(_("granting authority"), max_length=20,
                                       choices=GrantingLevel.choices)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices,
                             default=Track.ANNUAL)
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices,
                                 default=Procedure.NORMAL)
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    letter_number = models.CharField(_("submission letter number"), max_length=60, blank=True,
                                     help_text=_("The unit's own number, e.g. 12/TTr-SGDĐT."))
    letter_date = models.DateField(_("submission letter date"), null=True, blank=True)
    movement = models.ForeignKey("emulation.Movement", verbose_name=_("emulation movement"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="proposals")
    # The free text of the movement before it became a reference, where no movement matched.
    movement_note = models.CharField(_("emulation movement (note)"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices,
                             default=ProposalState.DRAFT, editable=False)
    state_changed_at = models.DateTimeField(null=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, editable=False)
    due_on = models.DateField(_("step deadline"), null=True, editable=False)
    # Roll-up (seed 000 §6): a consolidated proposal of the next level carries the lower ones.
    consolidated_into = models.ForeignKey("self", null=True, blank=True, editable=False,
                                          on_delete=models.PROTECT, related_name="rolled_up")
    override_reason = models.TextField(_("reason for overriding failed checks"), blank=True,
                                       editable=False)
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True,
                                    editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient_unit", "state", "due_on"]),
                   models.Index(fields=["due_on", "submitted_at", "id"]),
                   models.Index(fields=["unit", "state"]),
                   # The proposal list's order (newest first): its page is read off the index.
                   models.Index(fields=["-created_at", "-id"], name="proposal_list_order")]

    def __str__(self):
        return f"{self.code} — {self.title}"


class Nominee(models.Model):
    """One subject proposed for one title or form. Its verdict, appraisal opinion and council
    result are kept on it; every change is in the audit log."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="nominees")
    person = models.ForeignKey("organisations.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="nominations")
    collective = models.ForeignKey("organisations.Collective", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="nominations")
    household = models.ForeignKey("organisations.Household", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="nominations")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("requested title / form"),
                                   on_delete=models.PROTECT, related_name="nominations")
    summary = models.TextField(_("achievement summary"))
    # Snapshot of the position at proposal time, for statistics and the annex.
    position = models.CharField(_("position"), max_length=255, blank=True)
    is_leader = models.BooleanField(_("leader"), default=False)
    is_direct_worker = models.BooleanField(_("direct worker"), default=False)
    # A posthumous award (the person's record says deceased) is handed to the next of kin:
    # "Nguyễn Văn B (con trai)". Printed on the certificate, not on public pages.
    received_by = models.CharField(_("received by (next of kin)"), max_length=255, blank=True,
                                   db_default="")
    status = models.CharField(_("status"), max_length=20, choices=NomineeStatus.choices,
                              default=NomineeStatus.PROPOSED, editable=False)
    verdict = models.JSONField(_("eligibility verdict"), null=True, blank=True, editable=False)
    eligible = models.BooleanField(_("eligible"), null=True, editable=False)
    checked_at = models.DateTimeField(null=True, editable=False)
    opinion = models.CharField(_("appraisal opinion"), max_length=20, choices=Opinion.choices,
                               blank=True, editable=False)
    opinion_note = models.TextField(_("appraisal note"), blank=True, editable=False)
    final_award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("title / form after appraisal"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+", editable=False)
    votes_agree = models.PositiveSmallIntegerField(default=0, editable=False)
    votes_disagree = models.PositiveSmallIntegerField(default=0, editable=False)
    votes_abstain = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.PositiveIntegerField(default=0)
    # Roll-up: the nominee of the lower unit's proposal this one carries to the next level.
    source = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="carried_by", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ["proposal", "sort_order", "id"]
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="nominee_one_subject")]
        indexes = [models.Index(fields=["person", "award_type"])]

    def __str__(self):
        return f"{self.subject_name} — {self.award_type}"

    @property
    def subject(self):
        return self.person or self.collective or self.household

    @property
    def subject_kind(self) -> str:
        return "individual" if self.person_id else (
            "collective" if self.collective_id else "household")

    @property
    def subject_name(self) -> str:
        subject = self.subject
        return getattr(subject, "full_name", None) or getattr(subject, "name", None) or str(
            subject)

    @property
    def award_for_decision(self):
        """The form the council and decision consider: the appraisal's change, else the one
        requested."""
        return self.final_award_type or self.award_type


class AppraisalAssignment(models.Model):
    """A board staff member assigned to appraise a proposal (never one from a nominee's unit)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="appraisers")
    appraiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="appraisals")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "appraiser"],
                                               condition=Q(active=True),
                                               name="appraiser_once_per_proposal")]

    def __str__(self):
        return f"{self.proposal_id}: {self.appraiser_id}"


class NomineeInitiative(models.Model):
    """An initiative from the registry that backs a nominee's claim (picked, not retyped). The
    one-use rule is enforced by emulation.initiatives.domain.initiative_uses.claim_initiative."""

    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="initiatives")
    initiative = models.ForeignKey("emulation.Initiative", on_delete=models.PROTECT,
                                   related_name="nominations")
    override_note = models.TextField(
        _("council note allowing reuse"), blank=True,
        help_text=_("Only for a later emulation title backed by an initiative already used "
                    "for a title (legal-reference §6)."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nominee", "initiative"],
                                               name="nominee_initiative_once")]

    def __str__(self):
        return f"{self.nominee_id}: {self.initiative_id}"
