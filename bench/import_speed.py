"""The two yardsticks an import is measured against (issue 14 point 4): how fast the bare reader
reads the same file, and how fast the database takes the same rows in a plain bulk insert.

* `raw_read(path)`: openpyxl read-only (the reader the import uses, formulas as formulas,
  `<dimension>` ignored) iterating every row's values, doing nothing with them.
* `raw_insert(tables)`: after the import committed, its rows are copied aside, deleted, and
  inserted again with `cursor.executemany` of one prepared INSERT, 2,000 rows a call, in one
  transaction, into the same tables with the same indexes. Only the executemany calls are timed
  (fetching the copies is not). This is the database's own speed for those rows.
"""

import time

RAW_CHUNK = 2000


def raw_read(path) -> tuple[int, float]:
    """(rows read, seconds) for the first sheet of `path`, header included."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=False)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    rows = sum(1 for _row in sheet.iter_rows(values_only=True))
    workbook.close()
    return rows, time.perf_counter() - started


def _columns(cursor, table: str) -> list[str]:
    cursor.execute(f'PRAGMA table_info("{table}")')
    return [row[1] for row in cursor.fetchall()]


def raw_insert(tables: list[tuple[str, str]]) -> tuple[int, float]:
    """(rows, seconds): re-insert the rows of each (table, WHERE clause) by executemany.

    The rows are first copied to a scratch table and deleted (children before parents: list
    the tables parents first), then inserted parents first, each table in RAW_CHUNK-row calls.
    """
    from django.db import connection, transaction

    total, seconds = 0, 0.0
    with connection.cursor() as cursor:
        for index, (table, where) in enumerate(tables):
            cursor.execute(f'CREATE TEMP TABLE bench_copy_{index} AS SELECT * FROM "{table}" '
                           f"WHERE {where}")
        for index, (table, _where) in reversed(list(enumerate(tables))):
            cursor.execute(f'DELETE FROM "{table}" WHERE id IN (SELECT id FROM '
                           f"bench_copy_{index})")
        with transaction.atomic():
            for index, (table, _where) in enumerate(tables):
                names = _columns(cursor, table)
                quoted = ", ".join(f'"{name}"' for name in names)
                marks = ", ".join(["%s"] * len(names))
                sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'
                reader = connection.connection.cursor()  # a second cursor: read while writing
                reader.execute(f"SELECT * FROM bench_copy_{index}")
                while chunk := reader.fetchmany(RAW_CHUNK):
                    started = time.perf_counter()
                    cursor.executemany(sql, chunk)
                    seconds += time.perf_counter() - started
                    total += len(chunk)
                reader.close()
    return total, seconds


def ratio_table(rows: int, read: tuple[int, float], check_s: float,
                insert: tuple[int, float], commit_s: float, peak_mb: float) -> str:
    """The figures the issue asks for, one per line."""
    read_rate, check_rate = read[0] / read[1], rows / check_s
    insert_rate, commit_rate = insert[0] / insert[1], insert[0] / commit_s
    return "\n".join([
        f"raw read:    {read[1]:8.1f} s  {read_rate:10,.0f} rows/s",
        f"validation:  {check_s:8.1f} s  {check_rate:10,.0f} rows/s   "
        f"= {check_rate / read_rate:5.0%} of raw read (target >= 80 %)",
        f"raw insert:  {insert[1]:8.1f} s  {insert_rate:10,.0f} rows/s  "
        f"({insert[0]:,} table rows)",
        f"commit:      {commit_s:8.1f} s  {commit_rate:10,.0f} rows/s   "
        f"= {commit_rate / insert_rate:5.0%} of raw insert (target >= 70 %)",
        f"end to end:  {check_s + commit_s:8.1f} s  (validation + commit)",
        f"peak RSS:    {peak_mb:8.1f} MB (import, before the raw insert)",
    ])
