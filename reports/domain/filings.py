"""A target unit's report: file, return for correction, extend the due date.

Filing states: pending → filed → returned → filed … (one function per change, the filing row
locked, audited). Every filing keeps a FilingVersion (the file as sent); nothing is deleted.
`filed_at` comes from the server clock, never from the form. Timeliness rules: see
reports.domain.timeliness.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from core.uploads import store_private
from notifications.domain.notify import notify
from reports.domain.requests import detail_url, officers_of
from reports.domain.timeliness import is_on_time
from reports.enums import FILEABLE_STATES, FilingState, RequestState
from reports.models import FilingVersion, ReportFiling

UPLOAD_FOLDER = "reports/filings"


def _audit(actor, action, filing, **kwargs):
    record(actor, action, filing, unit=filing.unit,
           label=f"{filing.request.title} — {filing.unit.name}", **kwargs)


FILING = state.Machine(
    name="reports.filing", model=ReportFiling, states=FilingState, audit=_audit,
    transitions=(
        state.step("file", FILEABLE_STATES, FilingState.FILED, gettext_lazy("File the report"),
                   permission="reports.file_report",
                   refusal=gettext_lazy("The report of %(unit)s is %(state)s already.")),
        state.step("return", FilingState.FILED, FilingState.RETURNED,
                   gettext_lazy("Return for correction"), permission="reports.return_filing",
                   needs_reason=True,
                   refusal=gettext_lazy("The report of %(unit)s is %(state)s; only a filed "
                                        "report can be returned.")),
    ),
    describe=lambda f: {"unit": f.unit.name, "state": f.get_state_display().lower()})
RELATED = ("request", "unit", "request__requester")


def _judge(filing: ReportFiling) -> None:
    """Recompute `on_time` from the time that decides and the due date in force."""
    filing.on_time = (None if filing.first_filed_at is None
                      else is_on_time(filing.first_filed_at, filing.due_date))


def _audit_step(actor, action, filing, **kwargs):
    _audit(actor, f"reports.filing.{action}", filing, **kwargs)


@transaction.atomic
def file_report(filing: ReportFiling, *, actor, uploaded, note: str = "",
                now=None) -> ReportFiling:
    """pending | returned → filed: the unit sends its report (a sniffed file, stored
    privately) while the request is issued. The first filing's time is kept for timeliness
    unless the board disregarded it on return. `now` is for tests; the view never passes it.

    Side effects: FilingVersion row; filing state, filed_at, first_filed_at, on_time; audit
    entry `reports.filing.file`; a notification to the requesting unit's officers.
    """
    filing = state.lock(FILING, filing, *RELATED)
    if filing.request.state != RequestState.ISSUED:
        raise ValidationError(_("The request is %(state)s; reports are no longer accepted.") % {
            "state": filing.request.get_state_display().lower()})
    state.check(FILING, filing, "file")
    if uploaded is None:
        raise ValidationError({"uploaded": _("Attach the report file.")})
    now = now or timezone.now()
    FilingVersion.objects.create(
        filing=filing, filed_at=now, path=store_private(uploaded, UPLOAD_FOLDER),
        original_name=uploaded.name[:255], file_kind=uploaded.kind, note=note.strip(),
        actor=actor if getattr(actor, "is_authenticated", False) else None)
    first = filing.first_filed_at or now
    on_time = is_on_time(first, filing.due_date)
    state.transition(filing, FILING, "file", actor, locked=True, changes={
        "on_time": [None, on_time]}, fields={
        "filed_at": now, "first_filed_at": first, "on_time": on_time})
    notify(officers_of([filing.request.requester_id]), verb="reports.filed", actor=actor,
           title=_("%(unit)s filed its report: %(title)s") % {
               "unit": filing.unit.name, "title": filing.request.title},
           body=note.strip(), url=detail_url(filing.request), email=False)
    return filing


@transaction.atomic
def return_filing(filing: ReportFiling, *, actor, reason: str,
                  counts_as_unfiled: bool = False) -> ReportFiling:
    """filed → returned for correction, with the reason; the unit files again. With
    `counts_as_unfiled` (the board's decision) the first filing is disregarded and the next one
    decides timeliness.

    Side effects: filing state, return_reason (and first_filed_at, on_time when disregarded);
    audit entry `reports.filing.return`; a notification to the unit's officers.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for returning the report.")})
    filing = state.lock(FILING, filing, *RELATED)
    before = filing.on_time
    # Disregarded: the next filing decides timeliness.
    first, on_time = ((None, None) if counts_as_unfiled
                      else (filing.first_filed_at, filing.on_time))
    state.transition(filing, FILING, "return", actor, locked=True, reason=reason.strip(),
                     fields={"return_reason": reason.strip(), "first_filed_at": first,
                             "on_time": on_time},
                     changes={"on_time": [before, on_time],
                              "counts_as_unfiled": [None, counts_as_unfiled]})
    notify(officers_of([filing.unit_id]), verb="reports.filing_returned", actor=actor,
           title=_("Report returned for correction: %(title)s") % {
               "title": filing.request.title},
           body=reason.strip(), url=detail_url(filing.request))
    return filing


@transaction.atomic
def extend_due_date(filing: ReportFiling, *, actor, due_date, reason: str) -> ReportFiling:
    """The board gives one unit a later due date (never before the request's), with the
    reason; timeliness is judged again against the new date. Not a state change.

    Side effects: filing due_date, extension_reason, on_time, and the reminder marks cleared so
    the unit is reminded of the new date; audit entry `reports.filing.extend`.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    filing = state.lock(FILING, filing, *RELATED)
    if filing.request.state == RequestState.CANCELLED:
        raise ValidationError(_("The request is cancelled."))
    if due_date < filing.request.due_date:
        raise ValidationError({"due_date": _("The new due date is before the request's due "
                                             "date (%(date)s).") % {
            "date": f"{filing.request.due_date:%d/%m/%Y}"}})
    old_date, old_on_time = filing.due_date, filing.on_time
    filing.due_date, filing.extension_reason = due_date, reason.strip()
    filing.reminded_at = filing.overdue_notified_at = None
    _judge(filing)
    filing.save(update_fields=["due_date", "extension_reason", "on_time", "reminded_at",
                               "overdue_notified_at", "updated_at"])
    _audit_step(actor, "extend", filing, reason=reason.strip(),
           changes={"due_date": [old_date, due_date], "on_time": [old_on_time, filing.on_time]})
    return filing
