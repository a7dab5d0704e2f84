"""Who sees a person's personal data: ONE rule for the pages, the exports and the API.

Personal data here: CCCD, birth date, phone, e-mail. They are shown to whoever keeps the
person's record — the emulation officers of the person's unit (or of a unit above it), the
board staff whose scope covers that unit, system administrators (`PERSONAL_DATA_ROLES`).
Council members, approvers, cluster heads and outsiders read names, units and positions, which
their work needs, but not the identifiers: personal data may be processed only within the
scope its purpose requires (Law 91/2025/QH15 on personal data protection, in force 1/1/2026,
which replaced Decree 13/2023/NĐ-CP — whose Art. 3.4 stated this principle; the article of the
Law is not cited here until checked against the official text).

`may_see_personal_data(user, person)` answers for one person (the `organisations.
view_personal_data` permission is the same predicate, for templates); `personal_data_units(user)`
+ `shows_personal_data(units, unit_id)` answer row by row for lists and exports, with one scope
query for the whole list.
"""

from accounts.domain.scope import scope_unit_ids, unit_in_scope
from accounts.enums import RECORD_KEEPING_ROLES

PERSONAL_DATA_ROLES = RECORD_KEEPING_ROLES


def may_see_personal_data(user, person=None) -> bool:
    """Without a person (a rules check "anywhere?"): only those who see everyone's."""
    return unit_in_scope(user, getattr(person, "unit_id", None), PERSONAL_DATA_ROLES)


def personal_data_units(user) -> set[int] | None:
    """The units whose people's personal data `user` sees; None: every unit."""
    return scope_unit_ids(user, PERSONAL_DATA_ROLES)


def shows_personal_data(units: set[int] | None, unit_id: int | None) -> bool:
    """`may_see_personal_data` for a row of a list, given `personal_data_units(user)`."""
    return units is None or (unit_id is not None and unit_id in units)
