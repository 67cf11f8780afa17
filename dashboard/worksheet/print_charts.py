"""The worksheet's key charts, drawn with ``reportlab.graphics`` for print.

The same drawing prints in the PDF and becomes inline SVG in the HTML version. Nothing depends on
colour: series differ by fill (black, white, greys) and are labelled by number or value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String

from dashboard.worksheet.content import Record
from dashboard.worksheet.fonts import FONT, pdf_safe

#: Drawing width in points: fits the text width of both A4 and Letter with 15 mm margins.
CHART_WIDTH = 500
_GREYS = ("#000000", "#ffffff", "#8c8c8c", "#d9d9d9", "#4d4d4d", "#f2f2f2", "#b3b3b3")


@dataclass(frozen=True, slots=True)
class PrintChart:
    """A chart for print: title, what it shows, how it can mislead, and the drawing."""

    title: str
    what: str
    mislead: str
    drawing: Drawing


def _short(text: str, limit: int = 26) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


ROW = 26


def _frame(title: str, rows: int, *, below: float) -> tuple[Drawing, float, float, float]:
    """A drawing sized for ``rows`` bars and ``below`` points of axis and legend under them:
    returns it, the top y of the rows, the x where bars start, and the bar area's width."""
    height = 34 + rows * ROW + below
    drawing = Drawing(CHART_WIDTH, height)
    drawing.add(String(0, height - 14, pdf_safe(title), fontName=f"{FONT}-Bold", fontSize=11))
    return drawing, height - 34, 150, CHART_WIDTH - 150 - 40


def _text(drawing: Drawing, x: float, y: float, text: str, **kw: Any) -> None:
    font, size = kw.pop("font", FONT), kw.pop("fontSize", 8)
    drawing.add(String(x, y, pdf_safe(text), fontName=font, fontSize=size, **kw))


