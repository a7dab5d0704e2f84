"""Excel export of the qualification lists, written row by row (`core.xlsx_stream`) to a
temporary file so memory stays flat however long the list is."""

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _

from reports.interfaces.exports import write_xlsx


def qualify_workbook(rows, award_name: str, year: int, names: dict) -> FileResponse:
    """One row per (person, verdict, standing) (awards.domain.qualify.Row); `names`: award
    code → name, for the title column. A person who already holds the award or is in an open
    proposal for it has that in the status column and no reward."""
    yes, no, eligible = _("Yes"), _("No"), _("Eligible")
    lines = ([person.full_name, str(person.unit or ""), person.position,
              names.get(verdict.award, verdict.award), str(standing or eligible),
              yes if person.is_leader else no, yes if person.is_direct_worker else no,
              None if standing else (verdict.reward or {}).get("amount_vnd"),
              "" if standing else ", ".join(verdict.initiatives_used)]
             for person, verdict, standing in rows)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it when sent
    write_xlsx(handle, str(year), [
        _("Full name"), _("Unit"), _("Position"), _("Title / form"), _("Status"),
        _("Leader / manager"), _("Direct worker"), _("Reward (VND)"), _("Initiatives used")],
        lines,
        preamble=[[_("Who qualifies for %(award)s in %(year)s") % {"award": award_name,
                                                                   "year": year}]])
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"du-dieu-kien-{year}.xlsx")
