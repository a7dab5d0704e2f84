"""INSERT many new rows at the database's own speed (imports of hundreds of thousands of rows).

Django's `bulk_create` sends every value of every row through the SQL compiler (≈20–50 µs a
row for a 20-column model, where SQLite stores the row in a few µs) and, on SQLite, cuts the
rows into statements of 999 parameters (≈50 rows each). Two ways round it, neither returning
ids (for callers that need none, such as a history import):

* `insert_rows(model, fields, rows)`: the rows as tuples of `fields`' values, the form a
  caller can keep from its check (no model instance per row); the fields not given get their
  defaults, computed once per call (a random UUID per row, one creation stamp for all).
* `insert_objects(objs)`: unsaved model instances, read from their `__dict__`.

Both convert each column once, by a converter chosen per field, and send the rows with
`COPY … FROM STDIN` on PostgreSQL (psycopg 3's `cursor.copy`: one stream, no statement per
row) or `executemany` of one prepared INSERT elsewhere, in the caller's transaction; a
refused row (a unique index) raises Django's `IntegrityError` either way. Models with `save()`
logic are not their business: the caller sets what `save()` would (e.g. `search_text`).
"""

import datetime
import os
import uuid

from django.db import connections, router
from django.db.models.base import ModelState

_TEXT = frozenset({"CharField", "TextField"})
_NUMBER = frozenset({"AutoField", "BigAutoField", "BigIntegerField", "BooleanField",
                     "IntegerField", "PositiveBigIntegerField", "PositiveIntegerField",
                     "PositiveSmallIntegerField", "SmallIntegerField"})
_NONE = type(None)
_ISO_DATE = frozenset({str, _NONE})


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
    adapted directly, and a date given as ISO text ("2024-01-20", how a check keeps it) is
    what both SQLite (Django stores dates so) and PostgreSQL take; anything else goes through
    the field, value by value."""
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
    if internal == "DateField" and kinds <= _ISO_DATE:
        return values
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


def _with_province_key(model, fields: tuple[str, ...], rows: list, alias: str):
    """`insert_rows`' `fields` and `rows` with the province key added from each row's unit
    (see `_fill_province_key`: on SQLite the trigger then skips its second write of the row)."""
    if "unit_id" not in fields or "province_id" in fields:
        return fields, rows
    unit = fields.index("unit_id")
    states = [{"unit_id": row[unit]} for row in rows]
    _fill_province_key(model, states, alias)
    if not states or "province_id" not in states[0]:
        return fields, rows
    return (*fields, "province_id"), [
        (*row, state["province_id"]) for row, state in zip(rows, states, strict=True)]


def random_uuids(count: int) -> list[str]:
    """`count` random (version 4) UUIDs as 32 hex digits, the form SQLite stores and
    PostgreSQL's uuid type reads. `uuid.uuid4()` builds an object per call (≈2 µs, a fifth of
    an import's commit); here one read of the system's random source serves the batch."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4 (RFC 9562 §5.4)
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # the RFC's variant
    text = raw.hex()
    return [text[i:i + 32] for i in range(0, 32 * count, 32)]


def _insertable(model) -> list:
    # Generated columns (a folded copy) are computed by the database, which refuses a value.
    return [f for f in model._meta.concrete_fields if not (f.primary_key or f.generated)]


def _default_column(field, count: int, connection) -> list:
    """The values `Model.__init__` and `save()` would give a field the caller leaves out."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        # One stamp for the whole call: the rows are created at the same moment (bulk_create
        # would stamp each a few µs apart).
        return _column(field, [field.pre_save(field.model(), True)] * count, connection)
    if field.default is uuid.uuid4:
        return random_uuids(count)
    if field.has_default() and callable(field.default):
        return _column(field, [field.default() for _i in range(count)], connection)
    return [field.get_db_prep_save(field.get_default(), connection)] * count


def insert_rows(model, fields: tuple[str, ...], rows: list, *, using: str | None = None) -> None:
    """INSERT `rows` (sequences of the values of `fields`, attribute names such as `unit_id`)
    as new `model` rows; every other field gets its default. Runs in the caller's transaction.
    The values must be what the field stores (checked by the caller): ids, text, numbers,
    booleans, dates (or ISO date text), None."""
    if not rows:
        return
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor == "sqlite":
        fields, rows = _with_province_key(model, fields, rows, alias)
    given = {name: index for index, name in enumerate(fields)}
    supplied = list(zip(*rows, strict=True))
    columns, names = [], []
    for field in _insertable(model):
        index = given.get(field.attname)
        values = (_default_column(field, len(rows), connection) if index is None
                  else _column(field, list(supplied[index]), connection))
        columns.append(values)
        names.append(field.column)
    _send(connection, model._meta.db_table, names, zip(*columns, strict=True))


def insert_objects(objs: list, *, using: str | None = None) -> None:
    """INSERT the unsaved model instances `objs` (one model); the primary key is left to the
    database. Runs in the caller's transaction. Values are read from the instances'
    `__dict__` (no descriptor per value) and converted a column at a time."""
    if not objs:
        return
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    fields = _insertable(model)
    states = [obj.__dict__ for obj in objs]
    if connection.vendor == "sqlite":
        _fill_province_key(model, states, alias)
    columns = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            stamp = field.pre_save(objs[0], True)  # once for the statement, as insert_rows
            for state in states:
                state[field.attname] = stamp
            values = [stamp] * len(objs)
        else:
            values = [state[field.attname] for state in states]
        columns.append(_column(field, values, connection))
    _send(connection, model._meta.db_table, [f.column for f in fields],
          zip(*columns, strict=True))


def _send(connection, table: str, names: list[str], rows) -> None:
    """COPY on PostgreSQL, one executemany elsewhere. COPY bypasses Django's cursor wrapper,
    so its errors are translated here (a unique index's refusal is an IntegrityError, as the
    callers expect, and rolls back to their savepoint)."""
    quote = connection.ops.quote_name
    target = "{} ({})".format(quote(table), ", ".join(map(quote, names)))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with connection.wrap_database_errors, cursor.cursor.copy(
                    f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany("INSERT INTO {} VALUES ({})".format(
            target, ", ".join(["%s"] * len(names))), list(rows))


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
