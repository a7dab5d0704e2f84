"""The rows a check found valid, kept for the commit so that it never reads the workbook again.

Checking a file costs its parsing (openpyxl's XML reader) and every cell parser; the commit used
to pay both again. Instead the check writes each batch's parsed values (`Row.data`, only the
keys the importer's `write_batch` uses: `Importer.kept`) to a file beside the upload, one JSON
line per batch, and the commit reads it back batch by batch: memory holds one batch, the
workbook is not opened, and a file with 1,000,000 rows becomes ~100 bytes a row on disk. It
holds the same personal data as the upload, lives in the same private folder and is deleted
with it when the job ends (`imports.domain.jobs.set_job_state`).

Dates are written as ISO text and turned back into dates on reading (`Importer.dated` names
those keys); everything else the checks produce is already JSON (text, numbers, booleans,
None, tuples read back as lists).
"""

import datetime
import json
from collections.abc import Iterator
from pathlib import Path

from core.interfaces.importers import Importer, Row


class CheckedRowsMissing(Exception):
    """The commit found no kept rows it can read (a job checked before this store existed or
    before its importer kept other values, or a file removed by hand): the user must upload
    the file again."""


def _iso(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not kept for the commit")


class CheckedRowsWriter:
    """Appends checked batches to `path`, created empty on opening."""

    def __init__(self, path: Path, importer: Importer):
        self.keys = importer.kept
        self.handle = path.open("w", encoding="utf-8")

    def add(self, rows: list[Row]) -> None:
        keys = self.keys
        self.handle.write(json.dumps(
            [[row.number, *[row.data.get(key) for key in keys]] for row in rows],
            ensure_ascii=False, separators=(",", ":"), default=_iso))
        self.handle.write("\n")

    def close(self) -> None:
        self.handle.close()


def _rows(path: Path, importer: Importer) -> Iterator[Row]:
    keys = importer.kept
    dated = [(index + 1, key) for index, key in enumerate(keys) if key in importer.dated]
    fromiso = datetime.date.fromisoformat
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError as error:
        raise CheckedRowsMissing(str(path)) from error
    width = len(keys) + 1
    with handle:
        for line in handle:
            for values in json.loads(line):
                if len(values) != width:  # kept by another version's `kept` (an upgrade)
                    raise CheckedRowsMissing(str(path))
                for position, _key in dated:
                    if values[position] is not None:
                        values[position] = fromiso(values[position])
                data = dict(zip(keys, values[1:], strict=True))
                yield Row(values[0], data, data)


def checked_batches(path: Path, importer: Importer, size: int) -> Iterator[list[Row]]:
    """The kept rows in batches of `size`, in file order; raises CheckedRowsMissing."""
    batch: list[Row] = []
    for row in _rows(path, importer):
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
