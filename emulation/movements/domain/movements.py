"""Emulation movements (phong trào thi đua): draft, launch, mid-term and final reviews, stop.

Law 06/2022/QH15 Art. 8–10: a movement has goals, participants and a duration; the organiser
launches it, holds a mid-term review (sơ kết) and a final review (tổng kết). A movement that
proves formal or ineffective is stopped with the reason on record (seed 002 §4; Law 06/2022
Art. 6: emulation must be practical, effective, not formalistic). States: draft → launched →
(mid_reviewed)* → closed; draft | launched | mid_reviewed → stopped. The machine is declared
once as data (`MOVEMENT`, core/state.py); one function per change, in a transaction with the
movement locked, audited through the table.
"""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from core.trail import diff, snapshot
from core.uploads import store_private
from emulation.movements.enums import RUNNING_STATES, STOPPABLE_STATES, MovementState, ReviewKind
from emulation.movements.models import Movement, MovementDocument, MovementReview

MOVEMENT_FIELDS = ["name", "kind", "goals", "organiser", "start_date", "end_date", "plan"]
UPLOAD_FOLDER = "emulation/movements"


def next_code(year: int) -> str:
    prefix = f"PT-{year}-"
    last = (Movement.objects.filter(code__startswith=prefix).order_by("-code")
            .values_list("code", flat=True).first())
    return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:04d}"


def _insert_with_code(movement: Movement) -> None:
    """Two movements created at once meet the unique code; the loser takes the next one."""
    for _attempt in range(5):
        movement.code = next_code(movement.start_date.year)
        try:
            with transaction.atomic():
                movement.save()
            return
        except IntegrityError:
            if not Movement.objects.filter(code=movement.code).exists():
                raise
    raise ValidationError(_("Could not number the movement; try again."))


def _check(movement: Movement, participants) -> None:
    errors = {}
    if movement.end_date and movement.start_date and movement.end_date < movement.start_date:
        errors["end_date"] = _("The end date is before the start date.")
    if not participants:
        errors["participants"] = _("Choose at least one participating unit.")
    if movement.plan_id and movement.plan.unit_id != movement.organiser_id:
        errors["plan"] = _("The plan is %(unit)s's; choose a plan of the organiser.") % {
            "unit": movement.plan.unit.name}
    if errors:
        raise ValidationError(errors)
    movement.full_clean(exclude=["code", "organiser", "plan"])


def _participants_label(movement: Movement) -> list[str]:
    return sorted(movement.participants.values_list("code", flat=True))


@transaction.atomic
def create_movement(*, actor, participants, **fields) -> Movement:
    """A draft movement numbered PT-<year>-<n>; `participants` are the chosen roots (each
    takes part with its subtree). Side effect: audit entry `emulation.movement.create`."""
    movement = Movement(**{k: v for k, v in fields.items() if k in MOVEMENT_FIELDS})
    movement.code = "-"
    _check(movement, participants)
    _insert_with_code(movement)
    movement.participants.set(participants)
    record(actor, "emulation.movement.create", movement, unit=movement.organiser,
           changes={k: [None, v] for k, v in snapshot(movement, MOVEMENT_FIELDS).items()}
           | {"participants": [None, _participants_label(movement)]})
    return movement


def _describe(movement: Movement) -> dict:
    # The refusals have always said "PT-2026-0001 is closed": the state in lower case.
    return {"code": movement.code, "state": movement.get_state_display().lower()}


MOVEMENT = state.Machine(
    name="emulation.movement", model=Movement, states=MovementState, audit=record,
    audit_context=lambda movement: {"unit": movement.organiser}, related=("organiser",),
    describe=_describe,
    transitions=(
        state.step("launch", MovementState.DRAFT, MovementState.LAUNCHED, gettext_lazy("Launch"),
                   permission="emulation.launch_movement", refusal=gettext_lazy(
                       "%(code)s is %(state)s; only a draft movement can be launched.")),
        # A long movement may hold several mid-term reviews: the step loops.
        state.step("mid_review", RUNNING_STATES, MovementState.MID_REVIEWED,
                   gettext_lazy("Mid-term review"), permission="emulation.review_movement",
                   refusal=gettext_lazy("%(code)s is %(state)s; only a running movement has a "
                                        "mid-term review.")),
        state.step("close", RUNNING_STATES, MovementState.CLOSED,
                   gettext_lazy("Final review and close"), permission="emulation.review_movement",
                   irreversible=True, refusal=gettext_lazy(
                       "%(code)s is %(state)s; only a running movement can be closed.")),
        state.step("stop", STOPPABLE_STATES, MovementState.STOPPED, gettext_lazy("Stop"),
                   permission="emulation.stop_movement", needs_reason=True, irreversible=True,
                   refusal=gettext_lazy("%(code)s is already %(state)s.")),
    ))


