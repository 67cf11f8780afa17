"""Colours, patterns and the large-text style shared by the charts and the pages.

The palette is Okabe & Ito's (2008) eight colours, distinguishable with the common forms of
colour-blindness. Colour is never the only cue: every series also gets a fill pattern or a line
style, and categories are named in labels and hover text.

References:
    Okabe, M. & Ito, K. (2008). "Color Universal Design (CUD): How to make figures and
    presentations that are friendly to colorblind people." https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

#: Okabe-Ito colours, most distinct first (black last: it is used for overlays and text).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

#: Plotly bar fill patterns, paired with the colours so print and colour-blind readers can tell
#: series apart.
PATTERNS: tuple[str, ...] = ("", "/", ".", "x", "\\", "-", "|", "+")

#: Underline styles for the reader's loaded-word categories (CSS ``text-decoration-style``).
#: Eight distinct (lines, style) pairs, one per palette colour, so no two categories share a look.
UNDERLINES: tuple[tuple[str, str], ...] = (
    ("underline", "solid"),
    ("underline", "wavy"),
    ("underline", "double"),
    ("underline", "dotted"),
    ("underline", "dashed"),
    ("underline overline", "solid"),
    ("underline overline", "dotted"),
    ("underline overline", "dashed"),
)

#: Negative / positive ends of the sentiment scale (vermillion / blue, safe for deuteranopes).
NEGATIVE = "#D55E00"
POSITIVE = "#0072B2"
NEUTRAL = "#999999"

BASE_FONT = 14
LARGE_FONT = 20


def colour(i: int) -> str:
    """The i-th palette colour (cycling)."""
    return OKABE_ITO[i % len(OKABE_ITO)]


def pattern(i: int) -> str:
    """The i-th fill pattern (cycling)."""
    return PATTERNS[i % len(PATTERNS)]


#: Page CSS always applied: less empty space above the title so more fits on a 720-pixel screen.
BASE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>
"""

#: Extra CSS for the large-text option (a constant: never built from article text).
LARGE_TEXT_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 20px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], .fr-text, label, button { font-size: 1.15rem !important; }
h1 { font-size: 2.4rem !important; } h2 { font-size: 1.9rem !important; }
h3 { font-size: 1.5rem !important; }
</style>
"""
