"""Corrections and revocations (seed 002 §8; Law 06/2022/QH15 Art. 93). Nothing is deleted:
a correction is an amending decision that references the original; a revocation marks the
ledger record revoked (it never counts for eligibility again) and the certificate revoked."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.domain.authority import ensure_may_amend
from awards.domain.ledger import revoke_award
from core import state
from decisions.domain.events import publish_revoked
from decisions.domain.states import CERTIFICATE
from decisions.enums import DecisionKind, DecisionState
from decisions.models import Certificate, Decision, DecisionItem


@transaction.atomic
def request_correction(actor, item: DecisionItem, *, reason: str, recipient_name: str,
                       recipient_detail: str, unit=None, money: int | None = None,
                       **decision_fields) -> Decision:
    """Draft an amending decision for one wrong name, position or unit (and, when `money` is
    given, a wrong amount). It takes effect when issued (issuing.issue_decision). Its item
    holds the money as the difference it makes — new amount − old amount, signed — since the
    original already paid the old amount. Side effect: audit `decisions.decision.draft`."""
    original = item.decision
    if original.state != DecisionState.ISSUED:
        raise ValidationError(_("Only an issued decision can be corrected."))
    if item.award_record is not None:
        ensure_may_amend(actor, item.award_record)  # the granting authority corrects its own
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    amending = Decision.objects.create(
        kind=DecisionKind.AMENDMENT, amends=original, issuer=original.issuer,
        authority_title=original.authority_title, symbol=original.symbol, place=original.place,
        summary=decision_fields.get("summary") or _(
            "Correcting decision %(number)s dated %(date)s") % {
            "number": original.number_label, "date": original.date.strftime("%d/%m/%Y")},
        legal_bases=original.legal_bases, signer_title=original.signer_title,
        signer_name=original.signer_name, signer_prefix=original.signer_prefix,
        recipients=original.recipients, reason=reason, created_by=actor)
    DecisionItem.objects.create(
        decision=amending, corrects=item, award_type=item.award_type, person=item.person,
        collective=item.collective, household=item.household, unit=unit or item.unit,
        year=item.year, kind=item.kind, recipient_name=recipient_name,
        recipient_detail=recipient_detail, ordinal=item.ordinal,
        posthumous=item.posthumous, received_by=item.received_by,
        money=(item.money if money is None else money) - item.money,
        coefficient=item.coefficient, base_salary=item.base_salary,
        money_citation=item.money_citation)
    record(actor, "decisions.decision.draft", amending, unit=original.issuer, reason=reason,
           changes={"amends": [None, original.number_label]})
    return amending


@transaction.atomic
def revoke_item(actor, item: DecisionItem, *, reason: str, decision_number: str,
                decision_date: datetime.date, decision_issuer: str) -> DecisionItem:
    """Revoke (thu hồi, hủy bỏ) one award of a decision by the revoking decision (number,
    date, issuer): the ledger record is revoked (no longer counts; only the granting
    authority's staff may, checked there), the certificates show "revoked" with that decision.
    Side effects: ledger revocation (audit there); certificate statuses (published in the
    issuer's status list); audit `decisions.item.revoked`; an `award.revoked` exchange event."""
    item = DecisionItem.objects.select_for_update().get(pk=item.pk)
    if item.award_record is None:
        raise ValidationError(_("This item has no award in the ledger."))
    entry = revoke_award(actor, item.award_record, reason=reason,
                         decision_number=decision_number, decision_date=decision_date,
                         decision_issuer=decision_issuer)
    status_reason = _("%(reason)s (revoked by decision %(decision)s)") % {
        "reason": entry.revoked_reason, "decision": entry.revoking_decision}
    state.transition(Certificate.objects.filter(Q(item=item) | Q(item__corrects=item)),
                     CERTIFICATE, "revoke", actor, fields={"status_reason": status_reason})
    record(actor, "decisions.item.revoked", item, unit=item.decision.issuer,
           reason=status_reason)
    publish_revoked(item)  # the event for subscribed systems, sent after the commit
    return item
