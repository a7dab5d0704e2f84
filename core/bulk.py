"""INSERT many new rows at the database's own speed (imports of hundreds of thousands of rows).

Django's `bulk_create` sends every value of every row through the SQL compiler (≈20–50 µs a
row for a 20-column model, where SQLite stores the row in a few µs) and, on SQLite, cuts the
rows into statements of 999 parameters (≈50 rows each). `insert_objects` converts each value
once, by a converter chosen per field, and sends the rows with `executemany` of one prepared
INSERT. It returns no ids: for callers that do not need them (a history import). Models with
`save()` logic are not its business: the caller sets what `save()` would (e.g. `search_text`).
"""

from django.db import connections, router
from django.db.models.base import ModelState

# Values of these field types go to the driver as they are when they are plain Python values
# (both sqlite3 and psycopg take int/str/bool/None); anything else goes through the field.
_PLAIN_TYPES = frozenset({
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField",
    "IntegerField", "PositiveBigIntegerField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SmallIntegerField", "TextField"})
_PLAIN_VALUES = frozenset({int, str, bool, type(None)})


def _is_plain(field) -> bool:
    target = getattr(field, "target_field", None) if field.is_relation else field
    return target is not None and target.get_internal_type() in _PLAIN_TYPES


def _stamped(field) -> bool:
    """auto_now / auto_now_add: the value comes from `pre_save`, as `save()` would set it."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def insert_objects(objs: list, *, using: str | None = None) -> None:
    """INSERT the unsaved model instances `objs` (one model) in one `executemany`; the primary
    key is left to the database. Runs in the caller's transaction."""
    if not objs:
        return
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    plans = [(f, f.attname, _is_plain(f), _stamped(f)) for f in fields]
    rows = []
    for obj in objs:
        row = []
        for field, attname, plain, stamped in plans:
            value = field.pre_save(obj, True) if stamped else getattr(obj, attname)
            if not (plain and type(value) in _PLAIN_VALUES):
                value = field.get_db_prep_save(value, connection)
            row.append(value)
        rows.append(row)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)))
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def maker(model):
    """A function building unsaved instances of `model` from attribute values (`unit_id`, not
    `unit`), ≈5 µs each where `model(**values)` takes ≈30 µs: Model.__init__ walks every field
    and descriptor, which a million imported rows pay for nothing. Fields not given get their
    defaults (a callable default, e.g. uuid4, is called per instance), as `__init__` would;
    no signals are sent and no validation is done — the caller has checked the values."""
    fields = model._meta.concrete_fields
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
