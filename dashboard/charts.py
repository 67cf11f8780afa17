"""Pure figure builders: article dicts (the JSON contract) in, plotly figures out. No ``st.*``.

Every chart comes with a one-sentence "what this shows" and "how this can mislead", and says in
the figure itself which articles differ by less than the noise (helpers in
``analysis.compare.stats``).
A builder returns ``None`` when the section it needs is not in the records yet; ``unavailable``
lists those charts so a page can say "not available yet" instead of failing.

All article-derived text (titles, outlets, speakers, terms) is HTML-escaped before it reaches
plotly, which interprets a few tags in labels; plotly turns the entities back into the characters.
"""

from __future__ import annotations

import html
import textwrap
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.compare.stats import (
    NoisePair,
    mean_interval,
    pairs_within_noise_intervals,
    pairs_within_noise_means,
    pairs_within_tolerance,
    sentence_compounds,
    welch_difference,
)
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


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def article_labels(records: Sequence[Record], *, limit: int = 18) -> list[str]:
    """Short, unique, escaped labels: outlet on one line, the start of the title on the next."""
    labels = []
    seen: dict[str, int] = defaultdict(int)
    for r in records:
        outlet = esc(r.get("outlet") or "unknown outlet")
        base = f"{outlet}<br>{esc(_short(r.get('title') or '', limit))}"
        seen[base] += 1
        labels.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return labels


def plain_labels(records: Sequence[Record], *, limit: int = 26) -> list[str]:
    """The same labels on one line, unescaped (for sentences in the page text, not plotly)."""
    return [
        f"{r.get('outlet') or 'unknown outlet'} · {_short(r.get('title') or '', limit)}"
        for r in records
    ]


def _noise_sentence(pairs: Sequence[NoisePair], names: Sequence[str], what: str) -> str:
    if not pairs:
        return ""
    listed = [f"{names[p.a]} vs {names[p.b]}" for p in pairs[:4]]
    more = f" and {len(pairs) - 4} more pairs" if len(pairs) > 4 else ""
    return f"Within the noise ({what}): " + "; ".join(listed) + more + "."


