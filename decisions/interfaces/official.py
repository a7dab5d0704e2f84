"""The official copy of a decision and issuing with it.

`official_pdf(decision)` is the one answer to "which PDF is the decision": the signed copy once
uploaded and verified, else the PDF generated at issue (the one to download for signing), else —
a draft, or a decision issued before copies were kept — the PDF rendered now. Units' downloads,
the exchange bundle and the portal all read it."""

from django.db import transaction

from decisions.domain import issuing
from decisions.domain.signing import keep_generated_pdf
from decisions.enums import DecisionState
from decisions.interfaces.documents import decision_pdf
from decisions.models import Decision, DecisionPdf


@transaction.atomic
def issue_with_pdf(actor, decision: Decision, *, date, number: int | None = None) -> Decision:
    """Issue (decisions.domain.issuing.issue_decision) and keep the generated PDF in the same
    transaction: a failed rendering leaves the decision a draft. The page and the API call
    this; the rendering lives here because the domain does not import the renderers."""
    issued = issuing.issue_decision(actor, decision, date=date, number=number)
    keep_generated_pdf(issued, decision_pdf(issued))
    return issued


def official_pdf(decision: Decision) -> bytes:
    """The signed copy, else the generated one (kept now for a decision issued before copies
    were kept, so that what the signer downloads is what the upload is compared with)."""
    if decision.state != DecisionState.ISSUED:
        return decision_pdf(decision)
    signed = (DecisionPdf.objects.filter(decision=decision).values_list("signed_sha256", flat=True)
              .first())
    if signed is None:
        keep_generated_pdf(decision, decision_pdf(decision))
    field = "signed" if signed else "generated"
    return bytes(DecisionPdf.objects.values_list(field, flat=True).get(decision=decision))


def signed_copy(decision: Decision) -> DecisionPdf | None:
    """The verified signed copy's facts (signer, time), without the bytes; None if unsigned."""
    return (DecisionPdf.objects.defer("generated", "signed").filter(decision=decision)
            .exclude(signed_sha256="").first())
