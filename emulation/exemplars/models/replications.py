"""Replicating an exemplary model (nhân rộng điển hình tiên tiến; seed 002 §4, seed 001 "Thứ
tư"): the board assigns a recognised model to units that will replicate it; each reports its
progress. The state changes only through
`emulation.exemplars.domain.replications.set_replication_state`."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplicationState(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("Replicating")
    COMPLETED = "completed", _("Replicated")
    CLOSED = "closed", _("Closed")


class Replication(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    exemplar = models.ForeignKey("emulation.Exemplar", on_delete=models.PROTECT,
                                 related_name="replications")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("replicating unit"),
                             on_delete=models.PROTECT, related_name="replications")
    state = models.CharField(_("state"), max_length=12, choices=ReplicationState.choices,
                             default=ReplicationState.ASSIGNED, editable=False)
    closing_reason = models.TextField(_("reason for closing"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["unit__path", "id"]
        constraints = [models.UniqueConstraint(fields=["exemplar", "unit"],
                                               name="replication_once_per_unit")]

    def __str__(self):
        return f"{self.exemplar.title} — {self.unit.name}"


class ReplicationReport(models.Model):
    """A progress report of the replicating unit."""

    replication = models.ForeignKey(Replication, on_delete=models.PROTECT,
                                    related_name="reports")
    note = models.TextField(_("progress"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_at", "id"]

    def __str__(self):
        return f"{self.replication} {self.reported_at:%d/%m/%Y}"
