"""The proposal totals (proposals.models.proposal_totals) equal the proposals grouped after every
write — steps of the state machine, imports, deadlines, tracks and units changed, Heroic Mother
nominees added, retyped, moved and removed, cancellations, rollbacks — and the dashboard's
proposal figures read from them equal the same figures counted from the proposals, for every
persona and on any day (a deadline passes with the days, not with a write)."""

import datetime
import itertools

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.domain.scope import restricted, scope_shape
from awards.models import AwardType
from proposals.apps import _totals_triggers
from proposals.domain.states import TRANSITIONS, set_proposal_state
from proposals.enums import ProposalState, Track
from proposals.models import Nominee, Proposal, ProposalTotal, proposal_totals
from proposals.models.totals import NO_DEADLINE
from reports.domain import dashboard
from reports.domain.scope import subtree_ids
from reports.enums import STATISTICS_ROLES
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)
DAYS = [DAY - datetime.timedelta(days=5), DAY, DAY + datetime.timedelta(days=5)]
MOTHER = dashboard.HEROIC_MOTHER
_codes = itertools.count()


def grouped() -> dict:
    """The proposals per (unit, state, deadline, track, Heroic Mother): what the totals hold."""
    mother = Exists(Nominee.objects.filter(proposal=OuterRef("pk"), award_type__code=MOTHER))
    rows = (Proposal.objects.order_by().annotate(mother=mother)
            .values_list("unit_id", "state", "due_on", "track", "mother").annotate(n=Count("id")))
    counted: dict = {}
    for unit, state, due_on, track, is_mother, n in rows:
        key = (unit, state, due_on or NO_DEADLINE, track, bool(is_mother))
        counted[key] = counted.get(key, 0) + n
    return counted


def kept() -> dict:
    return {(u, s, d, t, bool(m)): n for u, s, d, t, m, n in ProposalTotal.objects.exclude(
        n=0).values_list("unit_id", "state", "due_on", "track", "mother", "n")}


def _proposal(officer, unit, recipient, **fields) -> Proposal:
    return Proposal(code=f"T-{next(_codes)}", title="Đề nghị tặng Giấy khen", unit=unit,
                    recipient_unit=recipient, authority_level="unit", year=2025,
                    created_by=officer, **fields)


def _nominee(proposal, code: str) -> Nominee:
    return Nominee(proposal=proposal, person=PersonFactory(unit=proposal.unit),
                   unit=proposal.unit, award_type=AwardType.objects.get(code=code),
                   summary="Thành tích.")


OPERATIONS = st.lists(st.tuples(
    st.sampled_from(["create", "import", "step", "deadline", "track", "move", "mother",
                     "mother_bulk", "unmother", "retype", "renominate", "cancel",
                     "rolled_back"]),
    st.integers(0, 5), st.integers(0, 3), st.sampled_from([None, *DAYS])),
    min_size=1, max_size=14)


def _apply(op, officer, units, recipient) -> None:
    kind, who, where, day = op
    proposals = list(Proposal.objects.order_by("pk"))
    proposal = proposals[who % len(proposals)] if proposals else None
    unit = units[where % len(units)]
    mothers = Nominee.objects.filter(award_type__code=MOTHER).order_by("pk")
    if kind == "create":
        proposal = _proposal(officer, unit, recipient, due_on=day)
        proposal.save()
        if where % 2:
            _nominee(proposal, MOTHER).save()
    elif kind == "import":
        Proposal.objects.bulk_create([_proposal(officer, u, recipient, due_on=day,
                                                state=ProposalState.SUBMITTED) for u in units])
    elif proposal is None:
        return
    elif kind == "step" and (targets := sorted(TRANSITIONS[proposal.state])):
        set_proposal_state(proposal, targets[where % len(targets)], actor=officer,
                           reason="Lý do.", today=day or DAY)
    elif kind == "deadline":
        Proposal.objects.filter(pk__in=[p.pk for p in proposals[who:]]).update(due_on=day)
    elif kind == "track":
        Proposal.objects.filter(pk=proposal.pk).update(
            track=Track.RESISTANCE if where % 2 else Track.ANNUAL)
    elif kind == "move":
        Proposal.objects.filter(pk=proposal.pk).update(unit=unit)
    elif kind == "mother":
        _nominee(proposal, MOTHER if where else "giay_khen").save()
    elif kind == "mother_bulk":  # two at once: one flag change
        Nominee.objects.bulk_create([_nominee(proposal, MOTHER), _nominee(proposal, MOTHER)])
    elif kind == "unmother" and (nominee := mothers[who % 3:who % 3 + 1].first()):
        nominee.delete()
    elif kind == "retype":  # every nominee of the proposal to, or from, the Heroic Mother
        code = MOTHER if where % 2 else "giay_khen"
        Nominee.objects.filter(proposal=proposal).update(
            award_type=AwardType.objects.get(code=code))
    elif kind == "renominate" and (nominee := mothers[who % 2:who % 2 + 1].first()):
        Nominee.objects.filter(pk=nominee.pk).update(proposal=proposal)
    elif kind == "cancel":  # a proposal deleted, its nominees after it (the constraint is deferred)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM proposals_proposal WHERE id = %s", [proposal.pk])
            cursor.execute("DELETE FROM proposals_nominee WHERE proposal_id = %s", [proposal.pk])
    elif kind == "rolled_back":
        with pytest.raises(RuntimeError), transaction.atomic():
            Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.DECIDED,
                                                           unit=unit)
            _nominee(proposal, MOTHER).save()
            raise RuntimeError


