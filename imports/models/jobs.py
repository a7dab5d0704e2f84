"""An Excel import: the uploaded file, where the work stands, and every problem found in it."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from imports.enums import RUNNING_STATES, JobState


class ImportJob(models.Model):
    """One uploaded workbook and its way through checking and saving.

    `kind` is the key of the importer registered in `core.interfaces.importers`; the registry is
    filled by the apps that own the data, so this field has no fixed choices. `state` changes
    only through `imports.domain.jobs.set_job_state`. The file is stored under
    `PRIVATE_MEDIA_ROOT` (outside the web root) and `stored_name` is relative to it, so moving
    the private folder does not break old jobs.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    state = models.CharField(_("state"), max_length=20, choices=JobState.choices,
                             default=JobState.UPLOADED, db_index=True)
    stored_name = models.CharField(max_length=255, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    language = models.CharField(
        max_length=10, default=settings.LANGUAGE_CODE,
        help_text=_("Language of the uploader; messages found in the file are written in it."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                   on_delete=models.PROTECT, related_name="import_jobs")
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("committed by"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self):
        return f"{self.kind}: {self.original_name}"

    @property
    def file_path(self) -> Path:
        return Path(settings.PRIVATE_MEDIA_ROOT) / self.stored_name

    @property
    def checked_path(self) -> Path:
        """The rows the check found valid, kept for the commit (`imports.domain.checked`)."""
        return self.file_path.with_name(f"{self.public_id}.checked.jsonl")

    @property
    def is_running(self) -> bool:
        return self.state in RUNNING_STATES

    @property
    def is_committing(self) -> bool:
        return self.state == JobState.COMMITTING


class ImportRowError(models.Model):
    """One problem in one cell (or in the header row, row 1) of an import's file."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="errors")
    row_number = models.PositiveIntegerField(_("row"))
    column = models.CharField(_("column"), max_length=120)
    value = models.CharField(_("value"), max_length=255, blank=True)
    message = models.CharField(_("message"), max_length=500)

    class Meta:
        verbose_name = _("import error")
        verbose_name_plural = _("import errors")
        ordering = ["row_number", "id"]
        indexes = [models.Index(fields=["job", "row_number"])]

    def __str__(self):
        return f"{self.row_number}/{self.column}: {self.message}"
