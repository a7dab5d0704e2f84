"""Issuing a decision: the number, the ledger, the certificates, the initiatives, the
proposals' outcome — all in one transaction (a failure leaves nothing half-issued)."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.scope import unit_in_scope
from accounts.enums import Role
from audit.domain.record import record
from awards.domain.authority import ensure_may_amend
from awards.domain.granting import granting_errors
from awards.domain.ledger import conflict_message, live_conflicts, record_awards
from awards.domain.parameters import catalogue_parameters
from awards.enums import RecordSource
from awards.models import AwardRecord
from core import state
from core.trail import diff, snapshot
from decisions.domain.credentials import issue_credentials
from decisions.domain.drafting import money_for
from decisions.domain.events import publish_issued
from decisions.domain.numbering import take_number
from decisions.domain.states import CERTIFICATE, DECISION
from decisions.domain.wording import authority_words
from decisions.enums import DecisionKind
from decisions.models import Certificate, Decision, DecisionItem
from organisations.models import UnitClosure
from proposals.domain import settlement
from proposals.domain.initiatives import confirm_claims, release_claims
from proposals.domain.states import NOMINEE, set_proposal_state
from proposals.enums import NomineeStatus
from proposals.enums import ProposalState as S
from proposals.models import Nominee, NomineeInitiative

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def certificate_code() -> str:
    """10 characters from 32 (50 bits): not guessable, short enough to type from paper."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def issuer_label(decision: Decision) -> str:
    """The ledger's "issued by": the authority in proper case (not `str.title()`)."""
    return authority_words(decision)


@transaction.atomic
def issue_decision(actor, decision: Decision, *, date: datetime.date,
                   number: int | None = None) -> Decision:
    """Register and issue; refused when the issuer does not grant every item on `date` (the
    granting-authority table). Side effects: the number registered in the issuer's register
    (`number` typed by the document desk from the office's document-management system, else
    the next one the register proposes; decisions.domain.numbering); money
    recomputed at the decision date (Decree 152/2025 Art. 49: base salary on the decision date); one
    ledger record per item (source: decision) so next year's eligibility sees it; one
    certificate per item, each with its verifiable credential (issue 17 §3); an exchange event
    for subscribed systems (sent after the commit); nominees awarded and their initiative claims
    confirmed; proposals → decided (audit, notifications); audit `decisions.decision.issued`
    (written by the transition, with the number and the item count)."""
    locked = state.lock(DECISION, decision)
    state.check(DECISION, locked, "issue")
    if date > timezone.localdate():
        raise ValidationError({"date": _("A decision cannot be dated in the future.")})
    items = list(locked.items.select_related("award_type", "nominee", "person", "collective",
                                             "household"))
    if locked.kind == DecisionKind.AWARD and not items:
        raise ValidationError(_("The decision has no awardee."))
    if locked.kind == DecisionKind.AWARD:
        # Only an authority that grants every item on the date of issue signs (Law 06/2022
        # Art. 77–80; Decree 129/2025 Art. 59): checked before the number is taken.
        refused = granting_errors(locked.issuer, [item.award_type for item in items], date)
        if refused:
            raise ValidationError(refused)
    entries = _ledger_entries(locked, items) if locked.kind == DecisionKind.AWARD else []
    _refuse_second_awards(items, entries)  # before the number is taken: nothing is written
    locked.number = take_number(locked.issuer, locked.symbol, date.year, typed=number,
                                actor=actor, decision=locked)
    locked.year, locked.date = date.year, date
    state.transition(locked, DECISION, "issue", actor, locked=True, fields={
        "number": locked.number, "year": date.year, "date": date,
        "issued_at": timezone.now(), "issued_by": actor},
        changes={"number": [None, locked.number_label], "items": [None, len(items)],
                 "number_from": [None, "typed" if number is not None else "register"]})
    if locked.kind == DecisionKind.AWARD:
        _award_items(actor, locked, items, entries, date)
    elif locked.kind == DecisionKind.AMENDMENT:
        _apply_corrections(actor, locked, items)
    issue_credentials(actor, locked)  # one verifiable credential per certificate (issue 17 §3)
    publish_issued(locked)  # events to subscribed systems, sent after commit (§4)
    return locked


def _ledger_entries(decision: Decision, items) -> list[AwardRecord]:
    """The ledger rows the decision will write (number and date set at issue). The granting
    authority is the issuer: its staff alone may later revoke or correct them."""
    return [AwardRecord(
        award_type=item.award_type, person=item.person, collective=item.collective,
        household=item.household, unit=item.unit, year=item.year, kind=item.kind,
        issuer=issuer_label(decision), issuer_unit_id=decision.issuer_id,
        source=RecordSource.DECISION) for item in items]


def _refuse_second_awards(items, entries) -> None:
    """One live award per subject, award and year (awards.domain.ledger): name each awardee
    already holding it and the decision that gave it."""
    conflicts = live_conflicts(entries)
    if conflicts:
        raise ValidationError([_("No. %(ordinal)s: %(problem)s") % {
            "ordinal": items[index].ordinal, "problem": conflict_message(existing)}
            for index, existing in sorted(conflicts.items())])


