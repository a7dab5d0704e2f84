"""Building import files and running them through the real domain functions."""

import datetime
from pathlib import Path

from django.core.files import File
from openpyxl import Workbook

from imports.domain.engine import run_commit, run_validation
from imports.domain.queue import create_job, request_commit
from imports.models import ImportJob
from organisations.enums import Gender
from organisations.interfaces.importers import PersonImporter, UnitImporter
from tests.factories import make_cccd

PEOPLE_HEADER = [column.header for column in PersonImporter.columns]
UNITS_HEADER = [column.header for column in UnitImporter.columns]
BIRTH = datetime.date(1985, 5, 17)


def write_xlsx(path: Path, header: list, rows: list[list], *, write_only: bool = False) -> Path:
    """An .xlsx at `path` with `header` on row 1 and `rows` from row 2."""
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Dữ liệu") if write_only else workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def person_row(**values) -> list:
    """A valid row of the people template (unit SO-A), with `values` replacing columns."""
    row = {"cccd": make_cccd(Gender.MALE, BIRTH), "full_name": "Nguyễn Văn An",
           "gender": "Nam", "birth_date": "17/05/1985", "ethnicity": "", "unit": "SO-A",
           "position": "Chuyên viên", "title": "", "is_leader": "", "is_direct_worker": "",
           "start_date": ""} | values
    return [row[column.key] for column in PersonImporter.columns]


def unit_row(**values) -> list:
    row = {"code": "PHONG-1", "name": "Phòng Một", "short_name": "", "level": "grassroots",
           "kind": "division", "parent": "SO-A", "valid_from": "01/07/2025"} | values
    return [row[column.key] for column in UnitImporter.columns]


def upload(user, kind: str, path: Path) -> ImportJob:
    with path.open("rb") as handle:
        return create_job(user, kind, File(handle, name=path.name), language="en")


def validated(user, kind: str, path: Path) -> ImportJob:
    return run_validation(upload(user, kind, path))


def committed(user, kind: str, path: Path, **options) -> ImportJob:
    job = validated(user, kind, path)
    return run_commit(request_commit(job, user), **options)


def errors_of(job: ImportJob) -> list[tuple]:
    return list(job.errors.values_list("row_number", "column", "message"))
