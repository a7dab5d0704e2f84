"""Reporting discipline (chế độ thông tin, báo cáo; seed 001 §8): a unit asks the units below it
for a report by a due date; each target unit files it; the record of who filed on time feeds
the emulation criterion of the same name.

Target units are fixed when the request is issued: one ReportFiling per unit (a unit created
later does not owe a report issued before it existed). Nothing is deleted: a request is
cancelled with a reason, a filing is returned for correction and filed again, and every filed
version stays (FilingVersion).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models.catalogue import DatedValue
from reports.enums import FilingState, ReportKind, RequestState


class ReportRequest(models.Model):
    """Yêu cầu báo cáo of one requesting unit."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey("organisations.Unit", verbose_name=_("requesting unit"),
                                  on_delete=models.PROTECT, related_name="report_requests")
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.PositiveSmallIntegerField(
        _("period"), null=True, blank=True,
        help_text=_("Month (1–12), quarter (1–4) or half (1–2); blank for yearly and ad hoc "
                    "reports."))
    legal_basis = models.TextField(_("legal basis"), blank=True)
    due_date = models.DateField(_("due date"))
    guidance_path = models.CharField(max_length=300, blank=True, editable=False)
    guidance_name = models.CharField(max_length=255, blank=True, editable=False)
    guidance_kind = models.CharField(max_length=10, blank=True, editable=False)
    roots = models.ManyToManyField(
        "organisations.Unit", verbose_name=_("target units"), blank=True,
        related_name="report_requests_targeted",
        help_text=_("Each unit chosen reports, with the units below it when so chosen."))
    include_below = models.BooleanField(_("include the units below"), default=True)
    cluster = models.ForeignKey("organisations.Cluster", verbose_name=_("cluster or block"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="report_requests")
    state = models.CharField(_("state"), max_length=10, choices=RequestState.choices,
                             default=RequestState.DRAFT, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")
        ordering = ["-due_date", "-id"]
        indexes = [models.Index(fields=["year", "state"], name="report_request_year_state")]

    def __str__(self):
        return self.title

    @property
    def unit_id(self):
        # Scope checks: a request belongs to the unit that issues it.
        return self.requester_id


class ReportFiling(models.Model):
    """One target unit's report for one request (created when the request is issued)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(ReportRequest, on_delete=models.PROTECT, related_name="filings")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="report_filings")
    state = models.CharField(_("state"), max_length=10, choices=FilingState.choices,
                             default=FilingState.PENDING, editable=False)
    due_date = models.DateField(_("due date"), editable=False,
                                help_text=_("The request's due date, or the extended one."))
    extension_reason = models.TextField(_("reason for the extension"), blank=True,
                                        editable=False)
    first_filed_at = models.DateTimeField(_("first filed at"), null=True, blank=True,
                                          editable=False)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True, editable=False)
    # None until filed; then whether the time that decides (first_filed_at) was by the due
    # date. Recomputed by every domain function that changes either side.
    on_time = models.BooleanField(_("filed on time"), null=True, editable=False)
    return_reason = models.TextField(_("reason for returning"), blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report filing")
        verbose_name_plural = _("report filings")
        ordering = ["request", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["request", "unit"],
                                               name="report_filing_once_per_unit")]
        indexes = [models.Index(fields=["unit", "request"], name="report_filing_unit"),
                   models.Index(fields=["state", "due_date"], name="report_filing_due")]

    def __str__(self):
        return f"{self.request_id}/{self.unit_id}: {self.state}"


class FilingVersion(models.Model):
    """Each time a unit files (or refiles) its report: the file and note as sent."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filing = models.ForeignKey(ReportFiling, on_delete=models.PROTECT, related_name="versions")
    filed_at = models.DateTimeField(_("filed at"))
    path = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=255, editable=False)
    file_kind = models.CharField(max_length=10, editable=False)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self):
        return f"{self.filing_id} @ {self.filed_at:%Y-%m-%d %H:%M}"


class ReportingParameter(DatedValue):
    """A dated number of reporting discipline (how lateness turns into criterion points), with
    the text that sets it. [U]: the province's guidance fixes these; seed 001 §8 only says
    reporting must be an emulation criterion."""

    key = models.CharField(_("parameter"), max_length=60)
    value = models.JSONField(_("value"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(DatedValue.Meta):
        verbose_name = _("reporting parameter")
        verbose_name_plural = _("reporting parameters")
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"],
                                               name="reporting_parameter_once_per_date")]

    def __str__(self):
        return f"{self.key} = {self.value} ({self.valid_from})"
