"""Reading a streamed export back in tests: CSV rows as strings, .xlsx rows as cell values,
and the number of queries an export takes."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(body(response))).active


def xlsx_rows(response) -> list[list]:
    return [list(row) for row in xlsx_sheet(response).iter_rows(values_only=True)]


def export_queries(client, url, params=None) -> tuple[int, int]:
    """(queries, CSV lines) of one CSV export, the streamed body consumed inside the count."""
    with CaptureQueriesContext(connection) as ctx:
        rows = csv_rows(client.get(url, {"export": "csv", **(params or {})}))
    return len(ctx.captured_queries), len(rows)
