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


# Words a name's abbreviation skips ("Sở Giáo dục và Đào tạo" → SGDĐT), and the locality that
# ends a body's name ("… tỉnh Tuyên Quang").
_LINKING_WORDS = {"và"}
_LOCALITY = re.compile(r"\s+(?:tỉnh|thành phố)\s+.*$", re.IGNORECASE)


def decision_symbol(unit) -> str:
    """The symbol of a decision the unit issues (Decree 30/2020/NĐ-CP Appx I.II, box 3: the
    kind "QĐ", a hyphen, the abbreviated name of the issuing body): `QĐ-UBND` for a people's
    committee of any tier; otherwise the initials of the body's name without its locality, an
    acronym kept whole ("Sở Giáo dục và Đào tạo tỉnh Tuyên Quang" → `QĐ-SGDĐT`, "Bệnh viện Đa
    khoa tỉnh …" → `QĐ-BVĐK`)."""
    if unit.kind == UnitKind.PEOPLES_COMMITTEE:
        return "QĐ-UBND"
    words = [w for w in _LOCALITY.sub("", unit.name.strip()).split()
             if w.lower() not in _LINKING_WORDS]
    return "QĐ-" + "".join(w if len(w) > 1 and w.isupper() else w[0].upper() for w in words)
