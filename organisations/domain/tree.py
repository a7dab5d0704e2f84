"""The organisation tree: creating units and reorganising them (merge, rename, move, dissolve).

Every structural change ends with `rebuild_tree_index`, which recomputes `Unit.path`/`depth`
and the `UnitClosure` coverage table. Tree changes are rare administrative acts (a province has a
few thousand units), so a full rebuild is simpler and safer than incremental bookkeeping.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.domain.scope import UNIT_TREE
from core.caching import bump_version
from core.trail import diff, record, snapshot
from organisations.enums import CollectiveKind, ReorganisationKind
from organisations.models import (
    Collective,
    Employment,
    EmulationStaff,
    Household,
    Person,
    ReorganisationEvent,
    ReorganisationLink,
    Unit,
    UnitClosure,
)
from organisations.models.province_key import province_of_units

UNIT_FIELDS = ["code", "name", "short_name", "level", "kind", "parent", "valid_from", "valid_to",
               "address", "note"]
ONE_DAY = datetime.timedelta(days=1)


# ---------------------------------------------------------------- derived index

def _coverage(children: dict, predecessors: dict) -> dict[int, set[int]]:
    """unit id → ids it covers: itself, its subtree and its predecessors' coverage."""
    covered: dict[int, set[int]] = {}

    def visit(uid: int, stack: frozenset) -> set[int]:
        if uid in covered:
            return covered[uid]
        result = {uid}
        for nxt in (*children[uid], *predecessors[uid]):
            if nxt not in stack:  # a malformed cycle must not recurse forever
                result |= visit(nxt, stack | {uid})
        covered[uid] = result
        return result

    for uid in list(children):
        visit(uid, frozenset())
    return covered


def rebuild_tree_index() -> None:
    """Recompute path, depth, province and the closure table from parents and reorganisation
    links. A unit whose province changes carries its people's, award records' and ratings'
    province key with it (database triggers, organisations.models.province_key), in this
    transaction."""
    rows = list(Unit.objects.values_list("id", "parent_id", "path", "depth", "province_id"))
    children: dict[int, list[int]] = defaultdict(list)
    for uid, parent_id, *_derived in rows:
        children[uid]  # every unit gets a key, leaves included
        if parent_id:
            children[parent_id].append(uid)
    predecessors: dict[int, list[int]] = defaultdict(list)
    successor: dict[int, int] = {}
    for pred, succ in ReorganisationLink.objects.filter(successor__isnull=False).values_list(
        "predecessor_id", "successor_id"
    ).order_by("successor_id"):
        if pred != succ:
            predecessors[succ].append(pred)
            successor.setdefault(pred, succ)

    paths: dict[int, tuple[str, int]] = {}

    def place(uid: int, prefix: str, depth: int) -> None:
        paths[uid] = (f"{prefix}{uid:08d}/", depth)
        for child in children[uid]:
            if child not in paths:
                place(child, paths[uid][0], depth + 1)

    for uid, parent_id, *_derived in rows:
        if parent_id is None:
            place(uid, "", 0)
    province = province_of_units({uid: parent_id for uid, parent_id, *_d in rows}, successor)
    derived = {uid: (*paths[uid], province[uid]) for uid in paths}
    changed = [Unit(id=uid, path=derived[uid][0], depth=derived[uid][1],
                    province_id=derived[uid][2])
               for uid, _parent, *was in rows if derived.get(uid, tuple(was)) != tuple(was)]
    Unit.objects.bulk_update(changed, ["path", "depth", "province"], batch_size=1000)

    UnitClosure.objects.all().delete()
    UnitClosure.objects.bulk_create(
        (UnitClosure(ancestor_id=a, descendant_id=d)
         for a, covered in _coverage(children, predecessors).items() for d in covered),
        batch_size=2000,
    )
    # Every user's cached scope (accounts.domain.scope) was read from the old closure rows.
    bump_version(UNIT_TREE)


# ---------------------------------------------------------------- lineage

