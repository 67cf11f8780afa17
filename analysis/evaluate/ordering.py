"""Which per-article figure orders articles of the same event by annotated bias (BASIL)?

BASIL (Fan et al. 2019) covers each event with three outlets. The gold figure of an article is
its number of lexical-bias spans per 1,000 words; a candidate figure agrees with a pair of
articles of one event when it orders them the same way (a tie counts one half; pairs with equal
gold are skipped). The candidates, all computed from one :func:`find_loaded` result:

- ``narrator``: ``per_1k``, flagged matches per 1,000 words outside quotations;
- ``all``: ``per_1k_all``, the same counting quotations too;
- ``share``: the share of sentences whose loaded score reaches :data:`SHARE_THRESHOLD`;
- ``quantile``: the upper quartile of the sentence scores;
- ``own``: ``own_per_1k``, the writer's own voice only (no quotation, no reporting word);
- ``model``: a linear score over the own-voice rate of each lexicon category, fitted as a
  pairwise logistic regression (Herbrich et al. 2000) on the differences of article pairs;
  reported out of sample, by :data:`FOLDS`-fold cross-validation over whole events.

Each agreement comes with a 95% percentile bootstrap interval over events (Efron & Tibshirani
1993; events resampled with replacement, :data:`BOOTSTRAP` resamples, fixed seed), since pairs
of one event are not independent. Spearman's rho against the gold rate is over all articles.

References:
    Fan, L. et al. (2019). In Plain Sight: Media Bias Through the Lens of Factual Reporting.
    EMNLP-IJCNLP. Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap. Chapman
    & Hall (percentile interval, resampling clusters). Herbrich, R., Graepel, T. & Obermayer, K.
    (2000). Large margin rank boundaries for ordinal regression. In Advances in Large Margin
    Classifiers, MIT Press (ranking as classification of pair differences). Spearman, C.
    (1904). The proof and measurement of association between two things. American Journal of
    Psychology 15 (1): 72-101.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from analysis.evaluate.metrics import pair_agreement
from analysis.text.model import LoadedResult

#: Categories of the built-in lexicon, the features of the ``model`` candidate.
CATEGORIES = (
    "name_calling",
    "emotive",
    "subjective",
    "intensifier",
    "exaggeration",
    "hedge",
    "loaded_verb",
    "certainty",
)
#: A sentence score of 0.1 is about one flagged word (weight 0.6) in a 36-word sentence.
SHARE_THRESHOLD = 0.1
FOLDS = 5
BOOTSTRAP = 2000
SEED = 13
#: The candidate the article record exposes and the report's main figure uses.
CHOSEN = "own"


@dataclass(frozen=True, slots=True)
class ArticleFigures:
    """One article's gold rate and its candidate figures."""

    event: str
    gold: float
    candidates: Mapping[str, float]
    features: tuple[float, ...]


