"""The dashboard's proposal figures are dated by `AUDIT_PROPOSAL_FIGURES` (audit.models.entry):
every entry moves it but those whose write paths change nothing the figures count
(`QUIET_FOR_PROPOSAL_FIGURES`). Each code of the proposals app is classified here by name, so a
new one fails the first test until someone has read its write path."""

import pytest

from audit.domain.record import record
from audit.models import AuditEntry
from audit.models.entry import AUDIT, AUDIT_PROPOSAL_FIGURES, QUIET_FOR_PROPOSAL_FIGURES
from core.caching import version_of
from tests.audit.test_log_every_action import _actions

pytestmark = pytest.mark.django_db

# Writes that may change a counted field (a proposal's existence, scope unit, state, due date,
# track; a nominee's proposal or requested award type), or that were not proven not to (the
# session's open/close tally nominees; the consultation's open/close move the state, also
# audited on its own): these rebuild the figures.
MOVING = {
    "proposals.proposal.create", "proposals.proposal.update", "proposals.proposal.assign",
    "proposals.proposal.appraised", "proposals.proposal.appraising",
    "proposals.proposal.consolidated", "proposals.proposal.consultation",
    "proposals.proposal.council_done", "proposals.proposal.decided",
    "proposals.proposal.forwarded", "proposals.proposal.in_council",
    "proposals.proposal.rejected", "proposals.proposal.returned",
    "proposals.proposal.submitted", "proposals.proposal.withdrawn",
    "proposals.nominee.add", "proposals.nominee.carry", "proposals.nominee.drop",
    "proposals.nominee.update",
    "proposals.consultation.open", "proposals.consultation.close",
    "proposals.session.agenda", "proposals.session.open", "proposals.session.close",
}


def _proposal_codes() -> set[str]:
    return {code for code in _actions() if code.startswith("proposals.")}


def test_every_code_of_the_proposals_app_is_classified():
    """Fails when a new `proposals.*` audit code appears in the source without being named
    either quiet (audit.models.entry) or moving (here)."""
    assert sorted(_proposal_codes() - QUIET_FOR_PROPOSAL_FIGURES - MOVING) == []


def test_the_classification_names_only_codes_the_source_writes():
    assert (sorted((QUIET_FOR_PROPOSAL_FIGURES | MOVING) - _proposal_codes()),
            sorted(QUIET_FOR_PROPOSAL_FIGURES & MOVING)) == ([], [])


def _moved(code: str, province) -> tuple[bool, bool]:
    before = version_of(AUDIT), version_of(AUDIT_PROPOSAL_FIGURES)
    record(None, code, province, object_type="proposals.proposal")
    return before[0] != version_of(AUDIT), before[1] != version_of(AUDIT_PROPOSAL_FIGURES)


@pytest.mark.parametrize("code", sorted(QUIET_FOR_PROPOSAL_FIGURES))
def test_a_quiet_entry_moves_the_log_but_not_the_figures(code, province):
    assert _moved(code, province) == (True, False)


@pytest.mark.parametrize("code", sorted(MOVING))
def test_every_other_proposals_entry_moves_the_figures(code, province):
    assert _moved(code, province) == (True, True)


def test_an_entry_of_another_app_moves_the_figures(province):
    """An unknown or foreign code errs on the side of rebuilding (a decision's issue moves
    proposals to decided, audited in the decisions app too)."""
    assert _moved("decisions.decision.issued", province) == (True, True)


def test_entries_written_in_bulk_move_the_figures_if_one_may_change_them():
    def bulk(*codes):
        before = version_of(AUDIT_PROPOSAL_FIGURES)
        AuditEntry.objects.bulk_create([AuditEntry(
            actor_label="system", action=code, object_type="proposals.dossierdocument",
            object_id="1", object_label="HS") for code in codes])
        return before != version_of(AUDIT_PROPOSAL_FIGURES)

    assert (bulk("proposals.document.attach", "proposals.document.attach"),
            bulk("proposals.document.attach", "proposals.nominee.add")) == (False, True)
