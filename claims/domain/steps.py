"""The officer's work on a claim: register it, add evidence and the family's martyrs, record
checks, and the named steps (start verifying, ask the family for papers, mark verified, refuse,
withdraw). Each step checks its preconditions and calls `set_claim_state`."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from claims.data.checklists import CHECKLISTS, ITEMS, LEDGER
from claims.domain import verification
from claims.domain.states import set_claim_state
from claims.enums import EVIDENCE_STATES, CheckResult, ClaimState
from claims.models import Claim, ClaimCheck, ClaimEvidence, ClaimStep, FamilyMember
from core.uploads import store_private

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
CLAIM_FIELDS = ["kind", "registered_on", "claimant_name", "claimant_birth_year",
                "claimant_deceased", "claimant_address", "applicant_name", "applicant_relation",
                "applicant_phone", "period", "service_role", "service_from", "service_to",
                "service_unit", "children_count", "originals_kept_at", "person"]


def new_code(year: int) -> str:
    """Claim codes are what a family types on the portal: 8 random characters (40 bits) are not
    guessable, so a code reveals only its own claim."""
    return f"HS{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


@transaction.atomic
def register_claim(actor, *, unit, **fields) -> Claim:
    """Side effects: the claim (stage registered) and its first history row; audit
    `claims.claim.register` (no personal values in the audit: the claim's label only)."""
    now = timezone.now()
    fields.setdefault("registered_on", timezone.localdate())
    claim = Claim(unit=unit, created_by=actor, state_changed_at=now,
                  code=new_code(fields["registered_on"].year), **fields)
    claim.full_clean()
    if claim.applicant_relation != "self" and not claim.applicant_name.strip():
        raise ValidationError({"applicant_name": _("Give the name of the relative who applies.")})
    if claim.claimant_deceased and claim.applicant_relation == "self":
        raise ValidationError({"applicant_relation": _(
            "A deceased claimant is claimed by a relative: choose the relation.")})
    claim.save()
    ClaimStep.objects.create(claim=claim, old="", new=ClaimState.REGISTERED, at=now,
                             actor=actor)
    record(actor, "claims.claim.register", claim, unit=unit, label=claim.code)
    return claim


def _open_for_evidence(claim: Claim) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.state not in EVIDENCE_STATES:
        raise ValidationError(_("A claim at stage “%(state)s” takes no more evidence.")
                              % {"state": ClaimState(locked.state).label})
    return locked


def _digest(uploaded) -> str:
    sha = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        sha.update(chunk)
    uploaded.seek(0)
    return sha.hexdigest()


@transaction.atomic
def add_evidence(actor, claim: Claim, *, kind: str, title: str, dated, issuer: str = "",
                 uploaded=None) -> ClaimEvidence:
    """A typed, dated item; `uploaded` (already sniffed by the form's DossierFileField) is
    stored under PRIVATE_MEDIA_ROOT/claims. Side effect: audit `claims.evidence.add`."""
    locked = _open_for_evidence(claim)
    evidence = ClaimEvidence(claim=locked, kind=kind, title=title, dated=dated, issuer=issuer,
                             added_by=actor)
    if dated > timezone.localdate():
        raise ValidationError({"dated": _("The document date cannot be in the future.")})
    if uploaded is not None:
        evidence.path = store_private(uploaded, "claims")
        evidence.original_name = uploaded.name[:255]
        evidence.file_kind = getattr(uploaded, "kind", "")
        evidence.size, evidence.sha256 = uploaded.size, _digest(uploaded)
    evidence.full_clean()
    evidence.save()
    record(actor, "claims.evidence.add", evidence, unit=locked.unit,
           label=f"{locked.code}: {evidence.get_kind_display()}")
    return evidence


@transaction.atomic
def withdraw_evidence(actor, evidence: ClaimEvidence, *, reason: str) -> ClaimEvidence:
    """A wrong item is withdrawn, never deleted. Side effect: audit."""
    claim = _open_for_evidence(evidence.claim)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    evidence.withdrawn, evidence.withdrawn_reason = True, reason[:255]
    evidence.save(update_fields=["withdrawn", "withdrawn_reason"])
    record(actor, "claims.evidence.withdraw", evidence, unit=claim.unit, reason=reason,
           label=f"{claim.code}: {evidence.get_kind_display()}")
    return evidence


@transaction.atomic
def add_family_member(actor, claim: Claim, **fields) -> FamilyMember:
    """A martyr or war invalid of the family, from the certificates. Side effect: audit."""
    locked = _open_for_evidence(claim)
    member = FamilyMember(claim=locked, added_by=actor, **fields)
    if member.status == "invalid" and member.disability_percent is None:
        raise ValidationError({"disability_percent": _(
            "Give the loss of working capacity of a war invalid.")})
    member.full_clean()
    member.save()
    record(actor, "claims.family.add", member, unit=locked.unit,
           label=f"{locked.code}: {member.get_relation_display()}")
    return member


@transaction.atomic
def record_check(actor, claim: Claim, *, item: str, result: str, source: str,
                 note: str = "") -> ClaimCheck:
    """One check of the kind's checklist (who/when/source/result). The ledger item is answered
    by the ledger itself: a confirmation is refused while an earlier award settles the same
    service. Side effect: audit `claims.check.record`."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.state != ClaimState.VERIFYING:
        raise ValidationError(_("Checks are recorded while the claim is being verified."))
    if item not in CHECKLISTS[locked.kind]:
        raise ValidationError({"item": _("This check is not on the claim's checklist.")})
    if item == LEDGER and result == CheckResult.CONFIRMED:
        earlier = verification.earlier_awards(locked).first()
        if earlier is not None:
            raise ValidationError({"result": _(
                "The ledger already holds %(award)s (decision %(number)s) for this service.")
                % {"award": earlier.award_type.name, "number": earlier.decision_number}})
    check = ClaimCheck.objects.create(claim=locked, item=item, result=result, source=source,
                                      note=note, checked_by=actor, checked_at=timezone.now())
    record(actor, "claims.check.record", check, unit=locked.unit,
           changes={"result": [None, result]}, label=f"{locked.code}: {ITEMS[item][0]}")
    return check


@transaction.atomic
def start_verifying(actor, claim: Claim) -> Claim:
    """The dossier is in (first time, or the family brought the missing papers)."""
    if not claim.evidence.filter(withdrawn=False).exists():
        raise ValidationError(_("Add at least one evidence item before verifying."))
    return set_claim_state(claim, ClaimState.VERIFYING, actor=actor)


@transaction.atomic
def request_evidence(actor, claim: Claim, *, note: str = "") -> Claim:
    """Back to the family: the reason lists what is missing (the letter prints the same list).
    Refused when nothing is missing."""
    missing = [str(item.label) for item in verification.missing_items(claim)]
    if not missing:
        raise ValidationError(_("Nothing is missing: mark the claim verified instead."))
    reason = "; ".join(missing) + (f". {note.strip()}" if note.strip() else "")
    return set_claim_state(claim, ClaimState.WAITING_EVIDENCE, actor=actor, reason=reason)


@transaction.atomic
def mark_verified(actor, claim: Claim) -> Claim:
    """Every item of the checklist confirmed, enough witnesses, and (Heroic Mother, many
    martyrs) the family's recorded martyrs meet the criteria."""
    missing = verification.missing_items(claim)
    if missing:
        raise ValidationError(_("Not every check is confirmed: %(items)s.") % {
            "items": "; ".join(str(item.label) for item in missing)})
    if short := verification.witness_shortfall(claim):
        raise ValidationError(_("%(n)s more witness statement(s) are needed.") % {"n": short})
    verdict = verification.honour_verdict(claim)
    if verdict is not None and not verdict.eligible:
        raise ValidationError(_("The family's recorded martyrs do not meet %(citation)s.")
                              % {"citation": verdict.citation})
    return set_claim_state(claim, ClaimState.VERIFIED, actor=actor, expected=ClaimState.VERIFYING)


@transaction.atomic
def refuse(actor, claim: Claim, *, reason: str) -> Claim:
    return set_claim_state(claim, ClaimState.REFUSED, actor=actor, reason=reason)


@transaction.atomic
def withdraw(actor, claim: Claim, *, reason: str) -> Claim:
    return set_claim_state(claim, ClaimState.WITHDRAWN, actor=actor, reason=reason)
