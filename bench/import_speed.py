"""The two yardsticks an import is measured against (issue 14 point 4): how fast the bare reader
reads the same file, and how fast the database takes the same rows in a plain bulk insert.

* `raw_read(path)`: openpyxl read-only (the reader the import uses, formulas as formulas,
  `<dimension>` ignored) iterating every row's values, doing nothing with them.
* `reader_read(path)`: the import's own reader (`imports.domain.reader`: openpyxl's parser
  without its whole-sheet size search and rich-text objects for plain inline text) iterating
  every row, doing nothing with them — the stricter yardstick once that reader is faster than
  openpyxl's `iter_rows`.
* `raw_insert(tables)`: after the import committed, its rows are copied aside, deleted, and
  inserted again with `cursor.executemany` of one prepared INSERT, 2,000 rows a call, in one
  transaction, into the same tables with the same indexes. Only the executemany calls are timed
  (fetching the copies is not). This is the database's own speed for those rows.
"""

import os
import time
from pathlib import Path

RAW_CHUNK = 2000


class Clock:
    """Wall time and CPU time. The machine is shared: other processes stretch wall time at
    random, so the ratios are also given in CPU seconds: this process's (SQLite runs
    in-process, so the database's work is counted too) plus, on PostgreSQL, that of the
    server process serving this connection (read from /proc; same machine)."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time() + _server_cpu()

    def stop(self) -> tuple[float, float]:
        return (time.perf_counter() - self.wall,
                time.process_time() + _server_cpu() - self.cpu)


_server_pid: list = []  # [the driver's connection, its server process id]


def _server_cpu() -> float:
    """CPU seconds of the PostgreSQL backend of Django's connection (0 on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    if not _server_pid or _server_pid[0] is not connection.connection:  # a new connection
        _server_pid[:] = [connection.connection, connection.connection.info.backend_pid]
    fields = Path(f"/proc/{_server_pid[1]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def raw_read(path) -> tuple[int, tuple[float, float]]:
    """(rows read, (wall, CPU) seconds) for the first sheet of `path`, header included."""
    from openpyxl import load_workbook

    clock = Clock()
    if str(path).endswith(".csv"):  # the bare csv module, as the import's CSV reader uses it
        import csv

        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = sum(1 for _row in csv.reader(handle))
        return rows, clock.stop()
    workbook = load_workbook(path, read_only=True, data_only=False)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    rows = sum(1 for _row in sheet.iter_rows(values_only=True))
    workbook.close()
    return rows, clock.stop()


def reader_read(path) -> tuple[int, tuple[float, float]]:
    """(rows read, (wall, CPU) seconds) through the import's own reader, header included."""
    if str(path).endswith(".csv"):
        return raw_read(path)
    from imports.domain.reader import _load, _parsed_rows

    clock = Clock()
    workbook = _load(path)
    rows = sum(1 for _row in _parsed_rows(workbook.worksheets[0]))
    workbook.close()
    return rows, clock.stop()


def _columns(table: str) -> list[str]:
    """The columns an INSERT may name: generated ones (a folded copy) are the database's."""
    from django.apps import apps

    [model] = [m for m in apps.get_models() if m._meta.db_table == table]
    return [f.column for f in model._meta.concrete_fields if not f.generated]


def raw_insert(tables: list[tuple[str, str]], *, copy: bool = False
               ) -> tuple[int, tuple[float, float]]:
    """(rows, (wall, CPU) seconds): re-insert the rows of each (table, WHERE clause) by
    executemany (or, with `copy` on PostgreSQL, by COPY … FROM STDIN).

    The rows are first copied to a scratch table and deleted (children before parents: list
    the tables parents first), then inserted parents first, each table in RAW_CHUNK-row calls.
    """
    from django.db import connection, transaction

    total, wall, cpu = 0, 0.0, 0.0
    with connection.cursor() as cursor:
        for index, (table, where) in enumerate(tables):
            names = ", ".join(f'"{name}"' for name in _columns(table))
            cursor.execute(f"DROP TABLE IF EXISTS bench_copy_{index}")
            cursor.execute(f'CREATE TEMP TABLE bench_copy_{index} AS SELECT {names} FROM '
                           f'"{table}" WHERE {where}')
        for index, (table, _where) in reversed(list(enumerate(tables))):
            cursor.execute(f'DELETE FROM "{table}" WHERE id IN (SELECT id FROM '
                           f"bench_copy_{index})")
        with transaction.atomic():
            for index, (table, _where) in enumerate(tables):
                names = _columns(table)
                quoted = ", ".join(f'"{name}"' for name in names)
                marks = ", ".join(["%s"] * len(names))
                sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'
                reader = connection.connection.cursor()  # a second cursor: read while writing
                reader.execute(f"SELECT * FROM bench_copy_{index}")
                while chunk := reader.fetchmany(RAW_CHUNK):
                    clock = Clock()
                    if copy:
                        with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as out:
                            for row in chunk:
                                out.write_row(row)
                    else:
                        cursor.executemany(sql, chunk)
                    spent = clock.stop()
                    wall, cpu = wall + spent[0], cpu + spent[1]
                    total += len(chunk)
                reader.close()
    return total, (wall, cpu)


def ratio_table(rows: int, read: tuple, check: tuple[float, float], insert: tuple,
                commit: tuple[float, float], peak_mb: float, reader: tuple | None = None,
                copied: tuple | None = None) -> str:
    """The figures the issue asks for: rows/s in wall time, and the ratios in wall and in CPU
    time. `read`, `insert` and `copied` (the raw insert by COPY, PostgreSQL) are
    (rows, (wall, cpu)); `check`, `commit` (wall, cpu)."""
    lines = [f"{'':12} {'wall s':>8} {'rows/s':>10} {'CPU s':>8} {'rows/s':>10}"]

    def line(label, count, spent, extra=""):
        lines.append(f"{label:12} {spent[0]:8.1f} {count / spent[0]:10,.0f} {spent[1]:8.1f} "
                     f"{count / spent[1]:10,.0f}{extra}")

    def share(mine, theirs, count_mine, count_theirs):
        return [(count_mine / mine[i]) / (count_theirs / theirs[i]) for i in (0, 1)]

    read_share = share(check, read[1], rows, read[0])
    insert_share = share(commit, insert[1], insert[0], insert[0])
    line("raw read", read[0], read[1])
    line("validation", rows, check, f"   = {read_share[0]:4.0%} wall, {read_share[1]:4.0%} CPU "
         "of raw read (target >= 80 %)")
    if reader is not None:
        own = share(check, reader[1], rows, reader[0])
        line("own reader", reader[0], reader[1], f"   validation = {own[0]:4.0%} wall, "
             f"{own[1]:4.0%} CPU of it")
    line("raw insert", insert[0], insert[1], f"   ({insert[0]:,} table rows, executemany)")
    line("commit", insert[0], commit, f"   = {insert_share[0]:4.0%} wall, "
         f"{insert_share[1]:4.0%} CPU of raw insert (target >= 70 %)")
    if copied is not None:
        copy_share = share(commit, copied[1], insert[0], copied[0])
        line("raw COPY", copied[0], copied[1], f"   commit = {copy_share[0]:4.0%} wall, "
             f"{copy_share[1]:4.0%} CPU of it")
    lines.append(f"end to end:  {check[0] + commit[0]:8.1f} s wall (validation + commit) for "
                 f"{rows:,} rows")
    lines.append(f"peak RSS:    {peak_mb:8.1f} MB (the import, measured before the raw insert)")
    return "\n".join(lines)
