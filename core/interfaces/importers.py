"""The importer contract and the registry of importers by kind. It lives in core, below every
app, because the apps that own data implement it (organisations, awards, claims) and the `imports`
app, which sits above them, runs it.

The engine (`imports.domain.engine`) knows nothing about units, people or awards: it streams
rows in batches to an importer, which checks them (returning `RowError`s) and writes them. Each
app that owns data declares its importers in `<app>/interfaces/importers.py` with `@register`;
`imports.apps` loads those modules at start-up.

Checking reads the file: `start()` once → `check_batch(rows)` per batch; the parsed values of
the rows (`Row.data`, the keys in `kept`) are kept aside (`imports.domain.checked`). Committing
never reads the file again: `start()` once → per batch of kept rows, `recheck_batch(rows)` (only
what may have changed in the database since the check, set-based) → `write_batch(rows)` →
`finish()` once, which returns the counts recorded in the audit entry.
"""

from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.translation import gettext as _

from core.interfaces import cells


@dataclass(frozen=True)
class Column:
    """One column of an import file.

    `header` is the exact Vietnamese heading of the template. It is part of the file format
    agreed with the units that fill it, so it does not follow the interface language (matching
    ignores case, diacritic encoding and a trailing "*"). `help` is shown in the template's
    "Hướng dẫn" sheet.
    """

    key: str
    header: str
    required: bool = False
    help: str = ""


@dataclass
class Row:
    """One data row: `number` as Excel shows it, raw `values` by column key, and `data`, the
    parsed values the importer's check puts there for its write."""

    number: int
    values: dict
    data: dict = field(default_factory=dict)
    # Whether a value is a cells.Formula: the reader knows it from the cell's type, which
    # spares every row a scan of its values; None (unknown) means scan.
    has_formula: bool | None = None


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def describe(self) -> str:
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


class RowsRefused(Exception):
    """Raised by `write_batch` when the database refuses rows that passed their re-check (e.g.
    the ledger found a second live award written meanwhile); the commit fails naming them."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(e.describe() for e in errors))
        self.errors = errors


class RowCheck:
    """Collects one row's errors while its cells are parsed, so that an importer's `check_row`
    reads as the list of its fields."""

    def __init__(self, importer: "Importer", row: Row):
        self.row = row
        self.columns = importer.column_map()
        self.errors: list[RowError] = []

    def get(self, key: str, parse=cells.text, **options):
        """Parse the cell `key` with `parse`; record a missing required value or a parse error
        and return None, otherwise store the value in `row.data` and return it."""
        raw = self.row.values.get(key)
        if self.columns[key].required and cells.is_blank(raw):
            self.add(key, _("This column is required."))
            return None
        try:
            value = parse(raw, **options)
        except cells.CellError as error:
            self.add(key, error.message)
            return None
        self.row.data[key] = value
        return value

    def add(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.row.number, self.columns[key].header,
                                    cells.display(self.row.values.get(key)), str(message)))


class Importer:
    """Base class of every importer. Subclasses set the class attributes and implement
    `check_row` and `write_batch`; the other hooks are optional."""

    kind: ClassVar[str]
    label: ClassVar[str]
    permission: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    kept: ClassVar[tuple[str, ...]]  # keys of `Row.data` that `write_batch` reads
    dated: ClassVar[frozenset[str]] = frozenset()  # those of them holding dates

    def __init__(self, user):
        self.user = user

    @classmethod
    def column_map(cls) -> dict[str, Column]:
        """key → Column, built once per class (every row's check asks for it)."""
        found = cls.__dict__.get("_column_map")
        if found is None:
            found = {column.key: column for column in cls.columns}
            cls._column_map = found
        return found

    def start(self) -> None:
        """Load what the checks look up (codes, scope); called at the start of every pass."""

    def prefetch(self, rows: list[Row]) -> None:
        """Look up, in one query per batch, what the rows refer to (e.g. CCCDs already taken)."""

    def check_batch(self, rows: list[Row]) -> list[RowError]:
        self.prefetch(rows)
        return [error for row in rows
                for error in (self.formula_errors(row) or self.check_row(row))]

    def formula_errors(self, row: Row) -> list[RowError]:
        """One error per formula cell: such a row is refused before its values are read."""
        if row.has_formula is False:
            return []
        columns = self.column_map()
        return [RowError(row.number, columns[key].header, cells.display(value),
                         _("the cell holds a formula; paste its value instead."))
                for key, value in row.values.items() if isinstance(value, cells.Formula)]

    def check_row(self, row: Row) -> list[RowError]:
        raise NotImplementedError

    def recheck_batch(self, rows: list[Row]) -> list[RowError]:
        """At commit, the checks whose answer the database may have changed since the file was
        checked (a CCCD registered meanwhile, a unit ended, the committer's scope), with a few
        queries per batch. `rows` are kept rows: `data` (and `values`) hold the parsed values."""
        return []

    def write_batch(self, rows: list[Row]) -> None:
        """Save checked rows (their `data`) in bulk; runs inside the commit's single
        transaction. May raise RowsRefused."""
        raise NotImplementedError

    def finish(self) -> dict[str, int]:
        """Work that must happen once after all rows are written; returns what was created."""
        return {}

    def example_row(self) -> list:
        """One plausible row for the downloadable template, in column order."""
        return ["" for _column in self.columns]

    def allowed_values(self) -> list[tuple[str, str, str]]:
        """(column header, value, meaning) lines for the template's "Hướng dẫn" sheet."""
        return []


_REGISTRY: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    """Class decorator: make `importer` available under its `kind`."""
    if _REGISTRY.get(importer.kind, importer) is not importer:
        raise ValueError(f"Two importers claim the kind {importer.kind!r}")
    _REGISTRY[importer.kind] = importer
    return importer


def importer_class(kind: str) -> type[Importer]:
    """The importer registered for `kind`; LookupError if there is none."""
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise LookupError(kind)


def importers_for(user) -> list[type[Importer]]:
    """Importers `user` may run, in registration order."""
    return [imp for imp in _REGISTRY.values() if user.has_perm(imp.permission)]


def kind_label(kind: str) -> str:
    importer = _REGISTRY.get(kind)
    return str(importer.label) if importer else kind
