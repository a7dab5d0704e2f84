"""`full_clean` for rows whose related rows the caller already holds.

Django's `ForeignKey.validate` checks that the related row exists with one query per foreign
key, and `validate_unique` one more per unique field. A domain function that builds a row from
instances it read in the user's scope (the proposing unit, the award type, the person) pays
those queries on every write for nothing: `clean_given` keeps every check that needs no query
(required, null, blank, choices, lengths, validators) and skips only the existence lookups of
the foreign keys named and the uniqueness of the fields named (a fresh random UUID)."""

from django.core.exceptions import ValidationError
from django.db import models


def clean_given(instance: models.Model, *, related: tuple[str, ...],
                fresh: tuple[str, ...] = ()) -> None:
    """`instance.full_clean()` without the existence queries of the `related` foreign keys
    (their null/blank rules still apply) nor the uniqueness of the `fresh` fields."""
    errors: dict[str, list] = {}
    try:
        instance.full_clean(exclude=(*related, *fresh))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for name in related:
        field = instance._meta.get_field(name)
        try:
            # Field.validate, not ForeignKey.validate: the null/blank rules without the query.
            models.Field.validate(field, getattr(instance, field.attname), instance)
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)
