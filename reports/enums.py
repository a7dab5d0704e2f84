"""Choice sets of the reports app: reporting discipline (chế độ thông tin, báo cáo; seed 001
§8) and background exports. Stored values are readable codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.enums import Role


class ReportKind(models.TextChoices):
    """Periodic reports follow the reporting calendar; ad hoc ones answer a single request."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEAR = "half_year", _("Six-month")
    YEARLY = "yearly", _("Yearly")
    AD_HOC = "ad_hoc", _("Ad hoc")


# How many periods a year each periodic kind has (the period number runs 1..n).
PERIODS = {ReportKind.MONTHLY: 12, ReportKind.QUARTERLY: 4, ReportKind.HALF_YEAR: 2}


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", pgettext_lazy("report request", "Issued")
    CLOSED = "closed", pgettext_lazy("report request", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("report request", "Cancelled")


class FilingState(models.TextChoices):
    PENDING = "pending", _("Not filed yet")
    FILED = "filed", _("Filed")
    RETURNED = "returned", _("Returned for correction")


class Timeliness(models.TextChoices):
    """What a filing counts as, computed (never stored as a state)."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    MISSING = "missing", _("Missing (overdue)")
    NOT_DUE = "not_due", _("Not due yet")


# Requests whose filings count: issued, and closed ones (a closed request keeps its record).
COUNTED_REQUEST_STATES = (RequestState.ISSUED, RequestState.CLOSED)
# A unit may (re)file while its filing is in one of these states and the request is issued.
FILEABLE_STATES = (FilingState.PENDING, FilingState.RETURNED)
# Who keeps report requests and files reports: the board and unit officers, within scope.
REPORTING_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)
# Who may grant an extension or decide that a returned filing does not count as filed.
BOARD_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)


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


# Roles (accounts.enums.Role) acting here, read by rules.py and by the scoped queries of
# domain/queries: kept here, below both.
# Roles whose holders read statistics of their scope.
STATISTICS_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)
