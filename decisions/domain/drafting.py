"""Drafting a decision from the nominees the council passed (or the board agreed, for
proposals decided without a council), with the reward money of each."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.domain.granting import granting_errors
from awards.domain.parameters import catalogue_parameters
from core import state
from decisions.domain.states import DECISION
from decisions.models import Decision, DecisionItem
from proposals.enums import TRACK_AWARD_KIND, NomineeStatus
from proposals.enums import ProposalState as S
from proposals.models import Proposal

DECIDABLE = {S.COUNCIL_DONE: NomineeStatus.PASSED, S.APPRAISED: NomineeStatus.AGREED,
             S.FORWARDED: NomineeStatus.AGREED}


def decidable_nominees(proposal):
    status = DECIDABLE.get(proposal.state)
    if status is None:
        return proposal.nominees.none()
    return (proposal.nominees.filter(status=status)
            .select_related("person", "collective", "household", "unit", "award_type",
                            "final_award_type"))


def recipient_detail(nominee) -> str:
    """"Chức vụ, đơn vị công tác" of the annex (document-format §2)."""
    parts = [nominee.position, nominee.unit.name] if nominee.person_id else [nominee.unit.name]
    return ", ".join(p for p in parts if p)


def money_for(params, award_code: str, kind: str, on: datetime.date) -> dict:
    """coefficient × base salary on the decision date, rounded by the decree in force
    (Decree 152/2025 Art. 49); all three are dated data."""
    reward = params.reward(award_code, kind, on)
    if reward is None:
        return {"money": 0, "coefficient": None, "base_salary": None, "money_citation": ""}
    return {"money": int(reward["amount_vnd"]), "coefficient": Decimal(str(reward["coefficient"])),
            "base_salary": int(reward["base_salary_vnd"]),
            "money_citation": reward.get("citation", "")[:255]}


@transaction.atomic
def draft_decision(actor, *, proposals, issuer, authority_title: str, place: str,
                   summary: str, legal_bases: str, signer_title: str, signer_name: str,
                   signer_prefix: str = "", symbol: str = "QĐ-UBND",
                   date: datetime.date | None = None, proposal_line: str = "",
                   achievement: str = "", money_source: str = "",
                   recipients: str = "") -> Decision:
    """A draft decision listing every decidable nominee of `proposals`, in order, with money.
    The proposals must be addressed to `issuer`, which must grant every item on the draft's
    date (or today). Side effect: audit `decisions.decision.draft`."""
    # Re-read: the caller's objects may predate the council's closing (stale states).
    proposals = list(Proposal.objects.filter(pk__in=[p.pk for p in proposals])
                     .select_related("recipient_unit").order_by("code"))
    _check_addressed_to(issuer, proposals)
    decision = Decision.objects.create(
        issuer=issuer, authority_title=authority_title, place=place, summary=summary,
        legal_bases=legal_bases, signer_title=signer_title, signer_name=signer_name,
        signer_prefix=signer_prefix, symbol=symbol, date=date, proposal_line=proposal_line,
        achievement=achievement, money_source=money_source, recipients=recipients,
        created_by=actor)
    decision.proposals.set(proposals)
    on = date or timezone.localdate()
    params = catalogue_parameters()
    ordinal = 0
    for proposal in proposals:
        for nominee in decidable_nominees(proposal):
            ordinal += 1
            award = nominee.award_for_decision
            DecisionItem.objects.create(
                decision=decision, nominee=nominee, award_type=award, person=nominee.person,
                collective=nominee.collective, household=nominee.household, unit=nominee.unit,
                year=proposal.year, kind=TRACK_AWARD_KIND[proposal.track],
                recipient_name=nominee.subject_name, recipient_detail=recipient_detail(nominee),
                posthumous=bool(nominee.person_id and nominee.person.deceased),
                received_by=nominee.received_by, ordinal=ordinal,
                **money_for(params, award.code, nominee.subject_kind, on))
    if ordinal == 0:
        raise ValidationError(_("None of these proposals has a nominee ready for a decision."))
    refused = granting_errors(issuer, [i.award_type for i in decision.items.select_related(
        "award_type")], on)
    if refused:
        raise ValidationError({"issuer": refused})
    record(actor, "decisions.decision.draft", decision, unit=issuer,
           changes={"items": [None, ordinal]})
    return decision


def _check_addressed_to(issuer, proposals) -> None:
    """Each authority decides the proposals addressed to it, through its own council and
    register: a department's proposals are not decided by the province, nor the reverse."""
    for proposal in proposals:
        if proposal.recipient_unit_id != issuer.pk:
            raise ValidationError({"issuer": _(
                "Proposal %(code)s is addressed to %(unit)s, not to %(issuer)s.") % {
                "code": proposal.code, "unit": proposal.recipient_unit.name,
                "issuer": issuer.name}})


@transaction.atomic
def cancel_draft(actor, decision: Decision, *, reason: str) -> Decision:
    """Side effect: audit `decisions.decision.cancelled`."""
    return state.transition(decision, DECISION, "cancel", actor, reason=reason,
                            fields={"reason": reason})
