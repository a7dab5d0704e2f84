"""Proposals counted per what the dashboard groups them by, kept by the database."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# The deadline kept for a proposal without one (its step has none): before no day, so never
# late — as a NULL deadline never is. A key column may not be NULL: an upsert finds no NULL.
NO_DEADLINE = datetime.date(9999, 12, 31)


class ProposalTotal(models.Model):
    """How many proposals of `unit` are in `state` with step deadline `due_on`, on `track`, and
    nominate (`mother`) or not a Heroic Vietnamese Mother. Written only by the database's
    triggers on the proposals and their nominees (proposals.models.proposal_totals), so the
    dashboard's proposal figures, counted after every proposal step under `make load`, read a
    hundred of these instead of grouping every proposal: a scope and a subtree are sets of
    units, and these are keyed by the proposal's unit. Kept per deadline day, not per "late",
    so that the figures of any day are exact. A row whose count fell to zero stays."""

    unit = models.ForeignKey("organisations.Unit", on_delete=models.DO_NOTHING,
                             db_constraint=False, db_index=False, related_name="+")
    state = models.CharField(_("state"), max_length=20)
    due_on = models.DateField(_("step deadline"))
    track = models.CharField(_("track"), max_length=20)
    mother = models.BooleanField(_("nominates a Heroic Mother"))
    n = models.IntegerField(_("proposals"), default=0)

    class Meta:
        verbose_name = _("proposal total")
        verbose_name_plural = _("proposal totals")
        constraints = [models.UniqueConstraint(
            fields=["unit", "state", "due_on", "track", "mother"], name="proposal_total_key")]

    def __str__(self):
        return f"{self.unit_id} {self.state} {self.due_on} {self.track} {self.mother}: {self.n}"