def predecessors_of(unit: Unit) -> list[tuple[Unit, ReorganisationEvent]]:
    """Units `unit` was made from, recursively, with the event that made it: generation by
    generation, each in the order the events were recorded, then by code (a stable order on
    every database)."""
    found, frontier, seen = [], [unit.id], {unit.id}
    while frontier:
        links = (ReorganisationLink.objects.filter(successor_id__in=frontier)
                 .exclude(predecessor_id__in=seen).select_related("predecessor", "event")
                 .order_by("event__effective_date", "event_id", "predecessor__code"))
        frontier = []
        for link in links:
            found.append((link.predecessor, link.event))
            seen.add(link.predecessor_id)
            frontier.append(link.predecessor_id)
    return found


def successors_of(unit: Unit) -> list[tuple[Unit, ReorganisationEvent]]:
    """Units that `unit` became (directly), with the event."""
    links = (ReorganisationLink.objects.filter(predecessor=unit, successor__isnull=False)
             .exclude(successor=unit).select_related("successor", "event")
             .order_by("event__effective_date", "event_id"))
    return [(link.successor, link.event) for link in links]


def events_of(unit: Unit):
    """Every reorganisation event that touched `unit`, newest first."""
    return (ReorganisationEvent.objects.filter(links__predecessor=unit)
            .union(ReorganisationEvent.objects.filter(links__successor=unit))
            .order_by("-effective_date"))


# ---------------------------------------------------------------- create / edit

def _check_parent(parent: Unit | None, on: datetime.date | None) -> None:
    if parent is not None and parent.valid_to is not None and (on is None or on > parent.valid_to):
        raise ValidationError({"parent": _("The parent unit “%(name)s” no longer exists "
                                           "(ended %(date)s).") % {
            "name": parent.name, "date": parent.valid_to.strftime("%d/%m/%Y")}})


@transaction.atomic
def create_unit(actor, *, rebuild: bool = True, **fields) -> Unit:
    """Create a unit. Side effects: tree index rebuilt (unless `rebuild=False` for bulk loads,
    whose caller rebuilds once), audit entry `organisations.unit.create`."""
    _check_parent(fields.get("parent"), fields.get("valid_from"))
    unit = Unit(**fields)
    unit.full_clean()
    unit.save()
    if rebuild:
        rebuild_tree_index()
        unit.refresh_from_db(fields=["path", "depth"])
    record(actor, "organisations.unit.create", unit, unit=unit,
           changes={k: [None, v] for k, v in snapshot(unit, UNIT_FIELDS).items()})
    return unit


@transaction.atomic
def update_unit(actor, unit: Unit, **fields) -> Unit:
    """Correct a unit's descriptive data. Structure (parent, end) changes go through the
    reorganisation functions so they leave an event. Side effect: audit entry with old → new."""
    if {"parent", "valid_to", "parent_id"} & fields.keys():
        raise ValidationError(_("Use a reorganisation event to move or end a unit."))
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    changes = diff(before, snapshot(unit, UNIT_FIELDS))
    if changes:
        record(actor, "organisations.unit.update", unit, unit=unit, changes=changes)
    return unit


# ---------------------------------------------------------------- reorganisation

