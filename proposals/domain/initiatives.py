"""Nominees and the initiative registry: link initiatives (from the registry, not retyped)
and apply the one-use rule (seed 000 §5; CV 5007/BNV-TĐKT 05/9/2023) through the single
function of the emulation app. Claims are reserved at submission, confirmed when the decision
is issued, released when the nominee drops out."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from audit.domain.record import record
from emulation.initiatives.domain.initiative_uses import (
    InitiativeAlreadyUsed,
    InitiativeNotRecognised,
    claim_initiative,
    confirm_use,
    release_use,
)
from emulation.initiatives.domain.queries.initiatives import initiatives_of_person
from proposals.domain.checks import Finding
from proposals.enums import EDITABLE_STATES
from proposals.models import Nominee, NomineeInitiative


def claim_ref(nominee: Nominee) -> str:
    return f"nominee:{nominee.public_id}"


def claim_label(nominee: Nominee) -> str:
    proposal = nominee.proposal
    letter = proposal.letter_number or proposal.code
    return f"{letter} — {nominee.award_for_decision.name} {proposal.year} — {nominee.subject_name}"


def available_initiatives(nominee: Nominee):
    """The registry's initiatives the nominee (co-)authored: what the form offers."""
    if not nominee.person_id:
        return []
    return initiatives_of_person(nominee.person)


@transaction.atomic
def link_initiative(actor, nominee: Nominee, initiative, *, override_note: str = "") -> None:
    """Attach an initiative while the proposal is editable. Side effect: audit."""
    if nominee.proposal.state not in EDITABLE_STATES:
        raise ValidationError(_("The proposal can no longer be changed."))
    if nominee.person_id and not initiative.authors.filter(person=nominee.person_id).exists():
        raise ValidationError({"initiative": _("%(person)s is not an author of this "
                                               "initiative.") % {"person": nominee.subject_name}})
    NomineeInitiative.objects.get_or_create(nominee=nominee, initiative=initiative,
                                            defaults={"override_note": override_note})
    record(actor, "proposals.nominee.initiative", nominee, unit=nominee.proposal.unit,
           changes={"initiative": [None, initiative.code]})


def claim_for_nominees(actor, nominees: list[Nominee]) -> list[Finding]:
    """Reserve each nominee's linked initiatives (their links read in one query). A refusal
    is a blocking finding whose message names the earlier use."""
    prefetch_related_objects(nominees, Prefetch(
        "initiatives", queryset=NomineeInitiative.objects.select_related("initiative")))
    return [finding for nominee in nominees for finding in _claim_for_nominee(actor, nominee)]


def _claim_for_nominee(actor, nominee: Nominee) -> list[Finding]:
    findings = []
    for link in nominee.initiatives.all():
        try:
            claim_initiative(link.initiative, award_code=nominee.award_for_decision.code,
                             claim_ref=claim_ref(nominee), claim_label=claim_label(nominee),
                             actor=actor, override_note=link.override_note)
        except (InitiativeAlreadyUsed, InitiativeNotRecognised) as exc:
            findings.append(Finding("initiative_used", str(exc), "CV 5007/BNV-TĐKT ngày "
                                    "05/9/2023", blocking=True, nominee=nominee))
    return findings


def release_claims(actor, nominee: Nominee, *, reason: str) -> int:
    return release_use(claim_ref(nominee), actor=actor, reason=reason)


def confirm_claims(actor, nominee: Nominee) -> int:
    return confirm_use(claim_ref(nominee), actor=actor)
