"""Vietnamese text normalisation for diacritics-insensitive search.

"Nguyễn Văn An" and "nguyen van an" must meet: we store a folded copy of every searchable
name (lower case, no combining marks, đ → d, single spaces) and fold the query the same way.
A stored column works identically on SQLite and PostgreSQL, without database extensions.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ are separate letters, not a base letter with a combining mark, so NFD leaves them alone.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Return `text` lower-cased, without Vietnamese diacritics, with whitespace collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def fold_join(*parts: str | None) -> str:
    """Fold several fields into one search string (name, code, …)."""
    return " ".join(p for p in (fold(part) for part in parts) if p)


def is_number(text: str | None) -> bool:
    """Whether `text` is a run of ASCII digits 0–9. `str.isdigit()` also takes "²", "①" and
    other Unicode digits, which `int()` refuses: `?year=²` on a list, checked with isdigit()
    and then read with int(), was a server error instead of the filter being ignored."""
    return bool(text) and text.isascii() and text.isdigit()