def article_figures(
    event: str, gold: float, result: LoadedResult, sentence_scores: Sequence[float]
) -> ArticleFigures:
    """The candidates of one article from its loaded result and sentence scores."""
    scores = sorted(sentence_scores)
    upper = scores[min(len(scores) - 1, (3 * len(scores)) // 4)] if scores else 0.0
    share = sum(s >= SHARE_THRESHOLD for s in scores) / len(scores) if scores else 0.0
    own_words = result.own_words
    starts = [s.start for s in result.own_sentences]
    counts = dict.fromkeys(CATEGORIES, 0)
    for m in result.matches:
        k = bisect_right(starts, m.start) - 1
        if m.flagged and m.category in counts and k >= 0 and m.start < result.own_sentences[k].end:
            counts[m.category] += 1
    features = tuple(1000.0 * counts[c] / own_words if own_words else 0.0 for c in CATEGORIES)
    return ArticleFigures(
        event=event,
        gold=gold,
        candidates={
            "narrator": result.per_1k or 0.0,
            "all": result.per_1k_all or 0.0,
            "share": share,
            "quantile": upper,
            "own": result.own_per_1k or 0.0,
        },
        features=features,
    )


def _by_event(
    articles: Sequence[ArticleFigures], score: Callable[[ArticleFigures], float]
) -> dict[str, list[tuple[float, float]]]:
    events: dict[str, list[tuple[float, float]]] = {}
    for a in articles:
        events.setdefault(a.event, []).append((a.gold, score(a)))
    return events


def bootstrap_interval(
    events: Mapping[str, list[tuple[float, float]]], *, resamples: int = BOOTSTRAP, seed: int = SEED
) -> tuple[float, float] | None:
    """95% percentile interval of the pair agreement, resampling whole events."""
    keys = sorted(events)
    if not keys:
        return None
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        sample = {i: events[rng.choice(keys)] for i in range(len(keys))}
        value = pair_agreement(sample)
        if value is not None:
            values.append(value)
    if not values:
        return None
    values.sort()
    return values[int(0.025 * len(values))], values[min(len(values) - 1, int(0.975 * len(values)))]


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson correlation of average ranks); None when a side is constant."""
    from scipy.stats import spearmanr

    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    return float(spearmanr(xs, ys).statistic)


def _pairs(articles: Sequence[ArticleFigures], events: Sequence[str]) -> tuple[list, list]:
    grouped = {e: [a for a in articles if a.event == e] for e in events}
    x, y = [], []
    for group in grouped.values():
        for a, b in combinations(group, 2):
            if a.gold == b.gold:
                continue
            diff = [p - q for p, q in zip(a.features, b.features, strict=True)]
            x.extend([diff, [-d for d in diff]])
            y.extend([int(a.gold > b.gold), int(a.gold < b.gold)])
    return x, y


def cross_validated_model(articles: Sequence[ArticleFigures]) -> dict[str, float]:
    """Out-of-sample score of the category model: each event scored by a model fitted without it.

    Events are shuffled with :data:`SEED` and split into :data:`FOLDS` folds; the returned map
    gives each article (by position) its out-of-fold score.
    """
    from sklearn.linear_model import LogisticRegression

    events = sorted({a.event for a in articles})
    random.Random(SEED).shuffle(events)
    folds = [events[k::FOLDS] for k in range(FOLDS)]
    scores: dict[str, float] = {}
    for k, test in enumerate(folds):
        train = [e for j, fold in enumerate(folds) if j != k for e in fold]
        x, y = _pairs(articles, train)
        if len(set(y)) < 2:
            continue
        coef = LogisticRegression(C=1.0, fit_intercept=False).fit(x, y).coef_[0]
        for i, a in enumerate(articles):
            if a.event in test:
                scores[str(i)] = float(sum(c * f for c, f in zip(coef, a.features, strict=True)))
    return scores


def ordering_figures(articles: Sequence[ArticleFigures]) -> dict[str, float | None]:
    """Pair agreement, its bootstrap interval and Spearman's rho for every candidate.

    Returns:
        ``{"pairs_<name>", "pairs_<name>_low", "pairs_<name>_high", "rho_<name>"}`` for each
        candidate, the ``model`` one out of sample.
    """
    if not articles:
        return {}
    model = cross_validated_model(articles)
    scorers: dict[str, Callable[[ArticleFigures], float]] = {
        name: (lambda a, name=name: a.candidates[name]) for name in articles[0].candidates
    }
    position = {id(a): str(i) for i, a in enumerate(articles)}
    scorers["model"] = lambda a: model.get(position[id(a)], 0.0)
    out: dict[str, float | None] = {}
    gold = [a.gold for a in articles]
    for name, score in scorers.items():
        events = _by_event(articles, score)
        interval = bootstrap_interval(events)
        out[f"pairs_{name}"] = pair_agreement(events)
        out[f"pairs_{name}_low"] = interval[0] if interval else None
        out[f"pairs_{name}_high"] = interval[1] if interval else None
        out[f"rho_{name}"] = spearman([score(a) for a in articles], gold)
    return out
