"""Loaded words, readability, voices and naming for a few articles: one bar or column each."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from statistics import median

import plotly.graph_objects as go

from analysis.compare.stats import (
    pairs_within_noise_intervals,
    pairs_within_tolerance,
)
from dashboard import theme
from dashboard.charts.base import (
    GRADE_FORMULAS,
    MIN_EVIDENCE,
    Chart,
    Record,
    article_labels,
    esc,
    layout,
    noise_sentence,
    plain_labels,
    pretty,
    row_labels,
    short,
)

#: Up to this many articles, labels take two lines (outlet, then the title's start).
MAX_TWO_LINE = 8


def loaded_rates(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Loaded words per 1,000 words stacked by category, with the own-voice rate and interval."""
    if not any(r.get("loaded") for r in records):
        return None
    labels = article_labels(records)
    categories = sorted(
        {c for r in records for c in (r.get("loaded") or {}).get("by_category", {})}
    )
    fig = go.Figure()
    for k, category in enumerate(categories):
        rates = []
        for r in records:
            count = (r.get("loaded") or {}).get("by_category", {}).get(category, 0)
            rates.append(1000 * count / r["words"] if r.get("words") else 0)
        fig.add_trace(
            go.Bar(
                x=labels,
                y=rates,
                name=esc(pretty(category)),
                marker={"color": theme.colour(k), "pattern": {"shape": theme.pattern(k)}},
                hovertemplate=f"{esc(pretty(category))}: %{{y:.1f}} per 1,000 words<extra></extra>",
            )
        )
    rates, plus, minus, intervals = [], [], [], []
    for r in records:
        loaded = r.get("loaded") or {}
        rate, ci = loaded.get("own_per_1k"), loaded.get("own_per_1k_ci")
        rates.append(rate)
        ok = rate is not None and ci is not None and len(ci) == 2
        plus.append(ci[1] - rate if ok else 0)
        minus.append(rate - ci[0] if ok else 0)
        intervals.append(tuple(ci) if ok else None)
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=rates,
            mode="markers",
            name="writer's own voice, 95% interval",
            marker={"symbol": "diamond", "size": 12, "color": "#000000"},
            error_y={"type": "data", "array": plus, "arrayminus": minus, "visible": True},
            hovertemplate="own voice: %{y:.1f} per 1,000 words<extra></extra>",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="loaded words per 1,000 words")
    noise = noise_sentence(
        pairs_within_noise_intervals(intervals),
        plain_labels(records),
        "own-voice rates' 95% intervals overlap",
    )
    title = "Loaded words per 1,000 words"
    layout(fig, title, noise=noise, large_text=large_text)
    return Chart(
        "loaded-rates",
        title,
        "Loaded words per 1,000 words, stacked by category (all text); the black diamond is the "
        "rate in the writer's own sentences with its 95% interval.",
        "A word list cannot read context: a listed word may be quoted, negated or literal, and "
        "short articles have wide intervals.",
        fig,
        noise,
    )