def assert_figures_equal(users, roots) -> None:
    """The dashboard's proposal figures from the totals equal those counted from the
    proposals, for each user's scope, page unit and day."""
    for user, root, day in itertools.product(users, roots, DAYS):
        proposals = restricted(Proposal.objects.all(),
                               scope_shape(user, Proposal, roles=STATISTICS_ROLES))
        totals = restricted(ProposalTotal.objects.all(),
                            scope_shape(user, ProposalTotal, roles=STATISTICS_ROLES))
        if root is not None:
            proposals = proposals.filter(unit__in=subtree_ids(root))
            totals = totals.filter(unit__in=subtree_ids(root))
        assert (user.username, root, day, dashboard.proposal_figures_of(
            dashboard.proposal_total_counts(totals, day))) == (
            user.username, root, day, dashboard.proposal_figures(proposals, day))


@settings(max_examples=30, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operations=OPERATIONS)
def test_totals_equal_the_proposals_grouped_over_random_writes(
        operations, province, dept_a, school_a, dept_b, officer_a, board_user, admin_user,
        outsider):
    with transaction.atomic():  # each example from the same start
        units = [dept_a, school_a, dept_b]
        for op in operations:
            with transaction.atomic():
                _apply(op, officer_a, units, province)
            assert (op, kept()) == (op, grouped())
        assert_figures_equal([board_user, officer_a, admin_user, outsider], [None])
        assert_figures_equal([board_user], [dept_a, school_a])
        transaction.set_rollback(True)


def test_a_heroic_mother_counts_once_whatever_her_nominees(province, dept_a, officer_a):
    proposal = _proposal(officer_a, dept_a, province, due_on=DAY)
    proposal.save()
    Nominee.objects.bulk_create([_nominee(proposal, MOTHER) for _ in range(3)])
    assert kept() == {(dept_a.pk, "draft", DAY, "annual", True): 1}
    Nominee.objects.filter(pk__in=Nominee.objects.order_by("pk").values("pk")[:2]).delete()
    assert kept() == {(dept_a.pk, "draft", DAY, "annual", True): 1}
    Nominee.objects.all().delete()
    assert kept() == {(dept_a.pk, "draft", DAY, "annual", False): 1}


def test_post_migrate_puts_the_triggers_back_and_recount_repairs(province, dept_a, officer_a):
    proposal_totals.uninstall(connection)
    _proposal(officer_a, dept_a, province).save()
    assert (kept(), grouped() != {}) == ({}, True)  # without the triggers nothing is counted
    proposal_totals.recount(connection)
    assert kept() == grouped()
    _totals_triggers(sender=apps.get_app_config("proposals"), using=connection.alias)
    Proposal.objects.update(state=ProposalState.SUBMITTED)
    _proposal(officer_a, dept_a, province, due_on=DAY).save()
    assert kept() == grouped()


@pytest.mark.skipif(connection.vendor != "sqlite",
                    reason="PostgreSQL's flush truncates every table at once")
def test_a_flush_in_any_order_leaves_the_totals_exact(province, dept_a, officer_a):
    """Django's flush deletes SQLite's tables in no fixed order, then emits post_migrate: the
    totals emptied before the proposals had left negative totals behind (the proposals' delete
    triggers), which the next tests and the dashboard read."""
    from django.core.management.sql import emit_post_migrate_signal  # noqa: PLC0415 this test's

    _proposal(officer_a, dept_a, province).save()
    with connection.cursor() as cursor:
        for table in ("proposals_proposaltotal", "proposals_nominee", "proposals_proposal"):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 the tables' own names
    emit_post_migrate_signal(0, False, "default")
    assert kept() == {}
