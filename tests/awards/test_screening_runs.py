""""Who qualifies" as a background run split into id-range chunks (issue 14.6): the chunks cover
everyone once, the stored verdicts are the page's, the run moves queued → running → done (or
failed) through its table and is audited, a retried chunk stores once, and the scope holds."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEntry
from awards.domain import ledger, screening_runs
from awards.domain.parameters import CatalogueParameters
from awards.domain.profile import INDIVIDUAL_AWARDS
from awards.domain.qualify import qualifying, qualifying_each, with_standing
from awards.domain.screening_runs import (
    ScreeningStateError,
    fail_run,
    finish_run,
    id_ranges,
    request_screening,
    results_for_user,
    runs_for_user,
    screen,
    start_run,
)
from awards.models import AwardType, ScreeningChunk, ScreeningResult, ScreeningRun
from organisations.domain.queries import people_for_user
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 500), unique=True, max_size=120), st.integers(1, 30))
def test_id_ranges_cover_every_id_exactly_once(ids, size):
    ids = sorted(ids)
    ranges = id_ranges(iter(ids), size)
    covered = [pk for first, last, _n in ranges for pk in ids if first <= pk <= last]
    assert covered == ids
    assert [n for _f, _l, n in ranges] == [len(ids[i:i + size]) for i in range(0, len(ids), size)]


def _people(unit, n, *, held=0):
    """`n` people rated "good" in 2025 (so eligible for LĐTT), the first `held` of them already
    holding it."""
    people = []
    for i in range(n):
        person = PersonFactory(unit=unit, full_name=f"Người {unit.code} {i:02d}")
        ledger.set_rating(None, person=person, year=2025, rating="tot")
        people.append(person)
    for person in people[:held]:
        ledger.record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2025,
                            decision_number=f"{person.pk}/QĐ",
                            decision_date=datetime.date(2026, 1, 5), issuer="Sở",
                            issuer_unit=unit, person=person)
    return people


def _run(user, award, capture, unit=None, chunk=3, monkeypatch=None) -> ScreeningRun:
    monkeypatch.setattr(screening_runs, "CHUNK_PEOPLE", chunk)
    with capture(execute=True):
        run = request_screening(user, award, 2025, unit)
    run.refresh_from_db()
    return run


def _stored(run) -> list[tuple]:
    return list(ScreeningResult.objects.filter(run=run).order_by("person_id", "award")
                .values_list("person_id", "award", "held", "reference", "reward_vnd"))


def _on_page(user, award) -> list[tuple]:
    people = people_for_user(user)
    params = CatalogueParameters()
    if award == "all":
        pairs = ((p, v) for p, vs in qualifying_each(people, INDIVIDUAL_AWARDS, 2025, params)
                 for v in vs)
    else:
        pairs = qualifying(people, award, 2025, params)
    rows = [(r.person.pk, r.verdict.award, r.standing.held if r.standing else None,
             r.standing.reference if r.standing else "", (r.verdict.reward or {}).get(
                 "amount_vnd")) for r in with_standing(pairs, 2025)]
    return sorted(rows, key=lambda row: (row[0], row[1]))


def test_chunks_cover_everyone_in_scope_exactly_once(board_user, dept_a, dept_b, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    people = _people(dept_a, 5) + _people(dept_b, 3)
    run = _run(board_user, "ldtt", django_capture_on_commit_callbacks, monkeypatch=monkeypatch)
    chunks = list(run.chunks.order_by("number").values_list("first_id", "last_id", "people",
                                                             "done"))
    ids = sorted(people_for_user(board_user).values_list("pk", flat=True))
    assert {p.pk for p in people} <= set(ids)
    assert [pk for first, last, _n, _d in chunks for pk in ids if first <= pk <= last] == ids
    assert [n for *_r, n, _d in chunks] == [3] * (len(ids) // 3) + (
        [len(ids) % 3] if len(ids) % 3 else [])
    assert {d for *_r, d in chunks} == {True}
    assert (run.state, run.people_total, run.people_done, run.chunks_done) == (
        "done", len(ids), len(ids), len(chunks))


@pytest.mark.parametrize("award", ["ldtt", "all"])
def test_stored_verdicts_equal_the_in_page_screening(award, board_user, dept_a, dept_b,
                                                     monkeypatch,
                                                     django_capture_on_commit_callbacks):
    _people(dept_a, 5, held=2)
    _people(dept_b, 4)
    run = _run(board_user, award, django_capture_on_commit_callbacks, monkeypatch=monkeypatch)
    expected = _on_page(board_user, award)
    assert _stored(run) == expected
    assert len(expected) >= 9
    assert run.qualified == len({row[0] for row in expected})


def test_run_moves_queued_running_done_and_is_audited(board_user, dept_a, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    _people(dept_a, 4)
    run = _run(board_user, "ldtt", django_capture_on_commit_callbacks, monkeypatch=monkeypatch)
    actions = list(AuditEntry.objects.filter(object_id=str(run.public_id)).order_by("id")
                   .values_list("action", "changes"))
    assert [a for a, _c in actions] == ["awards.screening.request", "awards.screening.start",
                                        "awards.screening.finish"]
    assert actions[-1][1]["qualified"] == run.qualified
    assert run.started_at is not None and run.finished_at is not None


def test_a_scope_with_nobody_ends_the_run_at_once(officer_a, dept_b, monkeypatch,
                                                  django_capture_on_commit_callbacks):
    _people(dept_b, 2)
    run = _run(officer_a, "ldtt", django_capture_on_commit_callbacks, monkeypatch=monkeypatch)
    assert (run.state, run.people_total, run.chunks_total, _stored(run)) == ("done", 0, 0, [])


def test_officer_screens_only_his_scope(officer_a, dept_a, dept_b, monkeypatch,
                                        django_capture_on_commit_callbacks):
    mine = _people(dept_a, 4)
    _people(dept_b, 4)
    run = _run(officer_a, "ldtt", django_capture_on_commit_callbacks, monkeypatch=monkeypatch)
    assert {row[0] for row in _stored(run)} == {p.pk for p in mine}
    assert run.people_total == people_for_user(officer_a).count()


def test_results_are_read_by_the_requester_within_his_scope(
        board_user, officer_a, outsider, dept_a, dept_b, monkeypatch,
        django_capture_on_commit_callbacks):
    _people(dept_a, 2)
    theirs = _people(dept_b, 2)
    run = _run(board_user, "ldtt", django_capture_on_commit_callbacks, monkeypatch=monkeypatch)
    assert list(runs_for_user(board_user)) == [run]
    assert list(runs_for_user(outsider)) == []
    # Officer B sees, of a run over the province, only his unit's people.
    assert [r.person_id for r in results_for_user(outsider, run)] == [p.pk for p in theirs]


def test_a_chunk_delivered_twice_stores_once(board_user, dept_a, monkeypatch):
    _people(dept_a, 4)
    monkeypatch.setattr(screening_runs, "CHUNK_PEOPLE", 100)
    run = request_screening(board_user, "ldtt", 2025)  # tasks not run: on_commit not captured
    screening_runs.plan(run)
    chunk = ScreeningChunk.objects.select_related("run__requested_by").get(run=run)
    twin = ScreeningChunk.objects.select_related("run__requested_by").get(run=run)
    assert (screen(chunk), screen(twin)) == (True, False)
    run.refresh_from_db()
    assert (run.state, run.chunks_done, ScreeningResult.objects.filter(run=run).count()) == (
        "done", 1, 4)


@pytest.mark.parametrize("state", ["queued", "running", "done", "failed"])
def test_each_step_from_each_state(state, board_user):
    run = ScreeningRun.objects.create(requested_by=board_user, award="ldtt", year=2025,
                                      state=state)  # fixture: a run placed in `state`
    steps = {"start": lambda r: start_run(r, people=0, chunks=0), "finish": finish_run,
             "fail": lambda r: fail_run(r, "x")}
    allowed = {"start": {"queued"}, "finish": {"running"}, "fail": {"queued", "running"}}
    targets = {"start": "running", "finish": "done", "fail": "failed"}
    for name, step in steps.items():
        run = ScreeningRun.objects.get(pk=run.pk)
        if state in allowed[name]:
            assert step(run).state == targets[name]
            ScreeningRun.objects.filter(pk=run.pk).update(state=state)  # back, for the next
        else:
            with pytest.raises(ScreeningStateError):
                step(run)
            assert ScreeningRun.objects.get(pk=run.pk).state == state


def test_request_refuses_an_unknown_award_or_year(board_user):
    with pytest.raises(ValidationError) as award:
        request_screening(board_user, "huan_chuong_xyz", 2025)
    with pytest.raises(ValidationError) as year:
        request_screening(board_user, "ldtt", 1990)
    assert (list(award.value.message_dict), list(year.value.message_dict)) == (["award"],
                                                                               ["year"])
    assert ScreeningRun.objects.count() == 0


def test_request_refuses_a_user_without_the_ledger(db):
    with pytest.raises(PermissionDenied):
        request_screening(UserFactory(), "ldtt", 2025)
    assert ScreeningRun.objects.count() == 0


def test_a_requester_who_lost_the_ledger_gets_a_failed_run(board_user, dept_a):
    run = request_screening(board_user, "ldtt", 2025)
    board_user.role_assignments.all().delete()  # fixture: the role taken away before the task
    board_user = type(board_user).objects.get(pk=board_user.pk)
    run = ScreeningRun.objects.select_related("requested_by").get(pk=run.pk)
    run = screening_runs.plan(run)
    assert (run.state, run.error) == ("failed", "You may no longer read the award ledger.")
    assert list(AuditEntry.objects.filter(object_id=str(run.public_id)).order_by("id")
                .values_list("action", flat=True)) == ["awards.screening.request",
                                                       "awards.screening.fail"]
