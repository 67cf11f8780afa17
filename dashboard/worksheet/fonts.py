"""The fonts of printed worksheets: the Bitstream Vera fonts that ship inside ReportLab.

Typographic quotes and dashes are included; a character the font lacks prints as "?".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from analysis.classroom.blind import MASK

FONT = "Vera"
_FONT_FILES = {
    "Vera": "Vera.ttf",
    "Vera-Bold": "VeraBd.ttf",
    "Vera-Italic": "VeraIt.ttf",
    "Vera-BoldItalic": "VeraBI.ttf",
}


@lru_cache(maxsize=1)
def fonts() -> frozenset[int]:
    """Register the Vera fonts shipped in ReportLab once; returns the code points they cover."""
    import reportlab

    folder = Path(reportlab.__file__).resolve().parent / "fonts"
    for name, file in _FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )
    return frozenset(TTFont(FONT, str(folder / _FONT_FILES[FONT])).face.charToGlyph)


def pdf_safe(text: str) -> str:
    """Text the PDF font can draw: characters it lacks become "?" (masks stay for styling)."""
    covered = fonts()
    return "".join(
        ch if ord(ch) in covered or ch in "\n" + MASK else " " if ch.isspace() else "?"
        for ch in str(text)
    )