def _layout(
    fig: go.Figure, title: str, *, noise: str = "", large_text: bool, height: int = 420
) -> go.Figure:
    """Shared look: the title, then the noise note as its subtitle (so the chart itself says
    which differences are within the noise, in exports too), then the legend rows, then the
    plot; the top margin grows to fit them."""
    size = theme.LARGE_FONT if large_text else theme.BASE_FONT
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    per_row = 2 if large_text else 3
    legend_rows = -(-len(shown) // per_row) if len(shown) > 1 else 0
    note_size = size - 2
    lines = textwrap.wrap(_short(noise, 240), 120 if not large_text else 85) if noise else []
    top = 48 + int(len(lines) * note_size * 1.35) + legend_rows * int(size * 1.7)
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
        height=height + top - 40 + (80 if large_text else 0),
        margin={"l": 60, "r": 20, "t": top, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
    )
    fig.update_xaxes(tickangle=0, automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


# --- builders -------------------------------------------------------------------------------


def sentence_sentiment(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Distribution of sentence compounds per article (box + every sentence as a dot)."""
    samples = [sentence_compounds(r) for r in records]
    if not any(samples):
        return None
    labels = article_labels(records)
    fig = go.Figure()
    for i, (label, values) in enumerate(zip(labels, samples, strict=True)):
        fig.add_trace(
            go.Box(
                y=values,
                name=label,
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                boxmean=True,
                marker={"color": theme.colour(i), "symbol": i % 8, "size": 6},
                line={"color": theme.colour(i)},
                showlegend=False,
                hovertemplate="compound %{y:.2f}<extra></extra>",
            )
        )
    fig.add_hline(y=0, line={"color": theme.NEUTRAL, "dash": "dot"})
    fig.update_yaxes(title="sentence tone (compound)", range=[-1.05, 1.05])
    noise = _noise_sentence(
        pairs_within_noise_means(samples), plain_labels(records), "difference of mean sentence tone"
    )
    title = "Sentence sentiment per article"
    _layout(fig, title, noise=noise, large_text=large_text)
    return Chart(
        "sentence-sentiment",
        title,
        "How positive or negative each sentence reads (VADER compound, −1 to +1): one dot per "
        "sentence, the box spans the middle half, the dashed line marks the mean.",
        "VADER scores word choice, not stance: a sentence reporting violence reads negative "
        "whoever wrote it, and differences in means this small are often chance.",
        fig,
        noise,
    )


def narrator_vs_quoted(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Mean tone of the writer's own sentences vs mostly-quoted sentences, with 95% intervals."""
    if not any(r.get("sentence_scores") for r in records):
        return None
    labels = article_labels(records)
    names = plain_labels(records)
    fig = go.Figure()
    noisy = []
    for k, (part, in_quote) in enumerate((("narrator", False), ("quoted", True))):
        means, plus, minus, counts = [], [], [], []
        for r in records:
            iv = mean_interval(sentence_compounds(r, in_quote=in_quote))
            means.append(iv.mean if iv else None)
            plus.append(iv.high - iv.mean if iv and iv.high is not None else 0)
            minus.append(iv.mean - iv.low if iv and iv.low is not None else 0)
            counts.append(iv.n if iv else 0)
        fig.add_trace(
            go.Bar(
                x=labels,
                y=means,
                name=f"{part} sentences",
                marker={"color": theme.colour(k), "pattern": {"shape": theme.pattern(k)}},
                error_y={"type": "data", "array": plus, "arrayminus": minus, "visible": True},
                customdata=counts,
                hovertemplate=f"{part}: %{{y:.2f}} (%{{customdata}} sentences)<extra></extra>",
            )
        )
    for i, r in enumerate(records):
        d = welch_difference(
            sentence_compounds(r, in_quote=False), sentence_compounds(r, in_quote=True)
        )
        if d is None or d.within_noise:
            noisy.append(names[i])
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="mean sentence compound")
    noise = (
        "Narrator and quoted tone differ by less than the noise (or too few quoted sentences) "
        "in: " + "; ".join(noisy) + "."
        if noisy
        else ""
    )
    title = "Narrator vs quoted sentiment"
    _layout(fig, title, noise=noise, large_text=large_text)
    return Chart(
        "narrator-vs-quoted",
        title,
        "Mean sentence tone in the writer's own sentences against sentences that are mostly "
        "quotation, with 95% intervals.",
        "A quotation's tone is the speaker's, but which quotations appear is the writer's choice; "
        "articles with few quoted sentences have wide or missing intervals.",
        fig,
        noise,
    )


def loaded_rates(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Loaded words per 1,000 words stacked by category, with the narrator rate and interval."""
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
        rate, ci = loaded.get("per_1k"), loaded.get("per_1k_ci")
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
            name="narrator rate, 95% interval",
            marker={"symbol": "diamond", "size": 12, "color": "#000000"},
            error_y={"type": "data", "array": plus, "arrayminus": minus, "visible": True},
            hovertemplate="narrator: %{y:.1f} per 1,000 words<extra></extra>",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="loaded words per 1,000 words")
    noise = _noise_sentence(
        pairs_within_noise_intervals(intervals),
        plain_labels(records),
        "narrator rates' 95% intervals overlap",
    )
    title = "Loaded words per 1,000 words"
    _layout(fig, title, noise=noise, large_text=large_text)
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
    noise = _noise_sentence(
        pairs_within_tolerance(consensus, tolerance),
        plain_labels(records),
        f"consensus grades closer than the {tolerance:.1f} grades the formulas disagree by",
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="US school grade")
    title = "Readability grades"
    _layout(fig, title, noise=noise, large_text=large_text)
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


def voice_share(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Share of quoted words by speaker group, one bar per article."""
    if not any(r.get("voices") for r in records):
        return None
    labels = article_labels(records)
    per_article = [_voice_words(r) for r in records]
    groups = sorted({g for w in per_article for g in w})
    fig = go.Figure()
    for k, group in enumerate(groups):
        shares = []
        for words in per_article:
            total = sum(words.values())
            shares.append(100 * words.get(group, 0) / total if total else 0)
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
    thin = [
        name
        for name, r in zip(plain_labels(records), records, strict=True)
        if len((r.get("voices") or {}).get("quotes", ())) < MIN_EVIDENCE
    ]
    noise = (
        f"Fewer than {MIN_EVIDENCE} quotations, so the shares are within the noise: "
        + "; ".join(thin)
        + "."
        if thin
        else ""
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="% of quoted words", range=[0, 100])
    fig.update_yaxes(autorange="reversed")
    title = "Who is quoted: voice share by speaker group"
    _layout(fig, title, noise=noise, large_text=large_text, height=120 + 70 * len(records))
    return Chart(
        "voice-share",
        title,
        "Of the words inside quotation marks, the share given to each group of speakers.",
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
    _layout(fig, title, noise=noise, large_text=large_text, height=200 + 45 * len(groups))
    fig.update_xaxes(tickangle=-40)
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
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[esc(_short(o, 24)) for o in outlets],
            y=[esc(v) for v in rows],
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
    _layout(fig, title, noise=noise, large_text=large_text, height=230 + 24 * len(rows))
    fig.update_yaxes(autorange="reversed")
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


def sentiment_toward(records: Sequence[Record], *, large_text: bool = False) -> Chart | None:
    """Mean tone of narrator sentences naming each actor group, per article."""
    toward = [((r.get("sentiment") or {}).get("toward") or {}) for r in records]
    if not any(toward):
        return None
    labels = article_labels(records)
    names = plain_labels(records)
    fig = go.Figure()
    thin = []
    for i, (label, groups) in enumerate(zip(labels, toward, strict=True)):
        items = sorted(groups.items())
        if not items:
            continue
        fig.add_trace(
            go.Scatter(
                x=[v["mean"] for _, v in items],
                y=[esc(pretty(g)) for g, _ in items],
                mode="markers",
                name=label.replace("<br>", " · "),
                marker={
                    "color": theme.colour(i),
                    "symbol": i % 8,
                    "size": [8 + 2 * min(v["sentences"], 10) for _, v in items],
                    "line": {"color": "#000000", "width": 1},
                },
                customdata=[v["sentences"] for _, v in items],
                hovertemplate="%{y}: %{x:.2f} from %{customdata} sentences<extra></extra>",
            )
        )
        thin.extend(
            f"{names[i]} on {pretty(g)}" for g, v in items if v.get("sentences", 0) < MIN_EVIDENCE
        )
    fig.add_vline(x=0, line={"color": theme.NEUTRAL, "dash": "dot"})
    fig.update_xaxes(title="mean compound of narrator sentences naming the group", range=[-1, 1])
    noise = (
        f"Based on fewer than {MIN_EVIDENCE} sentences (within the noise): "
        + "; ".join(thin[:4])
        + (f" and {len(thin) - 4} more" if len(thin) > 4 else "")
        + "."
        if thin
        else ""
    )
    title = "Sentiment toward actors"
    _layout(fig, title, noise=noise, large_text=large_text)
    return Chart(
        "sentiment-toward",
        title,
        "The mean tone of the writer's own sentences that name each actor group; bigger markers "
        "rest on more sentences.",
        "A sentence's tone is not necessarily aimed at the actor it names (it may be about "
        "something done to them), and one or two sentences decide a small mean.",
        fig,
        noise,
    )


def similarity(
    records: Sequence[Record], comparison: Mapping[str, Any], *, large_text: bool = False
) -> Chart | None:
    """Heat table of pairwise similarity with the share of each article reused from the other."""
    pairs = comparison.get("pairs") or []
    if not pairs or len(records) < 2:
        return None
    ids = [str(r.get("id")) for r in records]
    index = {i: k for k, i in enumerate(ids)}
    n = len(ids)
    z: list[list[float | None]] = [[None] * n for _ in range(n)]
    for p in pairs:
        a, b = index.get(str(p["a"])), index.get(str(p["b"]))
        if a is not None and b is not None:
            z[a][b] = z[b][a] = p.get("similarity")
    labels = article_labels(records, limit=14)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels,
            y=[lab.replace("<br>", " · ") for lab in labels],
            zmin=0,
            zmax=1,
            text=[
                ["" if i == j else f"{v:.2f}" if v is not None else "–" for j, v in enumerate(row)]
                for i, row in enumerate(z)
            ],
            texttemplate="%{text}",
            colorscale=[[0, "#FFFFFF"], [1, theme.OKABE_ITO[5]]],
            hovertemplate="%{y}<br>vs %{x}: similarity %{z:.2f}<extra></extra>",
            colorbar={"title": "similarity"},
        )
    )
    fig.update_yaxes(autorange="reversed")
    low = sum(1 for p in pairs if (p.get("similarity") or 0) < SMALL_SIMILARITY)
    noise = (
        f"{low} pairs share less than {SMALL_SIMILARITY:.2f}: common phrases and names alone "
        "give that much."
        if low
        else ""
    )
    title = "Shared wording between articles"
    _layout(fig, title, noise=noise, large_text=large_text, height=200 + 60 * n)
    fig.update_xaxes(tickangle=-30 if n > 3 else 0)
    return Chart(
        "similarity",
        title,
        "How much of each pair's wording overlaps (0 = nothing shared, 1 = the same text; "
        "– = too little to report).",
        "Shared wording can come from a common source (a wire story, a press release or a "
        "statement both quote), not only from one outlet copying another.",
        fig,
        noise,
    )


def distinctive_terms(
    comparison: Mapping[str, Any], *, top: int = 8, large_text: bool = False
) -> Chart | None:
    """Top distinctive terms per outlet (weighted log-odds z-scores), one panel per outlet."""
    listed = comparison.get("distinctive_terms") or {}
    terms = {o: t for o, t in listed.items() if t}
    if not terms:
        return None
    empty = sorted(o for o, t in listed.items() if not t)
    outlets = sorted(terms)
    fig = make_subplots(
        rows=1,
        cols=len(outlets),
        subplot_titles=[esc(_short(o, 24)) for o in outlets],
        horizontal_spacing=0.12,
    )
    for k, outlet in enumerate(outlets):
        rows = sorted(terms[outlet], key=lambda t: t["z"], reverse=True)[:top][::-1]
        fig.add_trace(
            go.Bar(
                x=[t["z"] for t in rows],
                y=[esc(t["term"]) for t in rows],
                orientation="h",
                name=esc(outlet),
                marker={"color": theme.colour(k), "pattern": {"shape": theme.pattern(k)}},
                customdata=[t.get("count") for t in rows],
                hovertemplate="%{y}: z %{x:.2f}, %{customdata} uses<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=k + 1,
        )
        fig.add_vline(x=1.96, line={"color": theme.NEUTRAL, "dash": "dot"}, row=1, col=k + 1)
        # The same bar thickness in every panel, however many terms an outlet has.
        fig.update_yaxes(range=[-0.5, top - 0.5], row=1, col=k + 1)
    below = sum(1 for o in outlets for t in terms[o] if t["z"] < 1.96)
    notes = []
    if below:
        notes.append(f"{below} listed terms have z below 1.96 (dotted line): within the noise.")
    if empty:
        notes.append("No term stands out beyond chance for: " + "; ".join(empty) + ".")
    noise = " ".join(notes)
    title = "Distinctive terms per outlet"
    _layout(fig, title, noise=noise, large_text=large_text, height=120 + 36 * top)
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


#: The per-article charts in the order the landing page shows them.
ARTICLE_CHARTS: tuple[tuple[str, str, Callable[..., Chart | None]], ...] = (
    ("sentence-sentiment", "sentence scores", sentence_sentiment),
    ("narrator-vs-quoted", "sentence scores", narrator_vs_quoted),
    ("loaded-rates", "loaded vocabulary", loaded_rates),
    ("readability", "readability", readability_grades),
    ("voice-share", "voices and speakers", voice_share),
    ("naming", "naming choices", naming_choices),
    ("sentiment-toward", "sentiment toward actors", sentiment_toward),
)


def build_all(
    records: Sequence[Record],
    *,
    comparison: Mapping[str, Any] | None = None,
    large_text: bool = False,
) -> list[Chart]:
    """Every chart the records (and the optional comparison) have data for, in page order.

    Args:
        records: article dicts of the JSON contract.
        comparison: ``analysis.compare.comparison`` output (``Comparison.to_dict()``) or None.
        large_text: bigger fonts for projectors.
    """
    charts = [build(records, large_text=large_text) for _, _, build in ARTICLE_CHARTS]
    if comparison:
        charts.append(similarity(records, comparison, large_text=large_text))
        charts.append(distinctive_terms(comparison, large_text=large_text))
    return [c for c in charts if c is not None]


def unavailable(charts: Sequence[Chart]) -> list[str]:
    """Plain descriptions of the per-article charts that could not be drawn (data missing)."""
    built = {c.name for c in charts}
    return [f"{name} (needs {needs})" for name, needs, _ in ARTICLE_CHARTS if name not in built]
