"""Builders of report requests and filings through the domain functions."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from reports.domain import filings, requests
from reports.models import ReportFiling

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FUTURE = timezone.localdate() + datetime.timedelta(days=30)


def pdf_upload(name="bao-cao.pdf"):
    from core.uploads import sniff

    uploaded = ContentFile(PDF, name=name)
    uploaded.kind = sniff(uploaded)
    return uploaded


def make_request(requester, roots, *, issue=True, title="Báo cáo công tác thi đua quý 1",
                 kind="quarterly", year=2025, period=1, due_date=FUTURE, **extra):
    req = requests.create_request(
        actor=None, requester=requester, roots=roots, title=title, kind=kind, year=year,
        period=period, due_date=due_date,
        legal_basis="Thông tư 12/2019/TT-BNV, Điều 5 (chế độ báo cáo)", **extra)
    return requests.issue_request(req, actor=None) if issue else req


def set_due(req, due_date: datetime.date) -> None:
    """Arrange: move the request and its filings' due date (as if issued long ago)."""
    type(req).objects.filter(pk=req.pk).update(due_date=due_date)
    ReportFiling.objects.filter(request=req).update(due_date=due_date)
    req.refresh_from_db()


def filing_of(req, unit) -> ReportFiling:
    return ReportFiling.objects.get(request=req, unit=unit)


def file_at(req, unit, when: datetime.datetime, actor=None):
    return filings.file_report(filing_of(req, unit), actor=actor, uploaded=pdf_upload(),
                               note="Đã gửi", now=when)
