"""The UI strings of the source, read without GNU gettext: every literal passed to a gettext
function in the Python code (`ast`), and every `{% translate %}` / `{% blocktranslate %}` of the
templates (Django's own `templatize`, which is what `makemessages` feeds to xgettext). Also the
template text a translator never sees (outside any translation tag)."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {"tests", "bench", "migrations", ".venv", "node_modules", "deploy", "docs",
                "var", "locale"}
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
# name → (index of the context argument or None, index of the msgid argument)
GETTEXT = {"_": (None, 0), "gettext": (None, 0), "gettext_lazy": (None, 0),
           "gettext_noop": (None, 0), "ngettext": (None, 0), "ngettext_lazy": (None, 0),
           "pgettext": (0, 1), "pgettext_lazy": (0, 1), "npgettext": (0, 1),
           "npgettext_lazy": (0, 1)}
# Letters only Vietnamese uses among the Latin scripts of this code base.
VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9àáảãèéẻẽìíỉĩòóỏõùúủũỳýỷỹÀÁÈÉÌÍÒÓÙÚÝ]")


@dataclass(frozen=True)
class Message:
    context: str | None
    msgid: str
    where: str


def _files(pattern: str):
    for path in sorted(ROOT.rglob(pattern)):
        if not set(path.relative_to(ROOT).parts[:-1]) & SKIPPED_DIRS:
            yield path


def _called(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else None)


def python_messages() -> list[Message]:
    found = []
    for path in _files("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _called(node) not in GETTEXT:
                continue
            context_at, msgid_at = GETTEXT[_called(node)]
            args = node.args
            if len(args) <= msgid_at or not _is_text(args[msgid_at]):
                continue
            context = args[context_at].value if context_at is not None and _is_text(
                args[context_at]) else None
            found.append(Message(context, args[msgid_at].value,
                                 f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def _is_text(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


# templatize writes `gettext(u'…')`, `pgettext(u'ctx', u'…')`, `ngettext(u'…', u'…', n)`.
_CALL = re.compile(r"\b(n?p?gettext)\(((?:\s*u?'(?:[^'\\]|\\.)*'\s*,?)+)")


def template_messages() -> list[Message]:
    found = []
    for path in _files("*.html"):
        if "templates" not in path.parts:
            continue
        source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for name, args in _CALL.findall(source):
            values = ast.literal_eval(f"({args.rstrip().rstrip(',')},)")
            context = values[0] if name.startswith(("pgettext", "npgettext")) else None
            msgid = values[1] if context is not None else values[0]
            found.append(Message(context, msgid, str(path.relative_to(ROOT))))
    return found


_TAGS = re.compile(r"{%\s*(?:blocktranslate|blocktrans)\b.*?{%\s*end(?:blocktranslate|blocktrans)"
                   r"\s*%}|{%.*?%}|{{.*?}}|{#.*?#}", re.S)


# Official documents are Vietnamese in every interface language: the certificate and decision
# layouts of Decree 30/2020/NĐ-CP, and the statistical forms of Circular 02/2023/TT-BNV
# reproduced as prescribed.
OFFICIAL_DOCUMENTS = ("documents/templates/documents/", "reports/templates/reports/includes/"
                      "form_table.html")


def untranslated_template_text() -> list[tuple[str, str]]:
    """(template, text) for Vietnamese written in a template outside every translation tag."""
    found = []
    for path in _files("*.html"):
        if "templates" not in path.parts or str(path.relative_to(ROOT)).startswith(
                OFFICIAL_DOCUMENTS):
            continue
        text = _TAGS.sub(" ", path.read_text(encoding="utf-8"))
        for line in text.splitlines():
            if VIETNAMESE.search(line):
                found.append((str(path.relative_to(ROOT)), line.strip()))
    return found


def catalogue() -> dict[tuple[str | None, str], polib.POEntry]:
    return {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(CATALOGUE))}


# Proper names and terms an English reader sees in Vietnamese on purpose: the product, the
# titles of the law (Lao động tiên tiến and the armed forces' Chiến sĩ tiên tiến, CSTĐ = Chiến
# sĩ thi đua, LĐTT, Cờ thi đua của Chính phủ), the level "cơ sở" that is part of a title's name,
# Tết, the Ministry's form codes, and the values a spreadsheet column takes (Có/Không, Nam/Nữ).
# Examples after "e.g." show data, which is Vietnamese.
PROPER_TERMS = ("TĐKT", "Tết", "LĐTT", "CSTĐ", "Lao động tiên tiến", "Chiến sĩ tiên tiến",
                "Cờ thi đua của Chính phủ", "cấp bộ/tỉnh", "cơ sở", "Có", "Không", "Nam", "Nữ")
_EXAMPLE = re.compile(r"e\.g\.[^;]*")  # an example runs to the end or to a ";"
_GLOSS = re.compile(r"\([^)]*\)|“[^”]*”")


# Document numbers and symbols (01/QĐ-UBND, 12/TTr-SGDĐT, 06/2022/QH15) are identifiers.
_SYMBOL = re.compile(r"\S*/\S*|\b[A-ZĐ][A-ZĐ]*(?:-[A-Za-zĐ]+)+")


def vietnamese_ui_text(text: str) -> bool:
    """True when `text`, without its glosses in brackets or quotes, its examples, document
    symbols and the proper terms above, still has Vietnamese in it."""
    text = _EXAMPLE.sub("", _GLOSS.sub("", text))
    for term in PROPER_TERMS:
        text = text.replace(term, "")
    return bool(VIETNAMESE.search(_SYMBOL.sub("", text)))
