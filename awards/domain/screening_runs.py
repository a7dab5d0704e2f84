""""Who qualifies" for a whole scope as a background job split across task workers (issue
14.6): the request, the plan that splits the people into id ranges, the screening of one range,
and the one function per state change of a run (queued → running → done | failed).

The page screens one page of people at a time (awards.views.qualify); a province, or ten on one
server, is screened here: the plan task cuts the requester's people, in id order, into chunks of
CHUNK_PEOPLE and queues one task per chunk, so that as many task workers as run
(`manage.py db_worker`, one process each) screen chunks at once. Each chunk stores its verdicts
in the transaction that claims it (a conditional UPDATE on `done`): a retried task stores them
once. The chunk that completes the count ends the run. The screening itself is the page's:
`qualifying`/`qualifying_each` and `with_standing`, so the stored list is the page's list.

Tasks are thin (a primitive id in, re-fetch, call the work) and queued on commit; messages are
written in the requester's language (`ScreeningRun.language`), as imports do.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from accounts.domain.scope import restrict_to_scope
from audit.domain.record import record
from awards.domain.parameters import catalogue_parameters
from awards.domain.profile import INDIVIDUAL_AWARDS
from awards.domain.qualify import qualifying, qualifying_each, with_standing
from awards.enums import ScreeningState
from awards.models import ScreeningChunk, ScreeningResult, ScreeningRun
from core import state
from organisations.domain.queries import people_for_user

logger = logging.getLogger(__name__)
ALL = "all"  # every individual title and form at once, as the page's "all"
CHUNK_PEOPLE = 5000  # people a task screens: ~1–3 s of work, a few hundred rows stored


class ScreeningStateError(state.StaleState):
    """The run is not, or no longer, in the state the change starts from."""


SCREENING = state.Machine(
    name="awards.screening", model=ScreeningRun, states=ScreeningState, lock="update",
    audit=record, error=ScreeningStateError, stale_error=ScreeningStateError,
    stale=gettext_lazy("This screening is no longer “%(state)s”; reload the page."),
    transitions=(
        state.step("start", ScreeningState.QUEUED, ScreeningState.RUNNING,
                   gettext_lazy("Running")),
        state.step("finish", ScreeningState.RUNNING, ScreeningState.DONE, gettext_lazy("Done"),
                   irreversible=True),
        state.step("fail", (ScreeningState.QUEUED, ScreeningState.RUNNING),
                   ScreeningState.FAILED, gettext_lazy("Failed"), irreversible=True,
                   refusal=gettext_lazy("This screening has already ended.")),
    ))


# ---------------------------------------------------------------- state changes
@transaction.atomic
def start_run(run: ScreeningRun, *, people: int, chunks: int) -> ScreeningRun:
    """queued → running with its plan. Side effects: `started_at`, `people_total`,
    `chunks_total`; audit `awards.screening.start`."""
    return state.transition(run, SCREENING, "start", run.requested_by, fields={
        "started_at": timezone.now(), "people_total": people, "chunks_total": chunks})


@transaction.atomic
def finish_run(run: ScreeningRun) -> ScreeningRun:
    """running → done. Side effects: `finished_at`; audit `awards.screening.finish` with the
    number of people found."""
    run.refresh_from_db(fields=["qualified"])
    return state.transition(run, SCREENING, "finish", run.requested_by,
                            changes={"qualified": run.qualified},
                            fields={"finished_at": timezone.now()})


@transaction.atomic
def fail_run(run: ScreeningRun, message: str) -> ScreeningRun:
    """queued or running → failed with a message for the requester. Side effects: `error`,
    `finished_at`; audit `awards.screening.fail` with the message. Chunks still queued find
    the run failed and stop."""
    run.refresh_from_db(fields=["state"])
    return state.transition(run, SCREENING, "fail", run.requested_by, reason=message,
                            fields={"error": message, "finished_at": timezone.now()})


# ---------------------------------------------------------------- the request
def award_choices() -> list[str]:
    return [ALL, *INDIVIDUAL_AWARDS]


def request_screening(actor, award: str, year: int, unit=None) -> ScreeningRun:
    """Queue the screening of `actor`'s people (those of `unit` only, when given: a unit the
    caller resolved within the actor's scope) for `award` (or "all") in `year`.

    Side effects: a ScreeningRun in state queued (messages in the active language); audit
    `awards.screening.request`; task `plan_screening` queued after the transaction commits.
    Raises PermissionDenied without `awards.view_ledger`, ValidationError for an award or year
    the screening does not know."""
    if not actor.has_perm("awards.view_ledger"):
        raise PermissionDenied
    if award not in award_choices():
        raise ValidationError({"award": _("Choose a title or form from the list.")})
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("The year of achievement must be between 2000 and "
                                         "this year.")})
    with transaction.atomic():
        run = ScreeningRun.objects.create(requested_by=actor, award=award, year=year, unit=unit,
                                          language=translation.get_language() or "vi")
        record(actor, "awards.screening.request", run, unit=unit,
               changes={"award": award, "year": year})
        transaction.on_commit(lambda: plan_screening.enqueue(run.pk))
    return run


# ---------------------------------------------------------------- the work
def scope_people(run: ScreeningRun) -> QuerySet:
    """The people a run screens: the requester's, now (a scope that shrank mid-run shrinks
    what the remaining chunks screen), within the run's unit if it has one."""
    people = people_for_user(run.requested_by)
    return people.filter(unit=run.unit_id) if run.unit_id else people


