"""Exports of the award ledger (CSV or .xlsx, streamed) and of the qualification lists (Excel,
written row by row in openpyxl's write-only mode to a temporary file so memory stays flat however
long the list is)."""

import tempfile
from collections.abc import Iterable

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.interfaces.exports import CHUNK, export, write_sheets
from organisations.domain.personal_data import personal_data_units, shows_personal_data

LEDGER_FIELDS = ("person__full_name", "person__cccd", "collective__name",
                 "household__head__full_name", "award_type__code", "award_type__name", "year",
                 "kind", "decision_number", "decision_date", "issuer", "unit__code", "unit__name",
                 "revoked", "person__unit_id")
CCCD = LEDGER_FIELDS.index("person__cccd")


def qualify_workbook(rows, award_name: str, year: int, names: dict) -> FileResponse:
    """One row per (person, verdict, standing) (awards.domain.qualify.Row); `names`: award
    code → name, for the title column. A person who already holds the award or is in an open
    proposal for it has that in the status column and no reward."""
    workbook = Workbook(write_only=True)
    yes, no, eligible = _("Yes"), _("No"), _("Eligible")
    lines = ([person.full_name, str(person.unit or ""), person.position,
              names.get(verdict.award, verdict.award), str(standing or eligible),
              yes if person.is_leader else no, yes if person.is_direct_worker else no,
              None if standing else (verdict.reward or {}).get("amount_vnd"),
              "" if standing else ", ".join(verdict.initiatives_used)]
             for person, verdict, standing in rows)
    write_sheets(workbook, str(year), [
        _("Full name"), _("Unit"), _("Position"), _("Title / form"), _("Status"),
        _("Leader / manager"), _("Direct worker"), _("Reward (VND)"), _("Initiatives used")],
        lines,
        preamble=[[_("Who qualifies for %(award)s in %(year)s") % {"award": award_name,
                                                                   "year": year}]])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"du-dieu-kien-{year}.xlsx")


def ledger_header() -> list[str]:
    return [_("Full name"), _("Citizen ID (CCCD)"), _("Collective"), _("Household head"),
            _("Code"), _("Title / form"), _("Year"), _("Award kind"), _("Decision number"),
            _("Decision date"), _("Issued by"), _("Unit code"), _("Unit"), _("Revoked")]


def _line(row: tuple, yes: str, no: str, units: set | None) -> tuple:
    *values, revoked, person_unit_id = row
    if not shows_personal_data(units, person_unit_id):
        values[CCCD] = ""  # the one personal-data rule, as on the person page and in the API
    return (*values, yes if revoked else no)


def ledger_rows(records, user) -> Iterable[tuple]:
    """Ledger rows straight from the database, CHUNK at a time (no model instances). CCCDs
    are blanked where `user` may not see the person's personal data
    (organisations.domain.personal_data); `user` None only for scripts, which see them all."""
    # Translated now: the generator runs after the view returned, outside the request language.
    yes, no = _("Yes"), _("No")
    keepers = personal_data_units(user) if user is not None else None
    rows = records.order_by("id").values_list(*LEDGER_FIELDS).iterator(chunk_size=CHUNK)
    return (_line(row, yes, no, keepers) for row in rows)


def ledger_export(kind: str, records, user=None):
    return export(kind, ledger_header(), ledger_rows(records, user), "so-khen-thuong",
                  _("Award ledger"))
