"""How documents name a unit's locality (địa danh).

Decree 30/2020/NĐ-CP Appx I.II (box 4): the place on the place-and-date line is the official
name of the administrative unit where the issuing body sits — "Tuyên Quang", not "Ủy ban nhân
dân tỉnh Tuyên Quang" and not the meeting room; units named after a person are written in full
("Thành phố Hồ Chí Minh")."""

import re

from organisations.enums import UnitKind

# "Ủy ban nhân dân <tier> <name>[ (note)]": the tier words of Vietnamese local government.
_COMMITTEE = re.compile(
    r"^(?:Ủy|Uỷ) ban nhân dân\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)"
    r"\s+(?P<name>[^(]+?)\s*(?:\(.*\))?$", re.IGNORECASE)
# Localities named after a person keep their tier word (Decree 30 Appx I.II).
_IN_FULL = {"Hồ Chí Minh": "Thành phố Hồ Chí Minh"}


def locality(unit) -> str:
    """The locality of `unit`: the name of the nearest people's committee at or above it (a
    department sits in its province), without the "Ủy ban nhân dân <tier>" words; the unit's
    own name when none is found (a central body)."""
    node = unit
    while node is not None:
        if node.kind == UnitKind.PEOPLES_COMMITTEE:
            match = _COMMITTEE.match(node.name.strip())
            if match:
                name = match.group("name").strip()
                return _IN_FULL.get(name, name)
        node = node.parent
    return unit.name