def readability_grades(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Grade-level formulas per article, side by side."""
    if not any(r.get("readability") for r in records):
        return None
    labels = article_labels(records)
    fig = go.Figure()
    for k, (key, label) in enumerate(GRADE_FORMULAS):
        fig.add_trace(
            go.Bar(
                x=labels,
                y=[(r.get("readability") or {}).get(key) for r in records],
                name=label,
                marker={"color": theme.colour(k), "pattern": {"shape": theme.pattern(k)}},
                hovertemplate=f"{label}: grade %{{y:.1f}}<extra></extra>",
            )
        )
    spreads = []
    for r in records:
        grades = [
            (r.get("readability") or {}).get(key)
            for key, _ in GRADE_FORMULAS
            if key != "consensus_grade"
        ]
        grades = [g for g in grades if g is not None]
        if len(grades) >= 2:
            spreads.append(max(grades) - min(grades))
    tolerance = median(spreads) if spreads else 0.0
    consensus = [(r.get("readability") or {}).get("consensus_grade") for r in records]
    noise = noise_sentence(
        pairs_within_tolerance(consensus, tolerance),
        plain_labels(records),
        f"consensus grades closer than the {tolerance:.1f} grades the formulas disagree by",
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="US school grade")
    title = "Readability grades"
    layout(fig, title, noise=noise, large_text=large_text)
    return Chart(
        "readability",
        title,
        "The US school grade each article needs according to four standard readability formulas "
        "and their consensus.",
        "The formulas only count sentence and word length; they disagree by several grades on the "
        "same text and say nothing about how hard the ideas are.",
        fig,
        noise,
    )


def _voice_words(record: Record) -> dict[str, int]:
    voices = record.get("voices") or {}
    words: dict[str, int] = defaultdict(int)
    for q in voices.get("quotes", ()):
        group = q.get("speaker_group") or ("unattributed" if not q.get("speaker") else "other")
        words[group] += len((q.get("text") or "").split())
    return dict(words)


def _voice_units(
    records: Sequence[Record], by_outlet: bool
) -> list[tuple[str, str, dict[str, int], int]]:
    """(label, plain name, quoted words by group, quotations) per bar: articles or outlets."""
    if by_outlet:
        pooled: dict[str, tuple[dict[str, int], list[int]]] = {}
        for r in records:
            words, quotes = pooled.setdefault(
                str(r.get("outlet") or "unknown outlet"), (defaultdict(int), [0])
            )
            for group, count in _voice_words(r).items():
                words[group] += count
            quotes[0] += len((r.get("voices") or {}).get("quotes", ()))
        return [(esc(short(o, 28)), o, dict(w), q[0]) for o, (w, q) in pooled.items()]
    labels = article_labels(records) if len(records) <= MAX_TWO_LINE else row_labels(records)
    return [
        (label, name, _voice_words(r), len((r.get("voices") or {}).get("quotes", ())))
        for label, name, r in zip(labels, plain_labels(records), records, strict=True)
    ]


def voice_share(
    records: Sequence[Record], *, by_outlet: bool = False, large_text: bool = False
) -> Chart | None:
    """Share of quoted words by speaker group, one bar per article (or per outlet, its
    articles' quoted words pooled), sorted by the share of the most-quoted group."""
    if not any(r.get("voices") for r in records):
        return None
    units = _voice_units(records, by_outlet)
    totals: dict[str, int] = defaultdict(int)
    for _, _, words, _ in units:
        for group, count in words.items():
            totals[group] += count
    groups = sorted(totals)
    lead = max(groups, key=lambda g: (totals[g], g)) if groups else None

    def share(words: dict[str, int], group: str) -> float:
        total = sum(words.values())
        return 100 * words.get(group, 0) / total if total else 0.0

    if len(units) > MAX_TWO_LINE and lead is not None:
        units.sort(key=lambda u: -share(u[2], lead))
    thin = [u for u in units if u[3] < MIN_EVIDENCE]
    labels = [u[0] + (" ◌" if u[3] < MIN_EVIDENCE else "") for u in units]
    fig = go.Figure()
    for k, group in enumerate(groups):
        shares = [share(u[2], group) for u in units]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=shares,
                orientation="h",
                name=esc(group),
                marker={"color": theme.colour(k), "pattern": {"shape": theme.pattern(k)}},
                text=[esc(group) if s >= 12 else "" for s in shares],
                textposition="inside",
                hovertemplate=f"{esc(group)}: %{{x:.0f}}% of quoted words<extra></extra>",
            )
        )
    if len(thin) > 3:
        noun = "outlets" if by_outlet else "articles"
        noise = (
            f"{len(thin)} of {len(units)} {noun} have fewer than {MIN_EVIDENCE} quotations (◌ "
            "after the name): their shares are within the noise."
        )
    elif thin:
        noise = (
            f"Fewer than {MIN_EVIDENCE} quotations, so the shares are within the noise: "
            + "; ".join(u[1] for u in thin)
            + "."
        )
    else:
        noise = ""
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="% of quoted words", range=[0, 100])
    fig.update_yaxes(autorange="reversed")
    title = "Who is quoted: voice share by speaker group"
    per = 70 if len(units) <= MAX_TWO_LINE and not by_outlet else (34 if large_text else 24)
    height = max(120 + per * len(units), 220)
    layout(fig, title, noise=noise, large_text=large_text, height=height)
    return Chart(
        "voice-share",
        title,
        "Of the words inside quotation marks, the share given to each group of speakers"
        + (" (an outlet's articles pooled)." if by_outlet else "."),
        "It counts quoted words, not paraphrase or how speakers are framed; speaker groups come "
        "from a list and quotations with no named speaker show as unattributed.",
        fig,
        noise,
    )


