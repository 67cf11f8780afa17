"""What every chart shares: the :class:`Chart` record, escaping, labels and the common layout.

All article-derived text (titles, outlets, speakers, terms) is HTML-escaped before it reaches
plotly, which interprets a few tags in labels; plotly turns the entities back into the characters.
"""

from __future__ import annotations

import html
import textwrap
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from analysis.compare.stats import NoisePair
from dashboard import theme

Record = Mapping[str, Any]

#: Grade-level readability formulas shown side by side (all on the US school-grade scale).
GRADE_FORMULAS: tuple[tuple[str, str], ...] = (
    ("flesch_kincaid_grade", "Flesch-Kincaid"),
    ("gunning_fog", "Gunning fog"),
    ("smog_index", "SMOG"),
    ("coleman_liau_index", "Coleman-Liau"),
    ("consensus_grade", "Consensus"),
)

#: Similarity below this is what shared names and stock phrases give two texts on one topic.
SMALL_SIMILARITY = 0.15

#: Fewer quotations or sentences than this and a share or mean is shown as too thin to read.
MIN_EVIDENCE = 3


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart ready to show or export.

    Attributes:
        name: slug, stable across runs (used for file names and widget keys).
        title: the chart's title (also inside the figure).
        what: one sentence: what this shows.
        mislead: one sentence: how this can mislead.
        figure: the plotly figure.
        noise: a plain sentence naming the differences that are within the noise ("" if none).
    """

    name: str
    title: str
    what: str
    mislead: str
    figure: go.Figure
    noise: str = ""


def esc(value: Any) -> str:
    """Escape untrusted text for plotly labels (plotly shows ``&lt;`` as ``<``)."""
    return html.escape(str(value), quote=False)


def pretty(name: str) -> str:
    """A data identifier (``name_calling``, ``china_state``) as words for a label."""
    return str(name).replace("_", " ")


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def article_labels(records: Sequence[Record], *, limit: int = 18) -> list[str]:
    """Short, unique, escaped labels: outlet on one line, the start of the title on the next."""
    labels = []
    seen: dict[str, int] = defaultdict(int)
    for r in records:
        outlet = esc(r.get("outlet") or "unknown outlet")
        base = f"{outlet}<br>{esc(short(r.get('title') or '', limit))}"
        seen[base] += 1
        labels.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return labels


def row_labels(records: Sequence[Record], *, limit: int = 36) -> list[str]:
    """Short, unique, escaped one-line labels ("outlet · title", cut to ``limit`` characters)
    for rows of a long chart; the full names belong in the hover text."""
    labels = []
    seen: dict[str, int] = defaultdict(int)
    for r in records:
        name = f"{r.get('outlet') or 'unknown outlet'} · {r.get('title') or r.get('id') or ''}"
        base = esc(short(name, limit))
        seen[base] += 1
        labels.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return labels


def plain_labels(records: Sequence[Record], *, limit: int = 26) -> list[str]:
    """The same labels on one line, unescaped (for sentences in the page text, not plotly)."""
    return [
        f"{r.get('outlet') or 'unknown outlet'} · {short(r.get('title') or '', limit)}"
        for r in records
    ]


def noise_sentence(pairs: Sequence[NoisePair], names: Sequence[str], what: str) -> str:
    if not pairs:
        return ""
    listed = [f"{names[p.a]} vs {names[p.b]}" for p in pairs[:4]]
    more = f" and {len(pairs) - 4} more pairs" if len(pairs) > 4 else ""
    return f"Within the noise ({what}): " + "; ".join(listed) + more + "."


#: Width, in pixels, the legend rows are packed into (a chart on a 1280-pixel screen with the
#: sidebar open is about 880 pixels wide).
LEGEND_WIDTH = 760


def legend_rows(names: Sequence[str], size: int, *, width: int = LEGEND_WIDTH) -> int:
    """How many rows a horizontal legend of ``names`` needs at font ``size`` (greedy packing;
    an entry is its symbol, about 40 pixels, plus about 0.6 em per character)."""
    rows, used = 0, width
    for name in names:
        need = 40 + int(0.6 * size * len(html.unescape(name)))
        if used + need > width:
            rows, used = rows + 1, 0
        used += need
    return rows


def layout(
    fig: go.Figure, title: str, *, noise: str = "", large_text: bool, height: int = 420
) -> go.Figure:
    """Shared look: the title, then the noise note as its subtitle (so the chart itself says
    which differences are within the noise, in exports too), then the legend rows, then the
    plot. The legend is placed in pixels below the subtitle (container coordinates), so the two
    never overlap, and the top margin grows to fit them."""
    size = theme.LARGE_FONT if large_text else theme.BASE_FONT
    shown = [t.name for t in fig.data if t.showlegend is not False and t.name]
    rows = legend_rows(shown, size) if len(shown) > 1 else 0
    note_size = size - 2
    lines = textwrap.wrap(short(noise, 240), 120 if not large_text else 80) if noise else []
    heading = 14 + int(size * 1.6) + int(len(lines) * note_size * 1.4)
    top = heading + rows * int(size * 1.75) + 16
    total = height + top - 40 + (80 if large_text else 0)
    fig.update_layout(
        title={
            "text": esc(title),
            "subtitle": {
                "text": "<br>".join(esc(line) for line in lines),
                "font": {"size": note_size, "color": "#333333"},
            },
            "x": 0.0,
            "xanchor": "left",
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 10},
        },
        template="plotly_white",
        font={"size": size, "family": "Arial, Helvetica, sans-serif"},
        height=total,
        margin={"l": 60, "r": 20, "t": top, "b": 50},
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "top",
            "y": 1 - (heading + 4) / total,
            "x": 0.0,
            "xref": "container",
        },
    )
    fig.update_xaxes(tickangle=0, automargin=True)
    fig.update_yaxes(automargin=True)
    return fig
