"""Nominees as officers list them: a list pasted from Excel (name + CCCD, or name + unit),
resolved row by row within the user's scope, and several people added in one step.

A pasted row that cannot be resolved names its line and what was not found; a person outside
the user's scope reads exactly like one who does not exist (nothing leaks about other units)."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.text import fold
from organisations.domain.queries import people_for_user, search
from proposals.domain.nominees import add_nominee

CCCD = re.compile(r"^\d{12}$")
MAX_ROWS = 200  # a proposal of one unit; a longer list belongs in an import job
# Excel copies cells separated by tabs; a list typed by hand may use ";" or ",".
SEPARATORS = ("\t", ";", ",")
HEADER_WORDS = ("ho va ten", "ho ten", "full name", "name")


@dataclass
class PastedList:
    people: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _cells(line: str) -> list[str]:
    for separator in SEPARATORS:
        if separator in line:
            return [cell.strip() for cell in line.split(separator) if cell.strip()]
    return [line.strip()]


def _is_header(cells: list[str]) -> bool:
    return fold(cells[0]) in HEADER_WORDS


def resolve_pasted(user, text: str) -> PastedList:
    """Each non-empty line of `text` → one person in `user`'s scope, or one error naming the
    line. A header line (“Họ và tên …”) is skipped; the same person twice is an error."""
    result, seen = PastedList(), {}
    lines = [(number, _cells(line)) for number, line in enumerate(text.splitlines(), 1)
             if line.strip()]
    if len(lines) > MAX_ROWS:
        result.errors.append(_("The list has %(n)s lines; paste at most %(max)s at a time.")
                             % {"n": len(lines), "max": MAX_ROWS})
        return result
    for number, cells in lines:
        if number == lines[0][0] and _is_header(cells):
            continue
        person, error = _resolve_row(user, number, cells)
        if error is None and person.pk in seen:
            error = _("Line %(line)s: %(name)s is already listed on line %(first)s.") % {
                "line": number, "name": person.full_name, "first": seen[person.pk]}
        if error:
            result.errors.append(error)
        else:
            seen[person.pk] = number
            result.people.append(person)
    return result


def _resolve_row(user, number: int, cells: list[str]):
    if len(cells) < 2:
        return None, _("Line %(line)s: give the full name and the citizen ID (CCCD) or the "
                       "unit, separated by a tab.") % {"line": number}
    name, key = cells[0], cells[1]
    if CCCD.match(key):
        return _by_cccd(user, number, name, key)
    return _by_unit(user, number, name, key)


def _by_cccd(user, number, name, cccd):
    person = people_for_user(user).filter(cccd=cccd).first()
    if person is None:
        return None, _("Line %(line)s: no person with citizen ID %(cccd)s in your scope.") % {
            "line": number, "cccd": cccd}
    if fold(person.full_name) != fold(name):
        return None, _("Line %(line)s: citizen ID %(cccd)s belongs to %(found)s, not "
                       "%(name)s.") % {"line": number, "cccd": cccd,
                                       "found": person.full_name, "name": name}
    return person, None


def _by_unit(user, number, name, unit_text):
    wanted_unit = fold(unit_text)
    matches = [p for p in search(people_for_user(user), name)
               if fold(p.full_name) == fold(name) and p.unit is not None
               and wanted_unit in (fold(p.unit.name), fold(p.unit.code))]
    if not matches:
        return None, _("Line %(line)s: no %(name)s in %(unit)s within your scope.") % {
            "line": number, "name": name, "unit": unit_text}
    if len(matches) > 1:
        return None, _("Line %(line)s: %(n)s people named %(name)s in %(unit)s; give the "
                       "citizen ID instead.") % {"line": number, "n": len(matches),
                                                 "name": name, "unit": unit_text}
    return matches[0], None


@transaction.atomic
def add_nominees(actor, proposal, *, award_type, summary: str, subjects: list[dict]) -> list:
    """Add every subject (`{"person": p}` / `{"collective": c}` / `{"household": h}`) for the
    same form, all or none: a refusal names the subject it is about. Side effects: those of
    `add_nominee`, once per subject."""
    if not subjects:
        raise ValidationError(_("Choose at least one nominee."))
    added = []
    for subject in subjects:
        try:
            added.append(add_nominee(actor, proposal, award_type=award_type, summary=summary,
                                     **subject))
        except ValidationError as error:
            name = next(iter(subject.values()))
            raise ValidationError(_("%(name)s: %(error)s") % {
                "name": name, "error": " ".join(error.messages)}) from error
    return added
