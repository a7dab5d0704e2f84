from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.caching import bump_version
from core.text import fold

# The log's versions (core.caching), bumped by every entry when its transaction commits: a page
# dated by "something was audited" (the dashboard's proposal part; its movements, rounds and
# tasks by the entries outside the proposals app, which writes none of those rows) keys its
# cache by them. Not by the newest entry's id: ids are handed out at insert, so an entry that
# committed after a later one was read left such a page stale until the next entry of its kind.
AUDIT = "audit"
AUDIT_OUTSIDE_PROPOSALS = "audit:outside-proposals"
PROPOSALS_APP = "proposals."

# The dashboard's proposal figures (`reports.domain.dashboard.proposal_figures`) count
# proposals by scope unit, state, due date and track, and nominees by proposal and award type.
# They are dated by `AUDIT_PROPOSAL_FIGURES`, bumped by every entry EXCEPT those whose action
# is named here: each one's write path (read in full, session 11) writes none of those fields
# and is never the only entry of a write that does (a state change, the one writer of `state`
# and `due_on`, records `proposals.proposal.<state>` itself). A code not named here, new ones
# included, rebuilds the figures: forgetting a code costs a rebuild, never a stale count
# (`tests/audit/test_figures_version.py` fails on a proposals code classified nowhere).
QUIET_FOR_PROPOSAL_FIGURES = frozenset({
    # DossierDocument rows only (proposals.domain.dossier): each officer's cycle writes three.
    "proposals.document.attach", "proposals.document.generate", "proposals.document.withdraw",
    # PublicComment rows only (proposals.domain.consultation).
    "proposals.comment.create", "proposals.comment.resolve",
    # AppraisalFinding rows and the nominee's verdict/eligible/checked_at (domain.findings).
    "proposals.finding.record", "proposals.finding.withdraw",
    # NomineeInitiative rows (domain.initiatives); the nominee's opinion, status and final
    # award type — the figures count the requested award type (domain.workflow).
    "proposals.nominee.initiative", "proposals.nominee.opinion",
    # CouncilSession, CouncilMember, Ballot and VoteReceipt rows (domain.council).
    "proposals.session.create", "proposals.session.seat", "proposals.session.vote",
})
AUDIT_PROPOSAL_FIGURES = "audit:proposal-figures"


def dated(object_types, actions) -> None:
    """New versions of the log for entries of these object types and actions (at commit)."""
    bump_version(AUDIT)
    if any(not kind.startswith(PROPOSALS_APP) for kind in object_types):
        bump_version(AUDIT_OUTSIDE_PROPOSALS)
    if any(action not in QUIET_FOR_PROPOSAL_FIGURES for action in actions):
        bump_version(AUDIT_PROPOSAL_FIGURES)


class AuditEntryManager(models.Manager):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(): fold each label here, so an entry written in bulk is found
        # by the log's object search like one written alone.
        objs = list(objs)
        for entry in objs:
            entry.search_text = fold(entry.object_label)[:300]
        created = super().bulk_create(objs, *args, **kwargs)
        if objs:
            dated({entry.object_type for entry in objs}, {entry.action for entry in objs})
        return created


class AuditEntry(models.Model):
    """One thing that happened: who, when, what, and the values before and after.

    `object_label` and `actor_label` are copies, so an entry stays readable whatever later happens
    to the object or the account. `unit` is the organisation unit the object belongs to, so the
    log can be read within a user's scope.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    # The label folded (core.text): the log's object search compares it, through its trigram
    # index on PostgreSQL, so "truong" finds "Trường" without reading every entry.
    search_text = models.CharField(max_length=300, editable=False, default="", db_default="")
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEntryManager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        # The log pages newest first by seek key `(at, id) < (…)`, whole or for one kind of
        # object: these indexes are read from the key instead of sorting every entry.
        indexes = [models.Index(fields=["object_type", "object_id"]),
                   models.Index(fields=["at", "id"], name="audit_log_order"),
                   models.Index(fields=["object_type", "at", "id"], name="audit_type_log_order"),
                   # A scope of units' trees reads each unit's newest entries from here, the
                   # action filter checked in the index (audit.domain.queries.UnitWalk).
                   models.Index(fields=["unit", "at", "id", "action"],
                                name="audit_unit_log_order")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        self.search_text = fold(self.object_label)[:300]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            dated((self.object_type,), (self.action,))