def _refuse_edit(movement: Movement, message: str) -> None:
    """Correcting and attaching are edits, not steps of the machine: allowed while the
    movement may still be stopped (`STOPPABLE_STATES`)."""
    if movement.state not in STOPPABLE_STATES:
        raise ValidationError(message % _describe(movement))


@transaction.atomic
def update_movement(movement: Movement, *, actor, participants=None, **fields) -> Movement:
    """Correct a draft or running movement (its name, goals, dates, participants); the
    organiser does not change. Side effect: audit entry `emulation.movement.update`."""
    movement = state.lock(MOVEMENT, movement)
    _refuse_edit(movement, _("%(code)s is %(state)s; it can no longer be changed."))
    before = snapshot(movement, MOVEMENT_FIELDS) | {"participants": _participants_label(movement)}
    for name, value in fields.items():
        if name in MOVEMENT_FIELDS and name != "organiser":
            setattr(movement, name, value)
    _check(movement, participants if participants is not None else before["participants"])
    movement.save()
    if participants is not None:
        movement.participants.set(participants)
    changes = diff(before, snapshot(movement, MOVEMENT_FIELDS)
                   | {"participants": _participants_label(movement)})
    if changes:
        record(actor, "emulation.movement.update", movement, unit=movement.organiser,
               changes=changes)
    return movement


@transaction.atomic
def launch_movement(movement: Movement, *, actor) -> Movement:
    """draft → launched (phát động): units may register. Side effect: audit entry
    `emulation.movement.launch`."""
    return state.transition(movement, MOVEMENT, "launch", actor)


def _add_review(movement, kind, *, actor, date, report, uploaded=None) -> MovementReview:
    errors = {}
    if not report.strip():
        errors["report"] = _("Write the review's report.")
    if date > timezone.localdate():
        errors["date"] = _("The review date is in the future.")
    elif date < movement.start_date:
        errors["date"] = _("The review date is before the movement started.")
    if errors:
        raise ValidationError(errors)
    review = MovementReview(movement=movement, kind=kind, date=date, report=report.strip(),
                            actor=actor if getattr(actor, "is_authenticated", False) else None)
    if uploaded is not None:
        review.path = store_private(uploaded, UPLOAD_FOLDER)
        review.original_name = uploaded.name[:255]
        review.file_kind = uploaded.kind
    review.save()
    return review


def _review(movement, step: str, kind, *, actor, date, report, uploaded) -> Movement:
    # The state is checked before the review is validated and stored, as it always was.
    movement = state.lock(MOVEMENT, movement)
    state.check(MOVEMENT, movement, step)
    _add_review(movement, kind, actor=actor, date=date, report=report, uploaded=uploaded)
    return state.transition(movement, MOVEMENT, step, actor, locked=True)


@transaction.atomic
def record_mid_review(movement: Movement, *, actor, date, report, uploaded=None) -> Movement:
    """launched | mid_reviewed → mid_reviewed: a sơ kết (there may be several in a long
    movement). Side effects: MovementReview row (with the report file stored privately);
    audit entry `emulation.movement.mid_review`."""
    return _review(movement, "mid_review", ReviewKind.MID_TERM, actor=actor, date=date,
                   report=report, uploaded=uploaded)


@transaction.atomic
def close_movement(movement: Movement, *, actor, date, report, uploaded=None) -> Movement:
    """launched | mid_reviewed → closed with the tổng kết. Side effects: MovementReview row;
    audit entry `emulation.movement.close`. Registrations stay as they are (the record)."""
    return _review(movement, "close", ReviewKind.FINAL, actor=actor, date=date, report=report,
                   uploaded=uploaded)


@transaction.atomic
def stop_movement(movement: Movement, *, actor, reason: str) -> Movement:
    """draft | launched | mid_reviewed → stopped, as ineffective or formal (seed 002 §4); the
    reason is kept. Side effect: audit entry `emulation.movement.stop`."""
    if not reason.strip():  # before the state, as it always was (the table checks it after)
        raise ValidationError({"reason": _("Give a reason.")})
    return state.transition(movement, MOVEMENT, "stop", actor, reason=reason.strip(),
                            fields={"stop_reason": reason.strip()})


@transaction.atomic
def attach_document(movement: Movement, *, actor, title: str, uploaded) -> MovementDocument:
    """Attach a directive document (sniffed, stored privately). Side effect: audit entry
    `emulation.movement.attach`."""
    movement = state.lock(MOVEMENT, movement)
    _refuse_edit(movement, _("%(code)s is %(state)s; documents can no longer be attached."))
    document = MovementDocument.objects.create(
        movement=movement, title=title.strip() or uploaded.name[:300],
        path=store_private(uploaded, UPLOAD_FOLDER), original_name=uploaded.name[:255],
        file_kind=uploaded.kind,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None)
    record(actor, "emulation.movement.attach", movement, unit=movement.organiser,
           changes={"document": [None, document.title]})
    return document
