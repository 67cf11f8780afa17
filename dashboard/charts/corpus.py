"""Corpus charts from the comparison: shared wording between articles, distinctive terms.

The comparison's ``pairs`` may be sparse: a pair it does not list is below its similarity
threshold (or not among an article's top neighbours), and counts as "too little to report" (–)
in the article heat table and as 0 in an outlet mean. Both tables are built with numpy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import theme
from dashboard.charts.base import (
    SMALL_SIMILARITY,
    Chart,
    Record,
    article_labels,
    esc,
    layout,
    short,
)

#: At most this many articles in the article x article heat table; beyond it, outlets.
MAX_HEATMAP = 40
#: Numbers printed in the cells up to this many rows.
MAX_CELL_TEXT = 15
#: Distinctive-term panels drawn (the outlets with the most terms beyond chance first).
MAX_TERM_PANELS = 30

MISLEAD = (
    "Shared wording can come from a common source (a wire story, a press release or a "
    "statement both quote), not only from one outlet copying another."
)


def similarity_matrix(ids: Sequence[str], pairs: Sequence[Mapping[str, Any]]) -> np.ndarray:
    """Symmetric article x article similarity, ``nan`` where the comparison lists no pair."""
    index = {i: k for k, i in enumerate(ids)}
    a = np.array([index.get(str(p["a"]), -1) for p in pairs], dtype=int)
    b = np.array([index.get(str(p["b"]), -1) for p in pairs], dtype=int)
    v = np.array([p.get("similarity") or 0.0 for p in pairs], dtype=float)
    keep = (a >= 0) & (b >= 0)
    z = np.full((len(ids), len(ids)), np.nan)
    z[a[keep], b[keep]] = v[keep]
    z[b[keep], a[keep]] = v[keep]
    return z


def outlet_similarity(z: np.ndarray, outlets: Sequence[str], shown: Sequence[str]) -> np.ndarray:
    """Mean similarity over the article pairs of two outlets (unlisted pairs count as 0).

    The diagonal is the mean over pairs of an outlet's own articles (``nan`` with one article).
    """
    column = {o: k for k, o in enumerate(shown)}
    member = np.zeros((len(outlets), len(shown)))
    for i, o in enumerate(outlets):
        if o in column:
            member[i, column[o]] = 1.0
    s = np.nan_to_num(z, nan=0.0)
    np.fill_diagonal(s, 0.0)
    sums = member.T @ s @ member
    sizes = member.sum(axis=0)
    counts = np.outer(sizes, sizes) - np.diag(sizes)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)


def _cells(z: np.ndarray, *, diagonal: bool) -> list[list[str]]:
    if len(z) > MAX_CELL_TEXT:
        return [[""] * len(z) for _ in z]
    return [
        [
            "" if i == j and not diagonal else "–" if np.isnan(v) else f"{v:.2f}"
            for j, v in enumerate(row)
        ]
        for i, row in enumerate(z)
    ]


def _heat(z: np.ndarray, x: Sequence[str], y: Sequence[str], text: list[list[str]]) -> go.Heatmap:
    return go.Heatmap(
        z=z,
        x=list(x),
        y=list(y),
        zmin=0,
        zmax=1,
        text=text,
        texttemplate="%{text}",
        colorscale=[[0, "#FFFFFF"], [1, theme.OKABE_ITO[5]]],
        hovertemplate="%{y}<br>vs %{x}: similarity %{z:.2f}<extra></extra>",
        colorbar={"title": "similarity"},
    )


def similarity(
    records: Sequence[Record], comparison: Mapping[str, Any], *, large_text: bool = False
) -> Chart | None:
    """Heat table of pairwise similarity: articles up to :data:`MAX_HEATMAP`, else outlets."""
    pairs = comparison.get("pairs") or []
    if not pairs or len(records) < 2:
        return None
    ids = [str(r.get("id")) for r in records]
    z = similarity_matrix(ids, pairs)
    n = len(ids)
    per_row = 30 if large_text else 22
    if n <= MAX_HEATMAP:
        if n <= 8:
            labels = article_labels(records, limit=14)
            x, y = labels, [lab.replace("<br>", " · ") for lab in labels]
        else:
            x = y = [f"{k + 1}. " + esc(short(_name(r), 30)) for k, r in enumerate(records)]
        fig = go.Figure(_heat(z, x, y, _cells(z, diagonal=False)))
        title, size = "Shared wording between articles", n
        what = (
            "How much of each pair's wording overlaps (0 = nothing shared, 1 = the same text; "
            "– = too little to report)."
        )
    else:
        outlets = [str(r.get("outlet") or "unknown outlet") for r in records]
        count = Counter(outlets)
        shown = sorted(count, key=lambda o: (-count[o], o))[:MAX_HEATMAP]
        m = outlet_similarity(z, outlets, shown)
        labels = [esc(short(o, 28)) for o in shown]
        fig = go.Figure(_heat(m, labels, labels, _cells(m, diagonal=True)))
        title, size = "Shared wording between outlets", len(shown)
        what = (
            f"Mean similarity over every pair of the two outlets' articles ({n} articles are too "
            "many for one row each; the diagonal compares an outlet's own articles)."
        )
    fig.update_yaxes(autorange="reversed")
    low = int(np.sum(np.triu(np.nan_to_num(z, nan=1.0) < SMALL_SIMILARITY, 1)))
    unlisted = int(np.sum(np.triu(np.isnan(z), 1)))
    notes = []
    if low:
        notes.append(
            f"{low} pairs share less than {SMALL_SIMILARITY:.2f}: common phrases and names alone "
            "give that much."
        )
    if unlisted and n > MAX_HEATMAP:
        notes.append(f"{unlisted} article pairs below the reporting threshold count as 0.")
    noise = " ".join(notes)
    height = 200 + 60 * size if size <= 8 else 180 + per_row * size
    layout(fig, title, noise=noise, large_text=large_text, height=height)
    fig.update_xaxes(tickangle=(-30 if size > 3 else 0) if size <= 8 else -90)
    return Chart("similarity", title, what, MISLEAD, fig, noise)


def _name(record: Record) -> str:
    return f"{record.get('outlet') or 'unknown outlet'} · {record.get('title') or record.get('id')}"


def _grid(count: int, large_text: bool) -> tuple[int, int]:
    if count <= 4:
        return 1, count
    cols = 2 if large_text else 3
    return -(-count // cols), cols


def distinctive_terms(
    comparison: Mapping[str, Any], *, top: int = 8, large_text: bool = False
) -> Chart | None:
    """Top distinctive terms per outlet (weighted log-odds z-scores), one small panel per
    outlet: one row of panels for up to four outlets, a grid beyond (five terms each)."""
    listed = comparison.get("distinctive_terms") or {}
    terms = {o: t for o, t in listed.items() if t}
    if not terms:
        return None
    empty = sorted(o for o, t in listed.items() if not t)
    beyond = {o: sum(1 for t in ts if t["z"] >= 1.96) for o, ts in terms.items()}
    outlets = sorted(sorted(terms), key=lambda o: -beyond[o])[:MAX_TERM_PANELS]
    outlets = sorted(outlets)
    rows, cols = _grid(len(outlets), large_text)
    top = top if rows == 1 else min(top, 5)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[esc(short(o, 24)) for o in outlets],
        horizontal_spacing=0.12 if rows == 1 else 0.22,
        vertical_spacing=min(0.3 / rows, 0.08) if rows > 1 else 0.0,
    )
    for k, outlet in enumerate(outlets):
        at = {"row": k // cols + 1, "col": k % cols + 1}
        chosen = sorted(terms[outlet], key=lambda t: t["z"], reverse=True)[:top][::-1]
        fig.add_trace(
            go.Bar(
                x=[t["z"] for t in chosen],
                y=[esc(short(t["term"], 18)) for t in chosen],
                orientation="h",
                name=esc(outlet),
                marker={"color": theme.colour(k), "pattern": {"shape": theme.pattern(k)}},
                customdata=[[esc(t["term"]), t.get("count")] for t in chosen],
                hovertemplate="%{customdata[0]}: z %{x:.2f}, %{customdata[1]} uses<extra></extra>",
                showlegend=False,
            ),
            **at,
        )
        fig.add_vline(x=1.96, line={"color": theme.NEUTRAL, "dash": "dot"}, **at)
        # The same bar thickness in every panel, however many terms an outlet has.
        fig.update_yaxes(range=[-0.5, top - 0.5], **at)
    below = sum(1 for o in outlets for t in terms[o] if t["z"] < 1.96)
    notes = []
    if below:
        notes.append(f"{below} listed terms have z below 1.96 (dotted line): within the noise.")
    if empty and len(empty) <= 3:
        notes.append("No term stands out beyond chance for: " + "; ".join(empty) + ".")
    elif empty:
        notes.append(f"No term stands out beyond chance for {len(empty)} more outlets.")
    if len(terms) > len(outlets):
        notes.append(f"{len(terms) - len(outlets)} outlets with fewer such terms not drawn.")
    noise = " ".join(notes)
    title = "Distinctive terms per outlet"
    per_term = 34 if large_text else 26
    height = 120 + 36 * top if rows == 1 else rows * (top * per_term + 70)
    layout(fig, title, noise=noise, large_text=large_text, height=height)
    return Chart(
        "distinctive-terms",
        title,
        "Words and phrases each outlet uses more than the others in the selection (weighted "
        "log-odds z-score; right of the dotted line is beyond chance).",
        "With a handful of articles, distinctive words mostly reflect which stories each outlet "
        "covered, not its habits.",
        fig,
        noise,
    )
