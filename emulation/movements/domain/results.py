"""Results of a movement's review per unit and per registered title, and the award proposal
they produce (Law 06/2022/QH15 Art. 10.2: the sơ kết / tổng kết evaluates the movement and
proposes rewards for the units and people who achieved; Decree 152/2025/NĐ-CP).

```
draft ──submit──► submitted ──confirm──► confirmed
returned ◄─return (reason)─┘
returned ──submit──► submitted
```

The registered unit enters its own result (while draft or returned); the organiser's board
confirms it or returns it with a reason. `set_result_state` is the only code that assigns
`UnitResult.state`.
"""

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import users_with_role_over
from accounts.enums import Role
from audit.domain.record import record
from core import state
from core.trail import diff, snapshot
from emulation.movements.enums import RegistrationState
from emulation.movements.models import TitleResult, UnitResult
from emulation.movements.models.results import ResultState as S
from notifications.domain.notify import notify

EDITABLE = (S.DRAFT, S.RETURNED)
# A wrong step and a stale one read the same: the page cannot tell which happened.
MOVED = gettext_lazy("The result is “%(state)s”: this step does not apply (someone else may "
                     "already have done it).")
RESULT = state.Machine(
    name="emulation.result", model=UnitResult, states=S, audit=record,
    audit_context=lambda r: {"unit": r.registration.unit},
    related=("review__movement__organiser", "registration__unit"), refusal=MOVED, stale=MOVED,
    transitions=(
        state.step("submit", EDITABLE, S.SUBMITTED, gettext_lazy("Submit")),
        state.step("confirm", S.SUBMITTED, S.CONFIRMED, S.CONFIRMED.label, irreversible=True),
        state.step("return", S.SUBMITTED, S.RETURNED, S.RETURNED.label),
    ))
TRANSITIONS: dict[str, frozenset[str]] = RESULT.graph()
# Audit action written on reaching each state (read from the table).
ACTIONS = {t.target: RESULT.action(t) for t in RESULT.transitions}
BOARD_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)
RESULT_FIELDS = ["targets", "figures", "achieved"]


def result_url(result) -> str:
    return reverse("emulation:result_detail", args=[result.public_id])


@transaction.atomic
def set_result_state(result: UnitResult, new: str, *, actor, note: str = "",
                     expected: str | None = None) -> UnitResult:
    """Move `result` to `new`. Locks the row; refuses a move not in TRANSITIONS or a stale
    `expected` state. Side effects: `state` (and `return_reason`); audit
    `emulation.result.<step>` with the state old → new and the note as the reason; a
    notification (mailed after commit): a submission to the organiser's board, a decision to
    the officers of the registered unit."""
    locked = state.transition_to(result, RESULT, new, actor, reason=note, expected=expected,
                                 fields={"return_reason": note if new == S.RETURNED else ""})
    _notify(locked, new, actor=actor, note=note)
    return result


def _notify(result, new, *, actor, note):
    if new == S.SUBMITTED:
        recipients = users_with_role_over(result.review.movement.organiser_id, BOARD_ROLES)
        title = _("Movement result submitted: %(result)s")
    else:
        recipients = users_with_role_over(result.registration.unit_id, (Role.UNIT_OFFICER,))
        title = (_("Movement result confirmed: %(result)s") if new == S.CONFIRMED
                 else _("Movement result returned: %(result)s"))
    notify(recipients, verb=f"emulation.result_{new}", actor=actor,
           title=title % {"result": result}, body=note or str(result), url=result_url(result))


def submit_result(result, *, actor) -> UnitResult:
    return set_result_state(result, S.SUBMITTED, actor=actor)


def confirm_result(result, *, actor) -> UnitResult:
    return set_result_state(result, S.CONFIRMED, actor=actor, expected=S.SUBMITTED)


def return_result(result, *, actor, reason: str) -> UnitResult:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the result is returned.")})
    return set_result_state(result, S.RETURNED, actor=actor, note=reason.strip(),
                            expected=S.SUBMITTED)