def _new_event(actor, kind, effective_date, *, decision_number="", decision_date=None,
               issuer="", note="", details=None) -> ReorganisationEvent:
    return ReorganisationEvent.objects.create(
        kind=kind, effective_date=effective_date, decision_number=decision_number,
        decision_date=decision_date, issuer=issuer, note=note, details=details or {},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _lock_active(units, effective_date: datetime.date, *, receiving: bool = False) -> list[Unit]:
    """Lock `units` and check they exist on `effective_date`. A unit that ends must have begun
    before that day; a receiving unit (merge target, successor) may begin on the day itself."""
    locked = list(Unit.objects.select_for_update().filter(pk__in=[u.pk for u in units]))
    for unit in locked:
        if unit.valid_to is not None:
            raise ValidationError(_("“%(name)s” already ended on %(date)s.") % {
                "name": unit.name, "date": unit.valid_to.strftime("%d/%m/%Y")})
        too_early = (effective_date < unit.valid_from if receiving
                     else effective_date <= unit.valid_from) if unit.valid_from else False
        if too_early:
            raise ValidationError(_("The effective date must be after “%(name)s” began "
                                    "(%(date)s).") % {
                "name": unit.name, "date": unit.valid_from.strftime("%d/%m/%Y")})
    return locked


def _hand_over(sources: list[Unit], target: Unit | None, effective_date: datetime.date) -> dict:
    """Move what lives in `sources` to `target` from `effective_date`; return counts.

    People get a closing and a new employment (their history keeps the old unit); active child
    units, sub-collectives and households are re-pointed; emulation staff get a new period.
    With no target (plain dissolution) open employments and staff periods simply end.
    """
    ids = [u.pk for u in sources]
    last_day = effective_date - ONE_DAY
    open_jobs = list(Employment.objects.filter(unit_id__in=ids, end_date__isnull=True))
    Employment.objects.filter(pk__in=[j.pk for j in open_jobs]).update(end_date=last_day)
    staff = list(EmulationStaff.objects.filter(unit_id__in=ids, end_date__isnull=True))
    EmulationStaff.objects.filter(pk__in=[s.pk for s in staff]).update(end_date=last_day)
    Collective.objects.filter(unit_id__in=ids, kind=CollectiveKind.WHOLE_UNIT,
                              valid_to__isnull=True).update(valid_to=last_day)
    counts = {"people": len(open_jobs), "staff": len(staff)}
    if target is None:
        return counts
    Employment.objects.bulk_create(
        [Employment(person_id=j.person_id, unit=target, position=j.position, title=j.title,
                    is_leader=j.is_leader, is_direct_worker=j.is_direct_worker,
                    start_date=effective_date, note=_("Transferred by reorganisation"))
         for j in open_jobs], batch_size=2000)
    Person.objects.filter(pk__in=[j.person_id for j in open_jobs]).update(unit=target)
    EmulationStaff.objects.bulk_create(
        [EmulationStaff(person_id=s.person_id, unit=target, mode=s.mode, duty=s.duty,
                        start_date=effective_date) for s in staff])
    counts["children"] = Unit.objects.filter(parent_id__in=ids, valid_to__isnull=True).update(
        parent=target)
    counts["collectives"] = Collective.objects.filter(
        unit_id__in=ids, kind=CollectiveKind.SUB_COLLECTIVE, valid_to__isnull=True
    ).update(unit=target)
    counts["households"] = Household.objects.filter(unit_id__in=ids).update(unit=target)
    # Residents without an employment (household heads) move with their commune.
    Person.objects.filter(unit_id__in=ids).exclude(employments__end_date__isnull=True).update(
        unit=target)
    return counts


@transaction.atomic
def merge_units(actor, sources: list[Unit], *, effective_date: datetime.date,
                into: Unit | None = None, new_unit: dict | None = None, **act) -> Unit:
    """Merge `sources` into `into` (an existing unit) or into a new unit built from `new_unit`.

    Side effects: sources end the day before `effective_date`; their people, staff, active
    children, sub-collectives and households pass to the target (history kept); a MERGE event with
    one link per source; tree index rebuilt; audit entries `organisations.unit.merge`.
    `act` carries decision_number, decision_date, issuer, note.
    """
    if (into is None) == (new_unit is None):
        raise ValidationError(_("Choose either an existing unit or a new unit to merge into."))
    if len(sources) < (1 if into else 2):
        raise ValidationError(_("A merger needs at least two units."))
    locked = _lock_active(sources, effective_date)
    if into is not None and into.pk in {u.pk for u in locked}:
        raise ValidationError(_("A unit cannot be merged into itself."))
    if into is None:
        target = create_unit(actor, rebuild=False, valid_from=effective_date, **new_unit)
    else:
        target = _lock_active([into], effective_date, receiving=True)[0]
    Unit.objects.filter(pk__in=[u.pk for u in locked]).update(valid_to=effective_date - ONE_DAY)
    counts = _hand_over(locked, target, effective_date)
    event = _new_event(actor, ReorganisationKind.MERGE, effective_date, **act,
                       details={"into": target.code, "from": [u.code for u in locked], **counts})
    ReorganisationLink.objects.bulk_create(
        [ReorganisationLink(event=event, predecessor=u, successor=target) for u in locked])
    rebuild_tree_index()
    for unit in locked:
        record(actor, "organisations.unit.merge", unit, unit=target,
               changes={"valid_to": [None, (effective_date - ONE_DAY).isoformat()],
                        "successor": [None, target.code]}, reason=act.get("note", ""))
    target.refresh_from_db()
    return target


@transaction.atomic
def rename_unit(actor, unit: Unit, *, name: str, short_name: str = "",
                effective_date: datetime.date, **act) -> Unit:
    """Rename `unit` (same body, new name). Side effects: RENAME event keeping the old name,
    audit entry `organisations.unit.rename`."""
    unit = _lock_active([unit], effective_date)[0]
    old = {"name": unit.name, "short_name": unit.short_name}
    unit.name, unit.short_name = name, short_name
    unit.full_clean()
    unit.save(update_fields=["name", "short_name"])
    event = _new_event(actor, ReorganisationKind.RENAME, effective_date, **act,
                       details={"old_name": old["name"], "new_name": name})
    ReorganisationLink.objects.create(event=event, predecessor=unit, successor=unit)
    record(actor, "organisations.unit.rename", unit, unit=unit,
           changes={"name": [old["name"], name], "short_name": [old["short_name"], short_name]})
    return unit


@transaction.atomic
def move_unit(actor, unit: Unit, *, new_parent: Unit | None, effective_date: datetime.date,
              **act) -> Unit:
    """Re-attach `unit` under `new_parent`. Refuses a move under its own subtree. Side effects:
    MOVE event, tree index rebuilt, audit entry `organisations.unit.move`."""
    unit = _lock_active([unit], effective_date)[0]
    _check_parent(new_parent, effective_date)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise ValidationError({"new_parent": _("A unit cannot be moved under itself or one of "
                                               "its own sub-units.")})
    old_parent = unit.parent
    unit.parent = new_parent
    unit.save(update_fields=["parent"])
    event = _new_event(actor, ReorganisationKind.MOVE, effective_date, **act, details={
        "old_parent": old_parent.code if old_parent else None,
        "new_parent": new_parent.code if new_parent else None})
    ReorganisationLink.objects.create(event=event, predecessor=unit, successor=unit)
    rebuild_tree_index()
    record(actor, "organisations.unit.move", unit, unit=unit,
           changes={"parent": [str(old_parent or ""), str(new_parent or "")]})
    unit.refresh_from_db()
    return unit


@transaction.atomic
def dissolve_unit(actor, unit: Unit, *, effective_date: datetime.date,
                  successor: Unit | None = None, **act) -> Unit:
    """End `unit`. With a successor, its people, children and subjects pass to it (as in a
    merger); without one, it must have no active sub-units and open employments simply end.
    Side effects: DISSOLVE event, tree index rebuilt, audit entry `organisations.unit.dissolve`."""
    unit = _lock_active([unit], effective_date)[0]
    if successor is None and unit.children.filter(valid_to__isnull=True).exists():
        raise ValidationError(_("“%(name)s” still has active sub-units: move them or name a "
                                "successor first.") % {"name": unit.name})
    if successor is not None:
        successor = _lock_active([successor], effective_date, receiving=True)[0]
    unit.valid_to = effective_date - ONE_DAY
    unit.save(update_fields=["valid_to"])
    counts = _hand_over([unit], successor, effective_date)
    event = _new_event(actor, ReorganisationKind.DISSOLVE, effective_date, **act,
                       details={"successor": successor.code if successor else None, **counts})
    ReorganisationLink.objects.create(event=event, predecessor=unit, successor=successor)
    rebuild_tree_index()
    record(actor, "organisations.unit.dissolve", unit, unit=successor or unit,
           changes={"valid_to": [None, unit.valid_to.isoformat()]}, reason=act.get("note", ""))
    return unit