def _award_items(actor, decision: Decision, items, entries, date) -> None:
    """Ledger rows (through the one ledger writer) and certificates are written in bulk: a
    decision may list a thousand people (the benchmark's annex)."""
    params = catalogue_parameters()
    for item in items:
        for name, value in money_for(params, item.award_type.code, item.subject_kind,
                                     date).items():
            setattr(item, name, value)
    for entry in entries:
        entry.decision_number, entry.decision_date = decision.number_label, date
    records = record_awards(entries)
    for item, entry in zip(items, records, strict=True):
        item.award_record = entry
    DecisionItem.objects.bulk_update(items, ["money", "coefficient", "base_salary",
                                             "money_citation", "award_record"], batch_size=500)
    Certificate.objects.bulk_create([Certificate(item=item, code=certificate_code())
                                     for item in items])
    _settle_nominees(actor, decision, [item.nominee for item in items if item.nominee_id])
    # A wartime backlog claim ends with the decision that awards its nominee (issue 19).
    settlement.decided(actor, decision, [item.nominee for item in items if item.nominee_id],
                      decision.number_label)


def _settle_nominees(actor, decision: Decision, awarded) -> None:
    """Nominees in the decision (and, for a consolidated proposal, the lower units' nominees they
    carry) become awarded; the proposals' other nominees not awarded. Statuses are set in bulk;
    only nominees backed by initiatives have claims to confirm or release."""
    awarded_ids = set()
    for nominee in awarded:
        while nominee is not None:
            awarded_ids.add(nominee.pk)
            nominee = nominee.source
    proposals = list(decision.proposals.all())
    others = (Nominee.objects.filter(proposal__in=proposals)
              .exclude(pk__in=awarded_ids).exclude(status=NomineeStatus.DROPPED))
    with_claims = set(NomineeInitiative.objects.values_list("nominee_id", flat=True).filter(
        nominee_id__in=awarded_ids | set(others.values_list("pk", flat=True))))
    for nominee in Nominee.objects.filter(pk__in=with_claims).select_related(
            "proposal", "award_type", "final_award_type"):
        if nominee.pk in awarded_ids:
            confirm_claims(actor, nominee)
        else:
            release_claims(actor, nominee, reason=_("Not in decision %(number)s") % {
                "number": decision.number_label})
    state.transition(others, NOMINEE, "not_award", actor)
    state.transition(Nominee.objects.filter(pk__in=awarded_ids), NOMINEE, "award", actor)
    for proposal in proposals:
        if proposal.state != S.DECIDED:
            set_proposal_state(proposal, S.DECIDED, actor=actor,
                               reason=decision.number_label)


def _apply_corrections(actor, decision: Decision, items) -> None:
    """An amending decision: each item corrects an item of the original. The old certificate
    shows "corrected" and points to the new one; the ledger record follows the correction."""
    for item in items:
        original = item.corrects
        entry = original.award_record
        if entry is not None:
            _correct_ledger(actor, decision, entry, item)
        new_certificate = Certificate.objects.create(item=item, code=certificate_code())
        state.transition(original.certificates.all(), CERTIFICATE, "correct", actor,
                         fields={"replaced_by": new_certificate,
                                 "status_reason": decision.reason})
        record(actor, "decisions.item.corrected", original, unit=decision.issuer,
               reason=decision.reason,
               changes={"name": [original.recipient_name, item.recipient_name],
                        "detail": [original.recipient_detail, item.recipient_detail]})


def _correct_ledger(actor, decision: Decision, entry: AwardRecord, item) -> None:
    """The ledger record follows the amending decision; only the granting authority's staff
    may correct it (checked when the amendment was drafted, and again here: who issues)."""
    _ensure_may_correct(actor, decision, entry)
    fields = ["unit", "note"]
    before = snapshot(entry, fields)
    entry.unit = item.unit
    entry.note = _("Corrected by decision %(number)s") % {"number": decision.number_label}
    entry.save(update_fields=fields)
    record(actor, "awards.record.correct", entry, unit=entry.unit, reason=decision.reason,
           changes=diff(before, snapshot(entry, fields)))


def _ensure_may_correct(actor, decision: Decision, entry: AwardRecord) -> None:
    """Who issues acts for the granting authority (Law 06/2022/QH15 Art. 93): its staff, or its
    document desk registering an amending decision of an issuer that covers the granting unit
    (Decree 30/2020 Art. 15: the desk registers; it does not decide)."""
    desk = actor is not None and unit_in_scope(actor, decision.issuer_id, (Role.DOCUMENT_DESK,))
    if desk and UnitClosure.objects.filter(ancestor_id=decision.issuer_id,
                                           descendant_id=entry.issuer_unit_id).exists():
        return
    ensure_may_amend(actor, entry)
