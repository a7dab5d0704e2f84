"""A long export run by the task worker: what was asked, where it stands, and its file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.enums import ACTIVE_STATES, ExportFormat, ExportKind, ExportState


class ExportJob(models.Model):
    """One export requested by a user. `state` changes only through the functions of
    `reports.domain.exports`. The file lives under PRIVATE_MEDIA_ROOT (`stored_name` is relative
    to it) and is handed only to the requester, after a fresh scope check."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="export_jobs")
    kind = models.CharField(_("kind"), max_length=10, choices=ExportKind.choices)
    file_format = models.CharField(_("format"), max_length=5, choices=ExportFormat.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=255)
    state = models.CharField(_("state"), max_length=10, choices=ExportState.choices,
                             default=ExportState.QUEUED, editable=False, db_index=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0, editable=False)
    rows_total = models.PositiveIntegerField(_("rows in total"), default=0, editable=False)
    stored_name = models.CharField(max_length=255, blank=True, editable=False)
    download_name = models.CharField(max_length=255, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE, editable=False)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return self.title

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_done(self) -> bool:
        return self.state == ExportState.DONE

    @property
    def percent(self) -> int:
        return min(100, 100 * self.rows_done // self.rows_total) if self.rows_total else 0