def id_ranges(ids, size: int = CHUNK_PEOPLE) -> list[tuple[int, int, int]]:
    """(first id, last id, people) of consecutive runs of `size` ids from `ids` (ascending):
    disjoint ranges that cover every id exactly once."""
    ranges, first, count, last = [], None, 0, None
    for pk in ids:
        if first is None:
            first = pk
        count, last = count + 1, pk
        if count == size:
            ranges.append((first, last, count))
            first, count = None, 0
    if first is not None:
        ranges.append((first, last, count))
    return ranges


def plan(run: ScreeningRun) -> ScreeningRun:
    """Split the run's people into chunks, start the run and queue one task per chunk (on
    commit). A scope with nobody in it ends the run at once."""
    if not run.requested_by.has_perm("awards.view_ledger"):
        return fail_run(run, _("You may no longer read the award ledger."))
    ids = scope_people(run).order_by("id").values_list("id", flat=True).iterator(chunk_size=20000)
    ranges = id_ranges(ids, CHUNK_PEOPLE)  # read now: a test may screen in smaller chunks
    with transaction.atomic():
        run = start_run(run, people=sum(r[2] for r in ranges), chunks=len(ranges))
        chunks = ScreeningChunk.objects.bulk_create(
            ScreeningChunk(run=run, number=n, first_id=first, last_id=last, people=people)
            for n, (first, last, people) in enumerate(ranges, start=1))
        pks = [c.pk for c in chunks] if chunks and chunks[0].pk else list(
            run.chunks.order_by("number").values_list("pk", flat=True))
        transaction.on_commit(lambda: [screen_chunk.enqueue(pk) for pk in pks])
    return finish_run(run) if not ranges else run


def screened_rows(people: QuerySet, award: str, year: int):
    """The page's "who qualifies" list for `people` (award or "all"), with standings: the rows
    a chunk stores."""
    params = catalogue_parameters()
    if award == ALL:
        pairs = ((person, verdict) for person, verdicts in qualifying_each(
            people, INDIVIDUAL_AWARDS, year, params) for verdict in verdicts)
    else:
        pairs = qualifying(people, award, year, params)
    return with_standing(pairs, year)


def screen(chunk: ScreeningChunk) -> bool:
    """Screen a chunk's people and store the verdicts, once; end the run when it was the last
    chunk. False when there was nothing to do (the run ended, or the chunk was done)."""
    run = chunk.run
    if run.state != ScreeningState.RUNNING or chunk.done:
        return False
    people = scope_people(run).filter(pk__gte=chunk.first_id, pk__lte=chunk.last_id)
    results = [ScreeningResult(
        run=run, person_id=row.person.pk, award=row.verdict.award,
        reward_vnd=(row.verdict.reward or {}).get("amount_vnd"),
        held=row.standing.held if row.standing else None,
        reference=row.standing.reference[:100] if row.standing else "")
        for row in screened_rows(people, run.award, run.year)]
    with transaction.atomic():
        # Claim the chunk: of two deliveries of the same task, one stores.
        if not ScreeningChunk.objects.filter(pk=chunk.pk, done=False).update(done=True):
            return False
        ScreeningResult.objects.bulk_create(results, batch_size=1000)
        # The row lock this UPDATE takes orders the chunks' ends: exactly one sees the total.
        ScreeningRun.objects.filter(pk=run.pk).update(
            chunks_done=F("chunks_done") + 1, people_done=F("people_done") + chunk.people,
            qualified=F("qualified") + len({r.person_id for r in results}))
        run.refresh_from_db(fields=["chunks_done", "chunks_total", "state"])
        if run.chunks_done == run.chunks_total and run.state == ScreeningState.RUNNING:
            finish_run(run)
    return True


def _failing(run: ScreeningRun, work):
    """Run `work()`; on an unexpected error, fail the run with a message (and log the cause)."""
    with translation.override(run.language):
        try:
            return work()
        except ScreeningStateError:  # run twice, or ended meanwhile: nothing left to do
            return None
        except Exception:
            logger.exception("Screening %s failed", run.public_id)
            fail_run(run, _("The screening stopped on an unexpected error; ask again."))
            return None


@task()
def plan_screening(run_pk: int) -> str:
    run = ScreeningRun.objects.select_related("requested_by").filter(pk=run_pk).first()
    if run is None or run.state != ScreeningState.QUEUED:
        return "skipped"
    _failing(run, lambda: plan(run))
    return "planned"


@task()
def screen_chunk(chunk_pk: int) -> str:
    chunk = (ScreeningChunk.objects.select_related("run__requested_by").filter(pk=chunk_pk)
             .first())
    if chunk is None:
        return "missing"
    return "screened" if _failing(chunk.run, lambda: screen(chunk)) else "skipped"


# ---------------------------------------------------------------- reading
def runs_for_user(user) -> QuerySet:
    """A user's own screening runs, newest first (nobody reads another officer's runs)."""
    return (ScreeningRun.objects.filter(requested_by=user).select_related("unit")
            .order_by("-created_at", "-id"))


def results_for_user(user, run: ScreeningRun) -> QuerySet:
    """A run's stored verdicts for the people still in `user`'s scope, in the page's order
    (person id, then award), with the columns the list shows."""
    rows = ScreeningResult.objects.filter(run=run).select_related("person__unit").only(
        "award", "reward_vnd", "held", "reference", "person__public_id", "person__full_name",
        "person__position", "person__unit__name")
    return restrict_to_scope(rows, user, field="person__unit").order_by("person_id", "award")
