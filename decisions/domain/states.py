"""The decision and certificate machines, declared once as data (core/state.py). The named
steps (`issuing.issue_decision`, `drafting.cancel_draft`, the corrections) check their
preconditions and move the row through `core.state`.

A certificate's status is not audited row by row: the decision item it belongs to carries the
audit entry of the correction or revocation (`decisions.item.corrected` / `.revoked`)."""

from django.utils.translation import gettext_lazy as _

from audit.domain.record import record
from core import state
from decisions.enums import CertificateStatus as C
from decisions.enums import DecisionState as D
from decisions.models import Certificate, Decision

DECISION = state.Machine(
    name="decisions.decision", model=Decision, states=D, audit=record,
    audit_context=lambda d: {"unit": d.issuer},
    transitions=(
        state.step("issue", D.DRAFT, D.ISSUED, _("Sign and issue"), action=(
            "decisions.decision.issued"), permission="decisions.issue_decision",
            irreversible=True, refusal=_("This decision was already issued or cancelled.")),
        state.step("cancel", D.DRAFT, D.CANCELLED, _("Cancel the draft"), action=(
            "decisions.decision.cancelled"), needs_reason=True, irreversible=True,
            refusal=_("Only a draft can be cancelled.")),
    ))

CERTIFICATE = state.Machine(
    name="decisions.certificate", model=Certificate, states=C, field="status",
    transitions=(
        state.step("correct", C.VALID, C.CORRECTED, C.CORRECTED.label, irreversible=True),
        state.step("revoke", (C.VALID, C.CORRECTED), C.REVOKED, C.REVOKED.label,
                   irreversible=True),
    ))
