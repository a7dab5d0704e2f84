"""How a decision words its authority and the form it grants.

The catalogue names some forms by their group ("Bằng khen cấp bộ, ban, ngành, tỉnh": Law
06/2022/QH15 Art. 74 lists them together); a decision and a certificate name the form as its
issuer grants it — "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", "Giấy khen của
Giám đốc Sở Giáo dục và Đào tạo" (Law 2022 Art. 74–75; document-format.md §2, §4). Titles
("Chiến sĩ thi đua cơ sở") are printed as the title itself.

Vietnamese proper case is not `str.title()` ("Chủ Tịch Ủy Ban…") nor `str.capitalize()`
("…ủy ban nhân dân tỉnh tuyên quang"): only the first word and proper names take capitals, so
an authority typed in capitals (as the authority line prints it) is rebuilt from the issuer's
own name, which the unit register keeps in proper case."""

import re

# Forms the catalogue names by their group: the form's own words, before "cấp …".
GROUP_FORMS = {"giay_khen": "Giấy khen", "bang_khen_tinh": "Bằng khen"}
# Titles named by their group: the level the issuer gives them, by the issuer's tier.
_GROUP_LEVEL = re.compile(r"cấp bộ, ban, ngành, tỉnh")
_TIER_LEVEL = {"province": "cấp tỉnh"}
# Institutions written with a capital inside a sentence (Decree 30/2020 Appx II.II).
# Whole words only, and never short ones that also occur as common words ("cơ sở", "cán bộ").
_INSTITUTIONS = ("Ủy ban nhân dân", "Hội đồng nhân dân", "Chính phủ", "Thủ tướng", "Quốc hội",
                 "Văn phòng", "đốc Sở")


def sentence_start(text: str) -> str:
    """The first letter in capitals, the rest as written."""
    text = text.strip()
    return text[:1].upper() + text[1:]


def proper_case(text: str, names=()) -> str:
    """`text` in Vietnamese proper case. Text not written all in capitals is kept as written
    (first letter raised). Text in capitals ending with one of `names` (proper-case unit names,
    e.g. the issuer and its parents) becomes "<first word capitalised> <name>"; otherwise it is
    lowered with institution words capitalised (place names then stay lower: give `names`)."""
    text = " ".join(text.split())
    if not text or not text.isupper():
        return sentence_start(text)
    for name in names:
        if name and text.endswith(name.upper()):
            head = text[:len(text) - len(name)].strip()
            return f"{head.capitalize()} {name}" if head else name
    lowered = text.capitalize()
    for word in _INSTITUTIONS:
        lowered = re.sub(rf"(?<!\w){word.lower()}(?!\w)", word, lowered)
    return lowered


def issuer_names(issuer) -> list[str]:
    """The issuer's name and its parents' names, nearest first (a department's authority may
    name the province)."""
    names, unit = [], issuer
    while unit is not None:
        names.append(unit.name)
        unit = unit.parent
    return names


def authority_words(decision) -> str:
    """The decision's authority in proper case, for use inside a sentence."""
    return proper_case(decision.authority_title, issuer_names(decision.issuer))


def form_name(award_type, decision) -> str:
    """The form or title as the certificate's title line names it: the form's own words
    ("Bằng khen", "Giấy khen") — the authority is printed above it — or the title, its group
    level given by the issuer's tier ("Chiến sĩ thi đua cấp tỉnh")."""
    if award_type.code in GROUP_FORMS:
        return GROUP_FORMS[award_type.code]
    level = _TIER_LEVEL.get(decision.issuer.level)
    return _GROUP_LEVEL.sub(level, award_type.name) if level else award_type.name


def granted_form(award_type, decision) -> str:
    """The form as the issuer grants it, for Article 1 and the annex: "Bằng khen của Chủ tịch
    Ủy ban nhân dân tỉnh Tuyên Quang"; titles and forms named by their own authority
    ("Bằng khen của Thủ tướng Chính phủ", "Chiến sĩ thi đua cơ sở") as they are."""
    if award_type.code in GROUP_FORMS:
        return f"{GROUP_FORMS[award_type.code]} của {authority_words(decision)}"
    return form_name(award_type, decision)


def signed_money(amount: int) -> str:
    """`+1.755.000`, `-1.755.000`, `0`: a correction's money is the difference it makes."""
    digits = f"{abs(amount):,}".replace(",", ".")
    return f"+{digits}" if amount > 0 else f"-{digits}" if amount < 0 else "0"
