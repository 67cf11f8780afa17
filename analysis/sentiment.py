"""The one VADER adapter: sentence-level sentiment, narrator vs quoted, and toward actors.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM) gives each text a *compound* score in [-1, 1]. Its compound
saturates on long inputs: a mixed 40-sentence article scores near ±1 as a whole yet near 0 as
the mean of its sentences. So we only ever score single sentences and aggregate.

References:
    Hutto, C.J. & Gilbert, E.E. (2014). ICWSM-14. The ±0.05 thresholds for negative / neutral /
    positive are the authors' recommended convention (vaderSentiment README).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.model import SentenceScore, SentimentSummary

#: VADER's own convention: compound >= 0.05 is positive, <= -0.05 negative, else neutral.
NEUTRAL_BAND = 0.05


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """One analyzer per process (it reads its lexicon files once)."""
    return SentimentIntensityAnalyzer()


def compound(sentence: str) -> float:
    """VADER compound score of one sentence, in [-1, 1]."""
    return _analyzer().polarity_scores(sentence)["compound"]


def _mean(values: Sequence[float]) -> float | None:
    return fmean(values) if values else None


def summarize(scores: Sequence[SentenceScore]) -> SentimentSummary:
    """Aggregate sentence scores into an article's sentiment summary.

    ``mean`` is the unweighted mean compound of all scored sentences; ``narrator_mean`` and
    ``quoted_mean`` split them by ``in_quote``; the shares use VADER's ±0.05 convention.
    """
    if not scores:
        return SentimentSummary(None, None, None, None, None, None)
    values = [s.compound for s in scores]
    n = len(values)
    return SentimentSummary(
        mean=fmean(values),
        narrator_mean=_mean([s.compound for s in scores if not s.in_quote]),
        quoted_mean=_mean([s.compound for s in scores if s.in_quote]),
        share_negative=sum(v <= -NEUTRAL_BAND for v in values) / n,
        share_neutral=sum(-NEUTRAL_BAND < v < NEUTRAL_BAND for v in values) / n,
        share_positive=sum(v >= NEUTRAL_BAND for v in values) / n,
    )


@dataclass(frozen=True, slots=True)
class Toward:
    """Mean compound of the narrator sentences that name one actor group."""

    mean: float
    sentences: int


def toward_actors(
    scores: Sequence[SentenceScore], groups_per_sentence: Iterable[Iterable[str]]
) -> Mapping[str, Toward]:
    """Sentiment toward actors: mean VADER compound of narrator sentences naming each group.

    Args:
        scores: the article's scored sentences.
        groups_per_sentence: for each sentence in ``scores``, the actor groups it names.

    A sentence naming two groups counts for both; quoted sentences are left out because they
    carry the speaker's tone, not the outlet's. This is co-occurrence, not targeted sentiment:
    "China criticised the sanctions" is negative in tone but not necessarily toward China.
    """
    collected: dict[str, list[float]] = {}
    for score, groups in zip(scores, groups_per_sentence, strict=True):
        if score.in_quote:
            continue
        for group in groups:
            collected.setdefault(group, []).append(score.compound)
    return {g: Toward(fmean(v), len(v)) for g, v in sorted(collected.items())}
