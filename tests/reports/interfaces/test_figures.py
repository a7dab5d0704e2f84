"""The dashboard's dating of its parts: the audit log's versions (audit.models.entry), bumped
by every entry written and again when its transaction commits."""

import pytest

from audit.domain.record import record
from audit.models import AuditEntry
from audit.models.entry import AUDIT, AUDIT_OUTSIDE_PROPOSALS
from core.caching import version_of

pytestmark = pytest.mark.django_db


def _versions() -> tuple[str, str]:
    return version_of(AUDIT), version_of(AUDIT_OUTSIDE_PROPOSALS)


def _moved(before, after) -> tuple[bool, bool]:
    return before[0] != after[0], before[1] != after[1]


def test_a_proposals_entry_moves_only_the_log(province):
    before = _versions()
    record(None, "proposals.proposal.create", province, object_type="proposals.proposal")
    assert _moved(before, _versions()) == (True, False)


def test_an_entry_outside_the_proposals_app_moves_both(province):
    before = _versions()
    record(None, "emulation.movement.launch", province, object_type="emulation.movement")
    assert _moved(before, _versions()) == (True, True)


def test_a_type_merely_starting_like_proposals_moves_both(province):
    """Only the app's own objects ("proposals." with the dot) are left out."""
    before = _versions()
    record(None, "core.test", province, object_type="proposalsx.thing")
    assert _moved(before, _versions()) == (True, True)


def test_entries_written_in_bulk_move_the_log():
    before = _versions()
    AuditEntry.objects.bulk_create([AuditEntry(
        actor_label="system", action="emulation.movement.launch",
        object_type="emulation.movement", object_id="1", object_label="Phong trào")])
    assert _moved(before, _versions()) == (True, True)


def test_the_log_moves_again_when_the_entry_commits(province, django_capture_on_commit_callbacks):
    """The regression: the page was dated by the newest entry's id, handed out at insert. An
    entry that committed after a later one had been read did not move it, and the page stayed
    stale until the next entry. A version bumped at commit moves whatever the order."""
    with django_capture_on_commit_callbacks() as callbacks:
        record(None, "proposals.proposal.create", province, object_type="proposals.proposal")
    written = _versions()
    for callback in callbacks:
        callback()
    assert _moved(written, _versions()) == (True, False)
