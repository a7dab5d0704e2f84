"""Choice sets of the reports app (stored values are readable codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportState(models.TextChoices):
    """queued → running → done | failed (a queued job may also fail, e.g. its worker found the
    requester no longer allowed)."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# The page polls for progress while a job is in one of these.
ACTIVE_STATES = frozenset({ExportState.QUEUED, ExportState.RUNNING})


class ExportKind(models.TextChoices):
    LEDGER = "ledger", _("Award ledger")
    FORM = "form", _("Report form")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (.xlsx)"
    CSV = "csv", "CSV"
    DOCX = "docx", "Word (.docx)"


CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