def _check(review, registration, targets, figures):
    errors = {}
    if registration.movement_id != review.movement_id:
        errors["registration"] = _("%(unit)s's registration is for another movement.") % {
            "unit": registration.unit.name}
    elif registration.state != RegistrationState.APPROVED:
        errors["registration"] = _("%(unit)s's registration is not approved; only approved "
                                   "registrations have results.") % {
            "unit": registration.unit.name}
    if not targets.strip():
        errors["targets"] = _("Name the targets and criteria the movement set.")
    if not figures.strip():
        errors["figures"] = _("Give the figures achieved.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def enter_result(review, registration, *, actor, targets: str, figures: str, achieved: bool,
                 titles: dict[int, bool]) -> UnitResult:
    """Create or correct (while draft or returned) the registered unit's result in `review`,
    with each registered title achieved or not (`titles`: entry id → achieved; entries not
    named are not achieved). Side effect: audit `emulation.result.enter` old → new."""
    _check(review, registration, targets, figures)
    result, created = UnitResult.objects.get_or_create(
        review=review, registration=registration,
        defaults={"targets": targets.strip(), "figures": figures.strip(), "achieved": achieved,
                  "entered_by": actor if getattr(actor, "is_authenticated", False) else None})
    result = state.lock(RESULT, result)
    if result.state not in EDITABLE:
        raise ValidationError(_("The result of %(unit)s is “%(state)s”; it can no longer be "
                                "changed.") % {"unit": registration.unit.name,
                                               "state": S(result.state).label})
    before = ({} if created else snapshot(result, RESULT_FIELDS)
              | {"titles": _titles_label(result)})
    result.targets, result.figures, result.achieved = targets.strip(), figures.strip(), achieved
    result.save()
    for entry in registration.entries.all():
        TitleResult.objects.update_or_create(result=result, entry=entry,
                                             defaults={"achieved": bool(titles.get(entry.pk))})
    after = snapshot(result, RESULT_FIELDS) | {"titles": _titles_label(result)}
    changes = {k: [None, v] for k, v in after.items()} if created else diff(before, after)
    record(actor, "emulation.result.enter", result, unit=registration.unit, changes=changes)
    return result


def _titles_label(result) -> list[str]:
    return [f"{t.entry.subject} → {t.entry.award_type.code}: {'✓' if t.achieved else '✗'}"
            for t in result.titles.select_related("entry__person", "entry__collective",
                                                  "entry__award_type")]


def pending_registrations(movement):
    """Registrations not yet decided (draft, submitted, returned): closing the movement
    leaves them undecided, so the closing page lists them."""
    return (movement.registrations.exclude(state=RegistrationState.APPROVED)
            .select_related("unit").order_by("unit__path", "year"))


def achieved_titles(review):
    """The registered titles achieved in the review's confirmed results: the nominees the
    sum-up proposes."""
    return (TitleResult.objects.filter(result__review=review, achieved=True,
                                       result__state=S.CONFIRMED)
            .select_related("entry__person", "entry__collective", "entry__award_type",
                            "result__registration__unit")
            .order_by("result__registration__unit__path", "entry_id"))


# The proposal is drafted by the proposals app, which sits above emulation: it installs its
# drafter at start-up (`ProposalsConfig.ready`), and a review refuses to propose without it.
_drafter = None


def install_drafter(drafter) -> None:
    """`drafter(actor, review, titles, *, recipient_unit, title)` → the drafted proposal."""
    global _drafter
    _drafter = drafter


@transaction.atomic
def draft_award_proposal(review, *, actor, recipient_unit, title: str = ""):
    """The award proposal the review produces: a draft of the organiser, addressed to
    `recipient_unit`, on the movement's track (thematic movement → thematic track, else
    annual / by movement), linked to the movement, with one nominee per achieved title of the
    confirmed results (Law 06/2022/QH15 Art. 10.2; `proposals.domain.from_movements`). The
    board then completes and submits it through the proposal's own steps.

    Side effects: the proposal and nominees (audited by proposals.domain.proposals and
    proposals.domain.nominees); audit `emulation.result.propose` on the movement with the
    proposal's code."""
    titles = list(achieved_titles(review))
    if not titles:
        raise ValidationError(_("No confirmed result has an achieved title: there is nobody "
                                "to propose yet."))
    if _drafter is None:
        raise ImproperlyConfigured("emulation.results: the proposals app did not install its "
                                   "drafter")
    movement = review.movement
    proposal = _drafter(actor, review, titles, recipient_unit=recipient_unit, title=title)
    record(actor, "emulation.result.propose", movement, unit=movement.organiser,
           changes={"proposal": [None, proposal.code]}, reason=str(review))
    return proposal
