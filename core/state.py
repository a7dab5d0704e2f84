"""One way to change state (issue 15.2, STYLE rule 4).

Each state machine is declared once, as data: a `Machine` with its `Transition`s (name,
from-states, to-state, the `rules` permission that guards it, a label, whether it is
irreversible or needs a reason). `transition()` is the only code that assigns a machine's state
field: it locks the row (`select_for_update`) or moves it with a conditional UPDATE … WHERE
state IN from-states, checks the table, saves, writes the audit row with old → new and queues
the notices on commit. The `rules` state predicates and each page's list of actions are read
from the same table (`state_predicate`, `available_actions`), as wagtail's workflow tasks
derive their actions (`Task.get_actions`).

`core` imports no app: the audit recorder and the notifier are callables the machine is
declared with (`Machine.audit`, `Machine.notify`), supplied by the app that owns the model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class StateError(ValidationError):
    """The object is not in a state the asked transition starts from."""


class StaleState(StateError):
    """Someone else moved the object first (the state differs from what the caller saw)."""


@dataclasses.dataclass(frozen=True)
class Transition:
    """One step of a machine. `action` is the audit code (default `<machine>.<name>`);
    `refusal` the message when the object is elsewhere (placeholders `%(state)s`, the current
    state's label, `%(state_lower)s`, `%(old)s` and `%(new)s`); `permission` the `rules`
    permission that guards the step on the pages and the API."""

    name: str
    sources: frozenset[str]
    target: str
    label: Any = ""
    permission: str = ""
    needs_reason: bool = False
    irreversible: bool = False
    action: str = ""
    refusal: Any = ""


def step(name: str, sources: Iterable[str] | str, target: str, label: Any = "", **options
         ) -> Transition:
    """A `Transition` with `sources` given as one state or any iterable of states."""
    sources = frozenset([sources] if isinstance(sources, str) else sources)
    return Transition(name, sources, target, label, **options)


def _no_audit(*args, **kwargs) -> None:
    return None


# Every machine declared, by name: what the docs' diagrams and the audit-code scan read.
MACHINES: dict[str, Machine] = {}


@dataclasses.dataclass(frozen=True)
class Machine:
    """A state machine declared as data.

    - `name`: the audit prefix (`reports.request`); `field`: the state column.
    - `lock`: "row" (select_for_update, then save) or "update" (one conditional UPDATE that
      must touch exactly one row: a retried task moves once; healthchecks' `sendalerts`).
    - `stamp`: a datetime column set to now on every change (`state_changed_at`).
    - `related`: joined when the row is locked (what the audit and notices read).
    - `audit(actor, action, obj, *, changes, reason, **audit_context(obj))`: the recorder.
    - `history(obj, old, new, actor, reason)`: writes a history row in the same transaction
      (healthchecks' `Flip`), for machines that keep one besides the audit.
    - `notify(obj, old, new, actor, reason)`: queued with `transaction.on_commit`.
    - `refusal`/`stale`: the default messages (placeholders as in `Transition`, plus whatever
      `describe(obj)` returns, e.g. `%(unit)s`).
    - `error`/`stale_error`: the exception classes raised, so each app keeps its own."""

    name: str
    model: type[models.Model]
    states: type[models.TextChoices]
    transitions: tuple[Transition, ...]
    field: str = "state"
    lock: str = "row"
    stamp: str = ""
    audit: Callable = _no_audit
    audit_context: Callable[[Any], dict] = lambda obj: {}
    history: Callable | None = None
    related: tuple[str, ...] = ()
    describe: Callable[[Any], dict] = lambda obj: {}
    notify: Callable | None = None
    refusal: Any = gettext_lazy("This cannot be done while the record is “%(state)s”.")
    stale: Any = gettext_lazy("Someone else has already moved this record to “%(state)s”.")
    error: type[ValidationError] = StateError
    stale_error: type[ValidationError] = StaleState

    def __post_init__(self):
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: duplicate transition names")
        known = set(self.states.values)
        for t in self.transitions:
            if not (t.sources | {t.target}) <= known:
                raise ValueError(f"{self.name}.{t.name}: unknown state")
        MACHINES[self.name] = self

    @property
    def audited(self) -> bool:
        return self.audit is not _no_audit

    def action(self, t: Transition) -> str:
        """The audit code the step writes."""
        return t.action or f"{self.name}.{t.name}"

    def __getitem__(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise KeyError(f"{self.name} has no transition {name!r}")

    def graph(self) -> dict[str, frozenset[str]]:
        """state → the states it may move to: the classic table, derived."""
        out = {s: set() for s in self.states.values}
        for t in self.transitions:
            for s in t.sources:
                out[s].add(t.target)
        return {s: frozenset(targets) for s, targets in out.items()}

    def between(self, old: str, new: str) -> Transition | None:
        """The transition that moves `old` to `new`, or None."""
        return next((t for t in self.transitions if old in t.sources and t.target == new), None)

    def reason_required(self) -> frozenset[str]:
        """The target states whose every step needs a reason."""
        return frozenset(t.target for t in self.transitions if t.needs_reason)


def _labels(machine: Machine, obj, old: str, new: str) -> dict:
    def label(value):
        try:
            return machine.states(value).label
        except ValueError:
            return value
    return {"state": label(old), "state_lower": str(label(old)).lower(), "old": label(old),
            "new": label(new)} | machine.describe(obj)


def _refuse(machine: Machine, obj, t: Transition | None, old: str, new: str):
    message = t.refusal if t is not None and t.refusal else machine.refusal
    return machine.error(message % _labels(machine, obj, old, new))


def _check(machine: Machine, obj, t: Transition | None, old: str, new: str, expected,
           reason: str) -> Transition:
    if expected is not None and old != expected:
        raise machine.stale_error(machine.stale % _labels(machine, obj, old, new))
    if t is None or old not in t.sources:
        raise _refuse(machine, obj, t, old, new)
    if t.needs_reason and not (reason or "").strip():
        # Checked after the table so that a wrong state is reported first.
        raise ValidationError({"reason": _("Give a reason.")})
    return t


def _updated_fields(machine: Machine, t: Transition, fields: dict, now) -> dict:
    values = {machine.field: t.target} | dict(fields)
    if machine.stamp:
        values[machine.stamp] = now
    return values


def _touch(model, values: dict, now) -> dict:
    # Conditional UPDATEs bypass auto_now, so the modification time is written by hand.
    names = {f.name for f in model._meta.concrete_fields}
    if "updated_at" in names and "updated_at" not in values:
        return values | {"updated_at": now}
    return values


def _move_conditionally(machine, obj, t, *, reason, expected, fields, now):
    """One UPDATE … WHERE state IN sources (or = `expected`, the state the caller saw) that
    must touch exactly one row: a retried task moves once, of two racing clicks one wins."""
    if expected is not None and expected not in t.sources:
        raise _refuse(machine, obj, t, expected, t.target)
    if t.needs_reason and not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason.")})
    sources = {expected} if expected is not None else t.sources
    values = _touch(machine.model, _updated_fields(machine, t, fields, now), now)
    rows = machine.model.objects.filter(
        pk=obj.pk, **{f"{machine.field}__in": sources}).update(**values)
    # The state the caller expected to leave, for "no longer “queued”".
    believed = next(iter(sources)) if len(sources) == 1 else getattr(obj, machine.field)
    if rows != 1:
        message = t.refusal or machine.stale
        raise machine.stale_error(message % _labels(machine, obj, believed, t.target))
    for name, value in values.items():
        setattr(obj, name, value)
    return obj, believed, t


def _move(machine, obj, pick, actor, *, reason, expected, fields, locked):
    """Lock (or conditionally update) one row and apply the transition `pick(old)` chose.
    Returns (the row as saved, old state, transition)."""
    now = timezone.now()
    if machine.lock == "update":
        return _move_conditionally(machine, obj, pick(getattr(obj, machine.field)), reason=reason,
                                   expected=expected, fields=fields, now=now)
    row = obj if locked else lock(machine, obj)
    old = getattr(row, machine.field)
    chosen = pick(old)
    t = _check(machine, row, chosen, old, getattr(chosen, "target", old), expected, reason)
    values = _updated_fields(machine, t, fields, now)
    for name, value in values.items():
        setattr(row, name, value)
    update = list(values)
    if "updated_at" in {f.name for f in machine.model._meta.concrete_fields}:
        update.append("updated_at")
    row.save(update_fields=update)
    if row is not obj:
        # The caller's copy follows the saved row (by column: `decided_by_id`, not the FK).
        for name in update:
            attname = machine.model._meta.get_field(name).attname
            obj.__dict__[attname] = getattr(row, attname)
    return row, old, t


def _run(machine, obj, pick, actor, *, reason, changes, notify, expected, fields, locked):
    row, old, t = _move(machine, obj, pick, actor, reason=reason, expected=expected,
                        fields=fields or {}, locked=locked)
    if machine.history:
        machine.history(row, old, t.target, actor, reason)
    machine.audit(actor, machine.action(t), row,
                  changes={machine.field: [old, t.target]} | (changes or {}),
                  reason=reason, **machine.audit_context(row))
    queued = machine.notify if notify is None else notify
    if queued:
        new = t.target
        transaction.on_commit(lambda: queued(row, old, new, actor, reason))
    return row


def transition(obj, machine: Machine, name: str, actor, *, reason: str = "",
               changes: dict | None = None, notify: Callable | bool | None = None,
               expected: str | None = None, fields: dict | None = None,
               locked: bool = False):
    """Apply `machine[name]` to `obj` (a row, or a queryset: each row in it that the step
    applies to). Must run inside the caller's transaction.

    Side effects: the state field, `machine.stamp` and any `fields` saved; audit entry
    (`Transition.action`, default `<machine>.<name>`) with the state old → new plus `changes`
    and the reason; `notify` (default `machine.notify`; False for none) queued on commit.
    Refuses (`machine.error`) a state the step does not start from, (`machine.stale_error`) a
    state other than `expected` or a row another writer moved first, and a missing reason
    where the step needs one. `locked=True`: the caller already holds the row lock and `obj`
    is that row. Returns the row as saved; for a queryset, the list of rows moved, or their
    number when the machine writes nothing per row (one conditional UPDATE)."""
    t = machine[name]
    if isinstance(obj, models.QuerySet):
        moving = obj.filter(**{f"{machine.field}__in": t.sources})
        if machine.audit is _no_audit and not machine.history and not (notify or machine.notify):
            # Nothing per row to write: one conditional UPDATE, as the bulk steps always were.
            if t.needs_reason and not (reason or "").strip():
                raise ValidationError({"reason": _("Give a reason.")})
            now = timezone.now()
            return moving.update(**_touch(machine.model, _updated_fields(
                machine, t, fields or {}, now), now))
        return [transition(row, machine, name, actor, reason=reason, changes=changes,
                           notify=notify, fields=fields, locked=True)
                for row in moving.select_for_update(of=("self",))]
    return _run(machine, obj, lambda old: t, actor, reason=reason, changes=changes,
                notify=notify, expected=expected, fields=fields, locked=locked)


def lock(machine: Machine, obj, *related: str):
    """The row of `obj`, locked for the rest of the transaction (with `related` joined), for
    steps that check more than the state before they move it (`transition(..., locked=True)`)."""
    query = machine.model.objects.select_for_update(of=("self",))
    related = related or machine.related
    return (query.select_related(*related) if related else query).get(pk=obj.pk)


def check(machine: Machine, obj, name: str) -> Transition:
    """Refuse (`machine.error`, the step's message) unless `obj` is in a state `machine[name]`
    starts from; for steps that must refuse before doing their other work."""
    t = machine[name]
    state = getattr(obj, machine.field)
    if state not in t.sources:
        raise _refuse(machine, obj, t, state, t.target)
    return t


def check_to(machine: Machine, obj, new: str) -> Transition:
    """As `check`, for callers that name the target state: the step from `obj`'s state to
    `new`, or the machine's refusal."""
    old = getattr(obj, machine.field)
    t = machine.between(old, new)
    if t is None:
        raise _refuse(machine, obj, None, old, new)
    return t


def transition_to(obj, machine: Machine, new: str, actor, **options):
    """Move `obj` to the state `new` by whichever step of the table leads there from the
    state the locked row is in (for callers that name the target, not the step)."""
    refused = Transition("", frozenset(), new)

    def pick(old):
        return machine.between(old, new) or refused
    return _run(machine, obj, pick, actor, reason=options.pop("reason", ""),
                changes=options.pop("changes", None), notify=options.pop("notify", None),
                expected=options.pop("expected", None), fields=options.pop("fields", None),
                locked=options.pop("locked", False))


def can_move(machine: Machine, obj, name: str) -> bool:
    """True when `obj`'s state is one `machine[name]` starts from."""
    return getattr(obj, machine.field) in machine[name].sources


def state_predicate(machine: Machine, *names: str, of: Callable = lambda obj: obj):
    """A `rules` predicate: the object (`of(obj)`, e.g. a nominee's proposal) is in a state
    from which any of the named steps starts. True without an object (list pages)."""
    sources = frozenset().union(*(machine[n].sources for n in names))
    label = f"{machine.name}_can_{'_or_'.join(names)}"
    return rules.predicate(
        lambda user, obj=None: obj is None or getattr(of(obj), machine.field) in sources,
        name=label)


def available_actions(machine: Machine, obj, user) -> list[Transition]:
    """The steps `user` may take on `obj` now: its state is a source and the step's
    permission holds (wagtail's `Task.get_actions`). Steps without a permission are internal
    (taken by the system) and never offered."""
    state = getattr(obj, machine.field)
    return [t for t in machine.transitions
            if state in t.sources and t.permission and user.has_perm(t.permission, obj)]


def mermaid(machine: Machine) -> str:
    """The machine as a Mermaid `stateDiagram-v2`, generated from its table."""
    lines = ["stateDiagram-v2"]
    for t in machine.transitions:
        for source in sorted(t.sources):
            lines.append(f"    {source} --> {t.target}: {t.name}")
    finals = sorted(s for s, targets in machine.graph().items() if not targets)
    lines += [f"    {s} --> [*]" for s in finals]
    return "\n".join(lines)
