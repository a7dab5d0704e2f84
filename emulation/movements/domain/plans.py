"""Annual emulation plans (kế hoạch công tác thi đua, khen thưởng năm): draft, correct,
publish.

Decree 152/2025/NĐ-CP and Law 06/2022/QH15 Art. 8: each level issues its yearly plan of emulation
and commendation work at the start of the year; the units below organise their movements under
it. One function per change, each in a transaction with the plan locked, each audited.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from accounts.models import User
from audit.domain.record import record
from core import state
from core.trail import diff, snapshot
from emulation.movements.enums import PlanState
from emulation.movements.models import AnnualPlan, PlanMilestone
from notifications.domain.notify import notify
from organisations.models import UnitClosure

PLAN_FIELDS = ["unit", "year", "title", "content", "key_targets"]
# "11/6 Ngày …" or "11/06/2026 Ngày …": a day and month (the plan's year) or a full date.
MILESTONE_LINE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s*[-–:]?\s*(.+?)\s*$")


def parse_milestones(text: str, year: int) -> list[tuple[datetime.date, str]]:
    """Milestones from lines "DD/MM name" (or "DD/MM/YYYY name"); blank lines are skipped.
    Raises a ValidationError on `milestones` naming the line at fault."""
    parsed = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = MILESTONE_LINE.match(line)
        try:
            if match is None:
                raise ValueError
            day, month, full_year, name = match.groups()
            parsed.append((datetime.date(int(full_year or year), int(month), int(day)), name))
        except ValueError:
            raise ValidationError({"milestones": _(
                "Line %(line)s: write a date and a name, e.g. “11/6 Ngày Chủ tịch Hồ Chí Minh "
                "ra Lời kêu gọi thi đua ái quốc”.") % {"line": number}}) from None
    return sorted(parsed)


def milestones_text(plan: AnnualPlan) -> str:
    """The plan's milestones in the form `parse_milestones` reads (to edit them)."""
    return "\n".join(f"{m.date:%d/%m/%Y} {m.name}" for m in plan.milestones.all())


def _milestones_label(plan: AnnualPlan) -> list[str]:
    return [str(m) for m in plan.milestones.all()]


def _set_milestones(plan: AnnualPlan, milestones) -> None:
    # The list is part of the draft's text: a correction replaces it; the audit keeps the old.
    plan.milestones.all().delete()
    PlanMilestone.objects.bulk_create(PlanMilestone(plan=plan, date=d, name=n[:300])
                                      for d, n in milestones)


def _save_checked(plan: AnnualPlan) -> None:
    plan.full_clean(exclude=["unit"], validate_unique=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise ValidationError({"year": _("%(unit)s already has a plan for %(year)s.") % {
            "unit": plan.unit.name, "year": plan.year}}) from None


@transaction.atomic
def create_plan(*, actor, milestones=(), **fields) -> AnnualPlan:
    """A draft plan of `unit` for `year`, with its milestones (date, name).

    Side effects: AnnualPlan and PlanMilestone rows; audit entry `emulation.plan.create`.
    """
    plan = AnnualPlan(**{k: v for k, v in fields.items() if k in PLAN_FIELDS})
    _save_checked(plan)
    _set_milestones(plan, milestones)
    record(actor, "emulation.plan.create", plan, unit=plan.unit,
           changes={k: [None, v] for k, v in snapshot(plan, PLAN_FIELDS).items()}
           | {"milestones": [None, _milestones_label(plan)]})
    return plan


PLAN = state.Machine(
    name="emulation.plan", model=AnnualPlan, states=PlanState, audit=record,
    audit_context=lambda plan: {"unit": plan.unit}, related=("unit",),
    describe=lambda plan: {"title": plan.title},
    transitions=(
        state.step("publish", PlanState.DRAFT, PlanState.PUBLISHED, PlanState.PUBLISHED.label,
                   irreversible=True,
                   refusal=gettext_lazy("The plan “%(title)s” is already published.")),
    ))


@transaction.atomic
def update_plan(plan: AnnualPlan, *, actor, milestones=None, **fields) -> AnnualPlan:
    """Correct a draft plan (a published plan is a issued document: it is not rewritten).
    Side effect: audit entry `emulation.plan.update` with old → new values."""
    plan = state.lock(PLAN, plan)
    if plan.state != PlanState.DRAFT:  # an edit, not a step of the machine
        raise ValidationError(_("The plan “%(title)s” is published; it can no longer be "
                                "changed.") % {"title": plan.title})
    before = snapshot(plan, PLAN_FIELDS) | {"milestones": _milestones_label(plan)}
    for name, value in fields.items():
        if name in PLAN_FIELDS and name != "unit":
            setattr(plan, name, value)
    _save_checked(plan)
    if milestones is not None:
        _set_milestones(plan, milestones)
    changes = diff(before, snapshot(plan, PLAN_FIELDS) | {"milestones": _milestones_label(plan)})
    if changes:
        record(actor, "emulation.plan.update", plan, unit=plan.unit, changes=changes)
    return plan


def officers_below(unit) -> list:
    """Active unit officers of the units under `unit` (not of `unit` itself): they carry the
    plan out in their units."""
    below = (UnitClosure.objects.filter(ancestor_id=unit.pk).exclude(descendant_id=unit.pk)
             .values("descendant_id"))
    return list(User.objects.filter(
        is_active=True, role_assignments__is_active=True,
        role_assignments__role=Role.UNIT_OFFICER,
        role_assignments__unit_id__in=Subquery(below)).distinct())


@transaction.atomic
def publish_plan(plan: AnnualPlan, *, actor) -> AnnualPlan:
    """draft → published. Side effects: `published_at` set; audit entry
    `emulation.plan.publish`; a notification (and e-mail draft) to every unit officer of the
    units below the issuing unit."""
    plan = state.transition(plan, PLAN, "publish", actor,
                            fields={"published_at": timezone.now()})
    notify(officers_below(plan.unit), verb="emulation.plan_published", actor=actor,
           title=_("Annual emulation plan %(year)s of %(unit)s") % {
               "year": plan.year, "unit": plan.unit.name},
           body=plan.title, url=reverse("emulation:plan_detail", args=[plan.public_id]))
    return plan
