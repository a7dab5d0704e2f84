"""Text widths in Times New Roman, measured with the vendored Liberation Serif (same advance
widths by design), so the short rules under the header names can be as long as Decree 30 asks
("as long as the text line" under the motto, 1/3–1/2 of it under the issuing body) in both the
DOCX and the PDF."""

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "documents" / "fonts"
FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}
MM_PER_PT = 25.4 / 72


@cache
def _advances(bold: bool, italic: bool) -> tuple[dict[int, int], int, int]:
    font = TTFont(FONT_DIR / FONT_FILES[bold, italic], lazy=True)
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in cmap.items()}
    return widths, font["head"].unitsPerEm, metrics[".notdef"][0]


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of one line of `text` at `size_pt` (no kerning: Word does not kern by default)."""
    widths, units, fallback = _advances(bold, italic)
    total = sum(widths.get(ord(ch), fallback) for ch in text)
    return total / units * size_pt * MM_PER_PT
