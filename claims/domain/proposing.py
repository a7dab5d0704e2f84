"""A verified claim becomes a nominee of a proposal on the resistance-war track, with its
evidence attached as dossier documents; from there the proposal's own appraisal, council and
decision apply (proposals/, decisions/). The decision closes the claim (closing.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.enums import GrantingLevel
from claims.domain.states import set_claim_state
from claims.enums import ClaimState
from claims.models import Claim
from organisations.domain import people
from proposals.domain.checks import parameter_in_force
from proposals.domain.nominees import add_nominee
from proposals.domain.proposals import create_proposal
from proposals.enums import DocumentType, Track
from proposals.models import DossierDocument, Proposal


def _new_proposal(actor, claim: Claim, award_type, recipient_unit) -> Proposal:
    row = parameter_in_force(award_type, "granting_level", timezone.localdate())
    level = row.value if row is not None else GrantingLevel.PROVINCE
    return create_proposal(
        actor, unit=claim.unit, recipient_unit=recipient_unit, authority_level=level,
        track=Track.RESISTANCE, year=timezone.localdate().year,
        title=_("Settling the wartime backlog: %(award)s") % {"award": award_type.name})


def _attach_evidence(actor, claim: Claim, proposal: Proposal, nominee) -> int:
    """The claim's stored files become the nominee's dossier documents (same private file,
    nothing copied: neither side ever deletes it)."""
    documents = [DossierDocument(
        proposal=proposal, nominee=nominee, doc_type=DocumentType.OTHER,
        title=f"{claim.code}: {item.get_kind_display()} — {item.title}"[:255],
        path=item.path, original_name=item.original_name, file_kind=item.file_kind,
        size=item.size, sha256=item.sha256, uploaded_by=actor)
        for item in claim.evidence.filter(withdrawn=False).exclude(path="")]
    DossierDocument.objects.bulk_create(documents)
    return len(documents)


def next_of_kin(claim: Claim) -> str:
    """"Nguyễn Văn B (con trai)": the relative who applied for a deceased claimant receives a
    posthumous award on the family's behalf."""
    if not claim.applicant_name:
        return ""
    return f"{claim.applicant_name} ({claim.get_applicant_relation_display().lower()})"


def _register_claimant(actor, claim: Claim, *, gender: str, death_year: int | None):
    """The deceased claimant's person record, registered without citizen ID from the claim."""
    if not gender:
        raise ValidationError({"gender": _(
            "Give the claimant's gender to register the person record.")})
    return people.register_deceased(actor, full_name=claim.claimant_name, gender=gender,
                             birth_year=claim.claimant_birth_year, unit=claim.unit,
                             death_year=death_year, source=claim.code)


@transaction.atomic
def propose(actor, claim: Claim, *, award_type, proposal: Proposal | None = None,
            recipient_unit=None, person=None, register_deceased: bool = False,
            gender: str = "", death_year: int | None = None,
            received_by: str | None = None) -> Proposal:
    """Add the claim's person as a nominee for `award_type` to `proposal` (a draft of the
    claim's commune on the resistance track) or to a new one addressed to `recipient_unit`.

    Side effects: the proposal (new) and nominee (audited by proposals), the evidence files as
    dossier documents, audit `claims.claim.propose` with the proposal code (and the person
    record linked, when `person` is given); claim → proposed."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    linked = [locked.person_id, None]
    if person is not None and person.pk != locked.person_id:
        locked.person, linked[1] = person, person.pk
    if locked.state != ClaimState.VERIFIED:
        raise ValidationError(_("Only a verified claim can be proposed."))
    if register_deceased:
        if locked.person_id is not None or not locked.claimant_deceased:
            raise ValidationError({"register_deceased": _(
                "Only a deceased claimant without a person record is registered this way.")})
        locked.person = _register_claimant(actor, locked, gender=gender,
                                           death_year=death_year)
        linked[1] = locked.person.pk
    if locked.person_id is None:
        raise ValidationError({"person": _(
            "Link the claimant's person record first: a nominee is a person of the register.")})
    if locked.claimant_deceased and not locked.person.deceased:
        raise ValidationError({"person": _(
            "%(name)s's person record does not say the person has died: record the death on "
            "the person's page first (a posthumous award needs it).") % {
                "name": locked.person.full_name}})
    if proposal is None:
        if recipient_unit is None:
            raise ValidationError({"recipient_unit": _("Choose the authority to address.")})
        proposal = _new_proposal(actor, locked, award_type, recipient_unit)
    elif proposal.unit_id != locked.unit_id or proposal.track != Track.RESISTANCE:
        raise ValidationError({"proposal": _(
            "Choose a draft resistance-war proposal of the claim's commune.")})
    summary = _("Backlog claim %(code)s: %(period)s, %(role)s, %(years)s.") % {
        "code": locked.code, "period": locked.get_period_display() or "—",
        "role": locked.get_service_role_display() or "—",
        "years": "–".join(str(y) for y in (locked.service_from, locked.service_to) if y) or "—"}
    if locked.claimant_deceased:
        # Posthumous conferral: the next of kin who applied receives it (Pháp lệnh Bà mẹ Việt
        # Nam anh hùng, Điều 1: "tặng hoặc truy tặng").
        summary += " " + _("Posthumous; received by %(name)s (%(relation)s).") % {
            "name": locked.applicant_name, "relation": locked.get_applicant_relation_display()}
    if received_by is None:
        received_by = next_of_kin(locked) if locked.claimant_deceased else ""
    nominee = add_nominee(actor, proposal, award_type=award_type, summary=summary,
                          person=locked.person, received_by=received_by.strip())
    files = _attach_evidence(actor, locked, proposal, nominee)
    locked.nominee = nominee
    locked.save(update_fields=["nominee", "person", "updated_at"])
    changes = {"proposal": [None, proposal.code], "documents": [None, files]}
    if linked[1] is not None:
        changes["person"] = linked
    record(actor, "claims.claim.propose", locked, unit=locked.unit, label=locked.code,
           changes=changes)
    # The row is locked above; moving the caller's instance keeps its state current.
    set_claim_state(claim, ClaimState.PROPOSED, actor=actor, reason=proposal.code)
    claim.nominee_id = nominee.pk
    return proposal
