"""A "who qualifies" screening run in the background (issue 14.6): the request, the id ranges
the task workers screen in parallel, and the verdicts they store, which the run's page lists,
pages and exports. Nothing here is deleted: a new run is a new row."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import SCREENING_ACTIVE_STATES, ScreeningState


class ScreeningRun(models.Model):
    """One officer's request to screen the people of his scope (or of one unit in it) for an
    award (or every individual one: "all") in a year. `state` changes only through
    `awards.domain.screening_runs`; the counters are plain UPDATEs the progress page reads."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="screening_runs")
    award = models.CharField(_("title / form"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=ScreeningState.choices,
                             default=ScreeningState.QUEUED, editable=False, db_index=True)
    people_total = models.PositiveIntegerField(default=0, editable=False)
    people_done = models.PositiveIntegerField(default=0, editable=False)
    chunks_total = models.PositiveIntegerField(default=0, editable=False)
    chunks_done = models.PositiveIntegerField(default=0, editable=False)
    qualified = models.PositiveIntegerField(default=0, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE, editable=False)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.award} {self.year}"

    @property
    def is_active(self) -> bool:
        return self.state in SCREENING_ACTIVE_STATES

    @property
    def percent(self) -> int:
        return min(100, 100 * self.people_done // self.people_total) if self.people_total else 0

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class ScreeningChunk(models.Model):
    """People `first_id`…`last_id` of a run's scope, screened by one task. `done` is claimed by
    a conditional UPDATE in the transaction that stores the chunk's verdicts: a retried task
    stores them once."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.PROTECT, related_name="chunks")
    number = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    people = models.PositiveIntegerField()
    done = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "number"],
                                               name="screening_chunk_number")]

    def __str__(self):
        return f"{self.run_id}#{self.number}"


class ScreeningResult(models.Model):
    """A person found eligible by a run, with where they stood for that award and year when
    screened (`held`: None = free to propose, True = already awarded, False = being proposed;
    `reference`: the decision number or the proposal's code)."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.PROTECT, related_name="results")
    person = models.ForeignKey("organisations.Person", on_delete=models.PROTECT,
                               related_name="+")
    award = models.CharField(max_length=40)
    reward_vnd = models.BigIntegerField(null=True)
    held = models.BooleanField(null=True)
    reference = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "person", "award"],
                                               name="screening_result_once")]

    def __str__(self):
        return f"{self.run_id}: {self.person_id} {self.award}"
