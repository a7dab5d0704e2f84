"""The proposal's movement is a reference to a movement (issue 20 point 2): the migration
matches the old free text by code or name, keeps unmatched or ambiguous text as a note; the
form offers only the movements the user may read."""

import importlib

import pytest
from django.apps import apps

from proposals.interfaces.forms import ProposalForm
from proposals.models import Proposal
from tests.emulation.movement_helpers import make_movement
from tests.proposals.helpers import draft

pytestmark = pytest.mark.django_db
migration = importlib.import_module("proposals.migrations.0007_h12_movement_reference")


def _with_note(officer, unit, recipient, note):
    proposal = draft(officer, unit, recipient, people=0)
    Proposal.objects.filter(pk=proposal.pk).update(movement_note=note)
    return proposal


def test_text_naming_one_movement_becomes_the_reference(officer_a, dept_a, province):
    movement = make_movement(province, [dept_a], name="Thi đua dạy tốt, học tốt")
    by_name = _with_note(officer_a, dept_a, dept_a, " thi đua dạy tốt, học tốt ")
    by_code = _with_note(officer_a, dept_a, dept_a, movement.code)
    unmatched = _with_note(officer_a, dept_a, dept_a, "Phong trào không có trong hệ thống")
    migration.match_movements(apps, None)
    assert [(p.movement_id, p.movement_note) for p in Proposal.objects.filter(
        pk__in=[by_name.pk, by_code.pk, unmatched.pk]).order_by("pk")] == [
        (movement.pk, ""), (movement.pk, ""), (None, "Phong trào không có trong hệ thống")]


def test_an_ambiguous_name_stays_a_note(officer_a, dept_a, province):
    make_movement(province, [dept_a], name="Thi đua yêu nước")
    make_movement(province, [dept_a], name="Thi đua yêu nước")
    proposal = _with_note(officer_a, dept_a, dept_a, "Thi đua yêu nước")
    migration.match_movements(apps, None)
    proposal.refresh_from_db()
    assert (proposal.movement_id, proposal.movement_note) == (None, "Thi đua yêu nước")


def test_the_form_offers_only_the_users_movements(officer_a, province, dept_a, dept_b):
    mine = make_movement(province, [dept_a], name="Thi đua của sở A")
    make_movement(province, [dept_b], name="Thi đua của sở B")
    form = ProposalForm(user=officer_a)
    assert list(form.fields["movement"].queryset) == [mine]
