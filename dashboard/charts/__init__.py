"""Pure figure builders: article dicts (the JSON contract) in, plotly figures out. No ``st.*``.

Every chart comes with a one-sentence "what this shows" and "how this can mislead", and says in
the figure itself which differences are within the noise (helpers in ``analysis.compare.stats``).
A builder returns ``None`` when the section it needs is not in the records yet; ``unavailable``
lists those charts so a page can say "not available yet" instead of failing.

Two views of the same measures: a few articles from different outlets get one mark per article
(:mod:`~dashboard.charts.tone`, :mod:`~dashboard.charts.articles`); once an outlet has more than
one article or more than eight are selected, charts compare outlets, one sorted row each with a
95% bootstrap interval over its articles (:mod:`~dashboard.charts.outlets`), and the per-article
view becomes one row per article. :func:`default_unit` is the rule; pages offer the other view.

Modules: ``base`` (the Chart record, labels, layout), ``rows`` (the dot-rows figure),
``outlets`` (measures per article, outlet summaries), ``tone`` and ``articles`` (the few-article
charts), ``corpus`` (similarity and distinctive terms from the comparison).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dashboard.charts.articles import (
    loaded_rates,
    naming_choices,
    readability_grades,
    verbs_by_group,
    voice_share,
)
from dashboard.charts.base import (
    GRADE_FORMULAS,
    MIN_EVIDENCE,
    SMALL_SIMILARITY,
    Chart,
    Record,
    article_labels,
    esc,
    plain_labels,
    pretty,
)
from dashboard.charts.corpus import MAX_HEATMAP, distinctive_terms, similarity
from dashboard.charts.outlets import MAX_ARTICLE_MARKS, ROW_CHARTS, default_unit, rows_chart
from dashboard.charts.tone import narrator_vs_quoted, sentence_sentiment, sentiment_toward

__all__ = [
    "ARTICLE_CHARTS",
    "GRADE_FORMULAS",
    "MAX_ARTICLE_MARKS",
    "MAX_HEATMAP",
    "MIN_EVIDENCE",
    "SMALL_SIMILARITY",
    "Chart",
    "article_labels",
    "build_all",
    "default_unit",
    "distinctive_terms",
    "esc",
    "loaded_rates",
    "naming_choices",
    "narrator_vs_quoted",
    "plain_labels",
    "pretty",
    "readability_grades",
    "sentence_sentiment",
    "sentiment_toward",
    "similarity",
    "unavailable",
    "verbs_by_group",
    "voice_share",
]

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

#: Section each outlet-mode chart needs before it can be drawn.
_NEEDS = {
    "sentence-sentiment": "sentence_scores",
    "narrator-vs-quoted": "sentence_scores",
    "loaded-rates": "loaded",
    "readability": "readability",
}


def _rows_or_none(name: str, records: Sequence[Record], **options: Any) -> Chart | None:
    section = _NEEDS.get(name)
    if section and not any(r.get(section) for r in records):
        return None
    return rows_chart(ROW_CHARTS[name], records, **options)


def build_all(
    records: Sequence[Record],
    *,
    comparison: Mapping[str, Any] | None = None,
    large_text: bool = False,
    unit: str | None = None,
    colour_by: Mapping[str, str] | None = None,
) -> list[Chart]:
    """Every chart the records (and the optional comparison) have data for, in page order.

    Args:
        records: article dicts of the JSON contract.
        comparison: ``analysis.compare.comparison`` output (``Comparison.to_dict()``) or None.
        large_text: bigger fonts for projectors.
        unit: ``"article"`` or ``"outlet"``; None applies :func:`default_unit`. Per article with
            more than eight articles draws one row per article.
        colour_by: outlet name -> group (a country, an ownership kind) to colour rows by.
    """
    unit = unit or default_unit(records)
    few = unit == "article" and len(records) <= MAX_ARTICLE_MARKS
    charts: list[Chart | None] = []
    for name, _, build in ARTICLE_CHARTS:
        if few or name == "naming":
            charts.append(build(records, large_text=large_text))
        elif name == "voice-share":
            charts.append(voice_share(records, by_outlet=unit == "outlet", large_text=large_text))
        else:
            options = {"unit": unit, "colour_by": colour_by, "large_text": large_text}
            charts.append(_rows_or_none(name, records, **options))
    if comparison:
        charts.append(similarity(records, comparison, large_text=large_text))
        charts.append(distinctive_terms(comparison, large_text=large_text))
    return [c for c in charts if c is not None]


def unavailable(charts: Sequence[Chart]) -> list[str]:
    """Plain descriptions of the per-article charts that could not be drawn (data missing)."""
    built = {c.name for c in charts}
    return [f"{name} (needs {needs})" for name, needs, _ in ARTICLE_CHARTS if name not in built]