def tone_chart(records: Sequence[Record], names: Mapping[str, str]) -> PrintChart | None:
    rows = [
        (
            names[str(r["id"])],
            (r.get("sentiment") or {}).get("narrator_mean"),
            (r.get("sentiment") or {}).get("quoted_mean"),
        )
        for r in records
    ]
    if all(n is None and q is None for _, n, q in rows):
        return None
    biggest = max(abs(v) for _, n, q in rows for v in (n, q) if v is not None)
    scale = max(0.2, -(-biggest * 10 // 1) / 10)
    drawing, top, x0, width = _frame(
        "Tone: the writer's own sentences and quoted ones", len(rows), below=40
    )
    zero = x0 + width / 2
    for i, (name, narrator, quoted) in enumerate(rows):
        y = top - i * ROW
        _text(drawing, 0, y - 12, _short(name))
        for k, (value, fill) in enumerate(((narrator, "#000000"), (quoted, "#ffffff"))):
            bar_y = y - 10 - k * 10 + 6
            if value is None:
                _text(drawing, zero + 4, bar_y, "no quotes" if k else "–", fontSize=7)
                continue
            length = value / scale * width / 2
            drawing.add(
                Rect(
                    min(zero, zero + length),
                    bar_y,
                    abs(length),
                    8,
                    fillColor=colour(fill),
                    strokeColor=colour("#000000"),
                    strokeWidth=0.6,
                )
            )
            label_x = zero + length + (3 if value >= 0 else -3)
            _text(
                drawing,
                label_x,
                bar_y + 1,
                f"{value:+.2f}",
                textAnchor="start" if value >= 0 else "end",
            )
    bottom = top - len(rows) * ROW
    drawing.add(Line(zero, top + 6, zero, bottom + 4, strokeWidth=0.8))
    for tick in (-scale, 0.0, scale):
        x = zero + tick / scale * width / 2
        _text(
            drawing, x, bottom - 6, f"{tick:+.1f}" if tick else "0 (neutral)", textAnchor="middle"
        )
    _legend(
        drawing,
        bottom - 24,
        [("#000000", "writer's own sentences"), ("#ffffff", "quoted sentences")],
    )
    return PrintChart(
        "Tone",
        "Average VADER tone of each article's sentences, from -1 (very negative) to +1 (very "
        "positive), for the writer's own sentences (black) and the quoted ones (white).",
        "An average hides strong sentences that cancel out; VADER reads single words and "
        "misses irony and context.",
        drawing,
    )


def loaded_chart(records: Sequence[Record], names: Mapping[str, str]) -> PrintChart | None:
    rows = [
        (
            names[str(r["id"])],
            (r.get("loaded") or {}).get("own_per_1k"),
            (r.get("loaded") or {}).get("own_per_1k_ci"),
        )
        for r in records
    ]
    if all(v is None for _, v, _ in rows):
        return None
    top_value = max((ci[1] if ci else v) for _, v, ci in rows if v is not None) or 1.0
    drawing, top, x0, width = _frame(
        "Loaded words per 1,000 of the writer's own words", len(rows), below=8
    )
    for i, (name, value, ci) in enumerate(rows):
        y = top - i * ROW
        _text(drawing, 0, y - 12, _short(name))
        if value is None:
            _text(drawing, x0, y - 12, "no words")
            continue
        length = value / top_value * width
        drawing.add(
            Rect(
                x0,
                y - 16,
                length,
                12,
                fillColor=colour("#b3b3b3"),
                strokeColor=colour("#000000"),
                strokeWidth=0.6,
            )
        )
        end = length
        if ci:
            lo, hi = (x0 + c / top_value * width for c in ci)
            drawing.add(Line(lo, y - 10, hi, y - 10, strokeWidth=1))
            drawing.add(Line(lo, y - 14, lo, y - 6, strokeWidth=1))
            drawing.add(Line(hi, y - 14, hi, y - 6, strokeWidth=1))
            end = hi - x0
        _text(drawing, x0 + end + 4, y - 13, f"{value:.1f}")
    bottom = top - len(rows) * ROW
    drawing.add(Line(x0, top + 6, x0, bottom + 4, strokeWidth=0.8))
    return PrintChart(
        "Loaded words",
        "How many words from the loaded-word lists the writer uses per 1,000 of their own "
        "words (quotations left out); the line is the 95% range the rate could have by chance.",
        "The lists cannot see context: a listed word can be neutral in its sentence, and an "
        "unlisted one loaded. Overlapping ranges mean the difference may be chance.",
        drawing,
    )


def voices_chart(records: Sequence[Record], names: Mapping[str, str]) -> PrintChart | None:
    shares = []
    groups: dict[str, None] = {}
    for r in records:
        words: dict[str, int] = {}
        for s in (r.get("voices") or {}).get("speakers") or ():
            group = s.get("group") or "no group found"
            words[group] = words.get(group, 0) + int(s.get("words") or 0)
            groups.setdefault(group, None)
        shares.append((names[str(r["id"])], words))
    if not groups:
        return None
    order = list(groups)
    drawing, top, x0, width = _frame(
        "Who is quoted: share of quoted words by group",
        len(shares),
        below=14 + 12 * ((len(order) + 1) // 2),
    )
    for i, (name, words) in enumerate(shares):
        y = top - i * ROW
        _text(drawing, 0, y - 12, _short(name))
        total = sum(words.values())
        if not total:
            _text(drawing, x0, y - 12, "nobody quoted by name")
            continue
        x = x0
        for k, group in enumerate(order):
            part = words.get(group, 0) / total * width
            if part <= 0:
                continue
            fill = _GREYS[k % len(_GREYS)]
            drawing.add(
                Rect(
                    x,
                    y - 18,
                    part,
                    14,
                    fillColor=colour(fill),
                    strokeColor=colour("#000000"),
                    strokeWidth=0.6,
                )
            )
            if part >= 14:
                ink = "#ffffff" if fill in ("#000000", "#4d4d4d", "#8c8c8c") else "#000000"
                _text(
                    drawing,
                    x + part / 2,
                    y - 14,
                    str(k + 1),
                    textAnchor="middle",
                    fillColor=colour(ink),
                    font=f"{FONT}-Bold",
                )
            x += part
    bottom = top - len(shares) * ROW
    legend_y = bottom - 6
    _number_legend(drawing, legend_y, order)
    return PrintChart(
        "Who is quoted",
        "Each bar splits an article's quoted words among the groups of the people quoted; the "
        "numbers in the bar match the list under the chart.",
        "A share says nothing about how the quotes are used, and a speaker the tool could not "
        "place counts as 'no group found'.",
        drawing,
    )


def _legend(drawing: Drawing, y: float, items: Sequence[tuple[str, str]]) -> None:
    x = 150
    for fill, label in items:
        drawing.add(
            Rect(
                x,
                y,
                10,
                8,
                fillColor=colour(fill),
                strokeColor=colour("#000000"),
                strokeWidth=0.6,
            )
        )
        _text(drawing, x + 14, y + 1, label)
        x += 24 + 5 * len(label)


def _number_legend(drawing: Drawing, y: float, groups: Sequence[str]) -> None:
    for k, group in enumerate(groups):
        row, col = divmod(k, 2)
        x = 150 + col * 170
        yy = y - 12 * row - 8
        drawing.add(
            Rect(
                x,
                yy,
                10,
                8,
                fillColor=colour(_GREYS[k % len(_GREYS)]),
                strokeColor=colour("#000000"),
                strokeWidth=0.6,
            )
        )
        _text(drawing, x + 14, yy + 1, f"{k + 1} = {_short(group, 30)}")


def colour(value: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(value)
