"""Collective and household award subjects."""

from django.db import transaction

from core.trail import diff, record, snapshot
from organisations.models import Collective, Household

COLLECTIVE_FIELDS = ["name", "kind", "unit", "member_count", "valid_from", "valid_to"]
HOUSEHOLD_FIELDS = ["head", "unit", "address", "member_count"]


def _save(actor, obj, fields: list[str], action: str, changes: dict) -> None:
    obj.full_clean()
    obj.save()
    if changes:
        record(actor, action, obj, unit=obj.unit, changes=changes)


@transaction.atomic
def save_collective(actor, collective: Collective | None, **fields) -> Collective:
    """Create (collective=None) or correct a collective. Side effect: audit entry
    `organisations.collective.create|update`."""
    return _save_subject(actor, Collective, collective, COLLECTIVE_FIELDS, "collective", fields)


@transaction.atomic
def save_household(actor, household: Household | None, **fields) -> Household:
    """Create (household=None) or correct a household. Side effect: audit entry
    `organisations.household.create|update`."""
    return _save_subject(actor, Household, household, HOUSEHOLD_FIELDS, "household", fields)


def _save_subject(actor, model, obj, field_names, noun, fields):
    if obj is None:
        obj = model(**fields)
        _save(actor, obj, field_names, f"organisations.{noun}.create",
              {k: [None, v] for k, v in snapshot(model(**fields), field_names).items()})
        return obj
    obj = model.objects.select_for_update().get(pk=obj.pk)
    before = snapshot(obj, field_names)
    for name, value in fields.items():
        setattr(obj, name, value)
    _save(actor, obj, field_names, f"organisations.{noun}.update",
          diff(before, snapshot(obj, field_names)))
    return obj
