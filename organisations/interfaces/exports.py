"""Exports of the organisation lists, through the one streamed exporter
(core.interfaces.exports.export): same filtered queryset as the page, rows straight from
the database CHUNK at a time, only the columns the page shows (no CCCD)."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, choice_labels, export
from organisations.domain.personal_data import personal_data_units, shows_personal_data
from organisations.enums import Gender

PERSON_FIELDS = ("full_name", "gender", "birth_date", "unit__code", "unit__name", "position",
                 "is_leader", "is_direct_worker", "unit_id")


def person_header() -> list[str]:
    return [_("Full name"), _("Gender"), _("Birth date"), _("Unit code"), _("Unit"),
            _("Position"), _("Leader / manager"), _("Direct worker")]


def person_rows(people: QuerySet, user) -> Iterable[tuple]:
    """Birth dates only where `user` may see the person's personal data (the one rule of
    organisations.domain.personal_data), blank elsewhere."""
    genders = choice_labels(Gender)
    yes, no = _("Yes"), _("No")
    units = personal_data_units(user)
    rows = people.values_list(*PERSON_FIELDS).iterator(chunk_size=CHUNK)
    return ((name, genders.get(gender, gender),
             birth if shows_personal_data(units, unit_id) else None, code, unit, position,
             yes if leader else no, yes if direct else no)
            for name, gender, birth, code, unit, position, leader, direct, unit_id in rows)


def person_export(kind: str, people: QuerySet, user):
    return export(kind, person_header(), person_rows(people, user), "nhan-su", _("People"))
