"""The dashboard's dating of its parts (reports.interfaces.figures.latest_changes)."""

import pytest

from audit.domain.record import record
from reports.interfaces.figures import latest_changes

pytestmark = pytest.mark.django_db


def test_a_proposals_entry_moves_only_the_newest(province):
    before = latest_changes()
    entry = record(None, "proposals.proposal.create", province, object_type="proposals.proposal")
    assert latest_changes() == (entry.pk, before[1])


def test_an_entry_outside_the_proposals_app_moves_both(province):
    entry = record(None, "emulation.movement.launch", province,
                   object_type="emulation.movement")
    assert latest_changes() == (entry.pk, entry.pk)


def test_a_type_merely_starting_like_proposals_moves_both(province):
    """Only the app's own objects ("proposals." with the dot) are left out."""
    entry = record(None, "core.test", province, object_type="proposalsx.thing")
    assert latest_changes() == (entry.pk, entry.pk)