def verbs_by_group(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Heat table of reporting verbs (columns) used for each speaker group (rows), with counts."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in records:
        for q in (r.get("voices") or {}).get("quotes", ()):
            if q.get("verb"):
                counts[q.get("speaker_group") or "unattributed"][q["verb"].lower()] += 1
    if not counts:
        return None
    groups = sorted(counts)
    verbs = sorted({v for c in counts.values() for v in c})
    z = [[counts[g].get(v, 0) for v in verbs] for g in groups]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[esc(v) for v in verbs],
            y=[esc(g) for g in groups],
            text=[[str(n) if n else "" for n in row] for row in z],
            texttemplate="%{text}",
            colorscale=[[0, "#FFFFFF"], [1, theme.OKABE_ITO[2]]],
            hovertemplate="%{y} · %{x}: %{z} quotations<extra></extra>",
            colorbar={"title": "quotations"},
        )
    )
    total = sum(map(sum, z))
    noise = (
        f"Only {total} attributed quotations: counts this small are within the noise."
        if total < 10 * MIN_EVIDENCE
        else ""
    )
    title = "Reporting verbs by speaker group"
    layout(fig, title, noise=noise, large_text=large_text, height=200 + 45 * len(groups))
    fig.update_xaxes(tickangle=-40 if len(verbs) <= 12 else -90)
    return Chart(
        "reporting-verbs",
        title,
        "Which verbs introduce each group's quotations (said, claimed, admitted, warned ...).",
        "Verb choice is often the house style or the speaker's own framing, and a few "
        "quotations per group cannot show a pattern.",
        fig,
        noise,
    )


def naming_choices(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Heat table of naming variants (rows, grouped by actor) used by each outlet (columns)."""
    if not any(r.get("naming") for r in records):
        return None
    by_outlet: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    variants_seen: set[str] = set()
    for r in records:
        outlet = r.get("outlet") or "unknown outlet"
        for group, variants in (r.get("naming") or {}).items():
            for variant, count in variants.items():
                row = f"{pretty(group)}: {variant}"
                by_outlet[outlet][row] += count
                variants_seen.add(row)
    if not variants_seen:
        return None
    rows = sorted(variants_seen)
    outlets = sorted(by_outlet)
    z = [[by_outlet[o].get(v, 0) for o in outlets] for v in rows]
    x, y = [esc(short(o, 24)) for o in outlets], [esc(v) for v in rows]
    # Many outlets: outlets become the rows (long names stay horizontal and readable).
    wide = len(outlets) > MAX_TWO_LINE
    if wide:
        z = [list(col) for col in zip(*z, strict=True)]
        x, y = y, [esc(short(o, 28)) for o in outlets]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=[[str(v) if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            colorscale=[[0, "#FFFFFF"], [1, theme.OKABE_ITO[0]]],
            hovertemplate="%{x} · %{y}: %{z} uses<extra></extra>",
            colorbar={"title": "uses"},
        )
    )
    thin = sum(1 for line in z for v in line if 0 < v < MIN_EVIDENCE)
    noise = (
        f"{thin} cells count fewer than {MIN_EVIDENCE} uses: differences of one or two uses are "
        "within the noise."
        if thin
        else ""
    )
    title = "Naming choices: outlet × variant"
    per = 30 if large_text else 24
    height = 230 + per * (len(outlets) if wide else len(rows))
    layout(fig, title, noise=noise, large_text=large_text, height=height)
    fig.update_yaxes(autorange="reversed")
    if len(x) > 4:
        # Upright labels: rotated boxes of long labels at a slant overlap their neighbours.
        fig.update_xaxes(tickangle=-90)
    return Chart(
        "naming",
        title,
        "How often each outlet uses each name for the same actor (a party, a government, a "
        "country ...), summed over its selected articles.",
        "Counts depend on article length and topic; a variant may be the only correct name in "
        "context, and one outlet's few articles are not its style guide.",
        fig,
        noise,
    )
