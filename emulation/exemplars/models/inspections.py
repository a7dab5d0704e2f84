"""Inspections (kiểm tra, thanh tra công tác thi đua, khen thưởng; Law 06/2022/QH15 Art. 91 and
Decree 152/2025 — state management includes inspecting emulation and commendation work):
a yearly plan, its visits, and the remediation tasks a conclusion sets, tracked to closure.

States change only through `emulation.exemplars.domain.inspections`.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VisitState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Inspected")
    CONCLUDED = "concluded", _("Concluded")


class TaskState(models.TextChoices):
    """open → done (the unit reports completion with evidence) → accepted by the board, or
    returned with a reason (reopened: the unit works and reports again). The one writer is
    `emulation.exemplars.domain.remediation.set_task_state`; its TRANSITIONS table is the
    machine."""

    OPEN = "open", _("Open")
    DONE = "done", _("Completion reported")
    RETURNED = "returned", _("Returned for more work")
    ACCEPTED = "accepted", _("Accepted")


# Still the unit's to work on: these count as overdue past the deadline.
TASK_OPEN_STATES = (TaskState.OPEN, TaskState.RETURNED)


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", _("Inspection minutes")
    CONCLUSION = "conclusion", _("Conclusion notice")


class InspectionPlan(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("inspecting unit"),
                             on_delete=models.PROTECT, related_name="inspection_plans")
    title = models.CharField(_("title"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "-id"]

    def __str__(self):
        return f"{self.year} — {self.title}"


class InspectionVisit(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="visits")
    inspected_unit = models.ForeignKey("organisations.Unit", verbose_name=_("inspected unit"),
                                       on_delete=models.PROTECT, related_name="inspections")
    date = models.DateField(_("date"))
    team = models.TextField(_("inspection team"), help_text=_("Names and positions."))
    findings = models.TextField(_("findings"), blank=True, editable=False)
    conclusion = models.TextField(_("conclusion"), blank=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=VisitState.choices,
                             default=VisitState.PLANNED, editable=False)

    class Meta:
        verbose_name = _("inspection visit")
        verbose_name_plural = _("inspection visits")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.inspected_unit} {self.date:%d/%m/%Y}"


class RemediationTask(models.Model):
    """A task a conclusion sets; `overdue` is computed from the deadline, never stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    visit = models.ForeignKey(InspectionVisit, on_delete=models.PROTECT, related_name="tasks")
    description = models.TextField(_("description"))
    owner_unit = models.ForeignKey("organisations.Unit", verbose_name=_("responsible unit"),
                                   on_delete=models.PROTECT, related_name="remediation_tasks")
    owner_name = models.CharField(_("responsible person"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=TaskState.choices,
                             default=TaskState.OPEN, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closing_note = models.TextField(_("closing note"), blank=True, editable=False)

    class Meta:
        verbose_name = _("remediation task")
        verbose_name_plural = _("remediation tasks")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["state", "deadline"], name="remediation_open_deadline")]

    def __str__(self):
        return self.description[:80]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (self.state in TASK_OPEN_STATES
                and self.deadline < (today or timezone.localdate()))

    @property
    def display_state(self) -> str:
        """The state, or overdue (open or returned past its deadline), for the lists."""
        return "overdue" if self.is_overdue() else self.state


class InspectionDocument(models.Model):
    """The minutes of a visit's findings or the conclusion notice, in private storage
    (core.uploads): read by the board and by the inspected unit."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    visit = models.ForeignKey(InspectionVisit, on_delete=models.PROTECT,
                              related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    path = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(max_length=10)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.original_name


class TaskReport(models.Model):
    """One completion report of a task (note + evidence files) and the board's review of it:
    a returned task is reported again, so the reports are the task's history."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey(RemediationTask, on_delete=models.PROTECT, related_name="reports")
    note = models.TextField(_("what was done"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(_("review"), max_length=10, blank=True, choices=[
        (TaskState.ACCEPTED, TaskState.ACCEPTED.label),
        (TaskState.RETURNED, TaskState.RETURNED.label)])
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["reported_at", "id"]

    def __str__(self):
        return f"{self.task_id}: {self.note[:40]}"


class TaskEvidence(models.Model):
    """An evidence file of a completion report, in private storage (core.uploads)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(TaskReport, on_delete=models.PROTECT, related_name="evidence")
    path = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(max_length=10)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.original_name
