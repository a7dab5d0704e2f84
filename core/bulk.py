"""INSERT many new rows at the database's own speed (imports of hundreds of thousands of rows).

Django's `bulk_create` sends every value of every row through the SQL compiler (≈20–50 µs a
row for a 20-column model, where SQLite stores the row in a few µs) and, on SQLite, cuts the
rows into statements of 999 parameters (≈50 rows each). `insert_objects` converts each value
once, by a converter chosen per field, and sends the rows with `executemany` of one prepared
INSERT. It returns no ids: for callers that do not need them (a history import). Models with
`save()` logic are not its business: the caller sets what `save()` would (e.g. `search_text`).
"""

import datetime

from django.db import connections, router
from django.db.models.base import ModelState

_TEXT = frozenset({"CharField", "TextField"})
_NUMBER = frozenset({"AutoField", "BigAutoField", "BigIntegerField", "BooleanField",
                     "IntegerField", "PositiveBigIntegerField", "PositiveIntegerField",
                     "PositiveSmallIntegerField", "SmallIntegerField"})
_NONE = type(None)


def _internal_type(field) -> str:
    target = field.target_field if field.is_relation else field
    return target.get_internal_type()


def _adapted(values: list, adapt) -> list:
    """Each distinct value adapted once: a batch holds few distinct dates (decision dates, one
    creation stamp)."""
    done = {value: adapt(value) for value in set(values) if value is not None}
    return [None if value is None else done[value] for value in values]


def _column(field, values: list, connection) -> list:
    """One field's values, ready for the driver. Text and numbers (an enum member is a str or
    an int) and NULLs go as they are, as Django's own preparation leaves them; dates are
    adapted directly; anything else goes through the field, value by value."""
    kinds = set(map(type, values))
    internal = _internal_type(field)
    if internal in _TEXT and all(issubclass(k, (str, _NONE)) for k in kinds):
        return values
    if internal in _NUMBER and all(issubclass(k, (int, _NONE)) for k in kinds):
        return values
    if kinds == {_NONE} and internal != "JSONField":
        return values
    if internal == "DateField" and kinds <= {datetime.date, _NONE}:
        return _adapted(values, connection.ops.adapt_datefield_value)
    if internal == "DateTimeField" and kinds <= {datetime.datetime, _NONE}:
        return _adapted(values, connection.ops.adapt_datetimefield_value)
    return [field.get_db_prep_save(v, connection) for v in values]


def _fill_province_key(model, states: list[dict], alias: str) -> None:
    """Rows carrying a province key (`province` next to `unit`, both to the unit table) get it
    from their units here, one query a batch. The database keeps it right whatever is sent
    (organisations.models.province_key), but SQLite's trigger, which runs after the insert,
    then finds it right and skips its second write of the row. PostgreSQL sets it before the
    write: nothing to gain there."""
    names = {f.name: f for f in model._meta.concrete_fields}
    key, unit = names.get("province"), names.get("unit")
    if key is None or unit is None or key.related_model is not unit.related_model:
        return
    units = {state["unit_id"] for state in states}
    province = dict(unit.related_model._base_manager.using(alias).filter(pk__in=units)
                    .values_list("pk", "province_id"))
    for state in states:
        state["province_id"] = province.get(state["unit_id"])


def insert_objects(objs: list, *, using: str | None = None) -> None:
    """INSERT the unsaved model instances `objs` (one model) in one `executemany`; the primary
    key is left to the database. Runs in the caller's transaction. Values are read from the
    instances' `__dict__` (no descriptor per value) and converted a column at a time."""
    if not objs:
        return
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    # Generated columns (a folded copy) are computed by the database, which refuses a value.
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key or f.generated)]
    states = [obj.__dict__ for obj in objs]
    if connection.vendor == "sqlite":
        _fill_province_key(model, states, alias)
    columns = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            # Stamped as save() would, once for the whole statement: the rows are created at
            # the same moment (bulk_create would stamp each a few µs apart).
            stamp = field.pre_save(objs[0], True)
            for state in states:
                state[field.attname] = stamp
            values = [stamp] * len(objs)
        else:
            values = [state[field.attname] for state in states]
        columns.append(_column(field, values, connection))
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)))
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(zip(*columns, strict=True)))


def maker(model):
    """A function building unsaved instances of `model` from attribute values (`unit_id`, not
    `unit`), ≈5 µs each where `model(**values)` takes ≈30 µs: Model.__init__ walks every field
    and descriptor, which a million imported rows pay for nothing. Fields not given get their
    defaults (a callable default, e.g. uuid4, is called per instance), as `__init__` would;
    no signals are sent and no validation is done — the caller has checked the values."""
    # Generated columns are left unset, as __init__ leaves them (read after saving only).
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    fixed = {f.attname: f.get_default() for f in fields
             if not (f.has_default() and callable(f.default))}
    made = [(f.attname, f.default) for f in fields if f.has_default() and callable(f.default)]

    def new(**values):
        obj = model.__new__(model)
        obj._state = ModelState()
        state = obj.__dict__
        state.update(fixed)
        for attname, default in made:
            state[attname] = default()
        state.update(values)
        return obj

    return new
