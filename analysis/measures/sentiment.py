"""The one VADER adapter: sentence-level sentiment, narrator vs quoted, and toward actors.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM) gives each text a *compound* score in [-1, 1]. Its compound
saturates on long inputs: a mixed 40-sentence article scores near ±1 as a whole yet near 0 as
the mean of its sentences. So we only ever score single sentences and aggregate.

Two adjustments for news text, both applied to our own analyzer instance (VADER's module and
files are never modified): entries listed in ``lexicons/vader_news_neutral.csv`` (institutional
senses such as "intelligence" or "party") score 0, and words inside proper names (capitalised
words not opening the sentence, as in "the Chinese Communist Party" or "the National
Intelligence Council") are not scored, because a name is not the writer's evaluation. Title-case
lines (headlines) keep every word, since there capitals do not mark names.

References:
    Hutto, C.J. & Gilbert, E.E. (2014). ICWSM-14. The ±0.05 thresholds for negative / neutral /
    positive are the authors' recommended convention (vaderSentiment README).
    Hamilton, W.L. et al. (2016). Inducing Domain-Specific Sentiment Lexicons from Unlabeled
    Corpora. EMNLP. (Word polarity depends on the domain.)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from statistics import fmean

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.text.model import SentenceScore, SentimentSummary, Toward
from analysis.text.segmentation import is_title_case

#: VADER's own convention: compound >= 0.05 is positive, <= -0.05 negative, else neutral.
NEUTRAL_BAND = 0.05


#: Longest run of words VADER scores at once (longer "sentences" are scored in pieces).
MAX_SENTENCE_WORDS = 1_000

#: A word that starts with a capital letter (a name candidate when it does not open the sentence).
_CAPITALISED = re.compile(r"(?<![\w’'])[A-Z][\w’'-]*")
_SENTENCE_OPENING = re.compile(r"^[\s“”\"‘'(\[—–-]*")
#: Neutral stand-in for a name word: not in VADER's lexicon, lower case (no caps emphasis).
_NAME_STAND_IN = "name"


def news_neutral_terms() -> dict[str, str]:
    """VADER entries scored 0 in news, with the reason (``lexicons/vader_news_neutral.csv``)."""
    source = resources.files("analysis") / "lexicons" / "vader_news_neutral.csv"
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return {row["term"]: row["reason"] for row in csv.DictReader(lines)}


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """One analyzer per process (it reads its lexicon files once), adjusted for news."""
    analyzer = SentimentIntensityAnalyzer()
    for term in news_neutral_terms():
        analyzer.lexicon.pop(term, None)
    return analyzer


def without_names(sentence: str) -> str:
    """The sentence with words of proper names replaced by a neutral stand-in.

    A name word is a capitalised word that does not open the sentence. In a title-case line
    (no final . ! ? and most words of four letters or more capitalised, as in most headlines)
    nothing is replaced.
    """
    opening = -1
    parts, last = [], 0
    for match in _CAPITALISED.finditer(sentence):
        if opening < 0:
            opening = _SENTENCE_OPENING.match(sentence).end()
        if match.start() == opening or match.group().isupper():
            continue  # the sentence's first word, or capitals for emphasis / an acronym
        parts += [sentence[last : match.start()], _NAME_STAND_IN]
        last = match.end()
    if not parts or is_title_case(sentence):
        return sentence
    parts.append(sentence[last:])
    return "".join(parts)


def compound(sentence: str) -> float:
    """VADER compound score of one sentence, in [-1, 1], with the news adjustments above.

    VADER's cost grows with the square of a sentence's length (each sentiment word re-reads the
    whole sentence), so a run of more than :data:`MAX_SENTENCE_WORDS` words without sentence
    punctuation (a segmentation failure, not prose) is scored in consecutive pieces of that many
    words and the pieces' mean compound returned. Real sentences are far shorter and are scored
    whole; VADER's own rules look at most three words back.
    """
    analyzer = _analyzer()
    text = without_names(sentence)
    words = text.split()
    if len(words) <= MAX_SENTENCE_WORDS:
        return analyzer.polarity_scores(text)["compound"]
    pieces = (
        " ".join(words[k : k + MAX_SENTENCE_WORDS])
        for k in range(0, len(words), MAX_SENTENCE_WORDS)
    )
    return round(fmean(analyzer.polarity_scores(p)["compound"] for p in pieces), 4)


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
