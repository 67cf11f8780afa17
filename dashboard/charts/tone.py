"""Tone charts for a few articles: one box, bar or marker per article."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from analysis.compare.stats import (
    mean_interval,
    pairs_within_noise_means,
    sentence_compounds,
    welch_difference,
)
from dashboard import theme
from dashboard.charts.base import (
    MIN_EVIDENCE,
    Chart,
    Record,
    article_labels,
    esc,
    layout,
    noise_sentence,
    plain_labels,
    pretty,
)


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
    noise = noise_sentence(
        pairs_within_noise_means(samples), plain_labels(records), "difference of mean sentence tone"
    )
    title = "Sentence sentiment per article"
    layout(fig, title, noise=noise, large_text=large_text)
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
    layout(fig, title, noise=noise, large_text=large_text)
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
    layout(fig, title, noise=noise, large_text=large_text)
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
