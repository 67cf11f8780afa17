"""Distinctive terms: the words and two-word phrases most characteristic of each outlet.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): the
prior is the pooled corpus, so each outlet's rates are shrunk toward the corpus-wide rate, and the
z-score divides by the estimated standard error, so a word used twice in a small corpus does not
look characteristic. Function words are left out.

References:
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' Words: Lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis 16(4): 372-403 (eqs. 16-22).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.compare.documents import Doc


@dataclass(frozen=True, slots=True)
class DistinctiveTerm:
    """A word or two-word phrase, its log-odds z-score for the outlet, and its count there."""

    term: str
    z: float
    count: int


def _term_keys(doc: Doc, content: np.ndarray, size: int) -> np.ndarray:
    """Unigram ids and bigram keys (size + a * size + b) of adjacent content words in a sentence."""
    ids = doc.ids
    keep = content[ids]
    unigrams = ids[keep]
    pair = keep[:-1] & keep[1:] & (doc.sentence[:-1] == doc.sentence[1:])
    bigrams = size + ids[:-1][pair] * size + ids[1:][pair]
    return np.concatenate((unigrams, bigrams))


def log_odds_z(
    counts: np.ndarray, totals: np.ndarray, n_group: float, n_total: float
) -> np.ndarray:
    """Weighted log-odds z-scores of one group against the rest, informative Dirichlet prior.

    Args:
        counts: each term's count in the group (``y_i``).
        totals: each term's count in the whole corpus; also the prior ``alpha_w`` (the pooled
            corpus as prior, so ``alpha_0 = n_total``).
        n_group: all term occurrences in the group (``n_i``).
        n_total: all term occurrences in the corpus.

    Returns:
        ``delta / sqrt(var)`` per term, where ``delta = log((y_i + a) / (n_i + a0 - y_i - a)) -
        log((y_j + a) / (n_j + a0 - y_j - a))`` and ``var = 1 / (y_i + a) + 1 / (y_j + a)``
        with ``y_j``, ``n_j`` the counts of the rest (Monroe, Colaresi & Quinn 2008, eqs. 16-22).
    """
    alpha, alpha0 = totals, n_total
    rest = totals - counts
    n_rest = n_total - n_group
    delta = np.log((counts + alpha) / (n_group + alpha0 - counts - alpha)) - np.log(
        (rest + alpha) / (n_rest + alpha0 - rest - alpha)
    )
    return delta / np.sqrt(1 / (counts + alpha) + 1 / (rest + alpha))


def distinctive_terms(
    docs: Sequence[Doc],
    content: np.ndarray,
    words: Sequence[str],
    *,
    per_outlet: int,
    min_z: float,
) -> dict[str, tuple[DistinctiveTerm, ...]]:
    size = len(content)
    by_outlet: dict[str, list[np.ndarray]] = defaultdict(list)
    for doc in docs:
        by_outlet[doc.outlet].append(_term_keys(doc, content, size))
    outlets = {
        o: np.unique(np.concatenate(keys), return_counts=True) for o, keys in by_outlet.items()
    }
    if len(outlets) < 2:
        return {o: () for o in outlets}
    all_keys = np.unique(np.concatenate([k for k, _ in outlets.values()]))
    totals = np.zeros(len(all_keys), dtype=np.float64)
    for keys, counts in outlets.values():
        totals[np.searchsorted(all_keys, keys)] += counts
    n_total = totals.sum()
    result: dict[str, tuple[DistinctiveTerm, ...]] = {}
    for outlet, (keys, counts) in outlets.items():
        z = log_odds_z(
            counts.astype(np.float64),
            totals[np.searchsorted(all_keys, keys)],
            counts.sum(),
            n_total,
        )
        top = np.flatnonzero(z >= min_z)
        top = top[np.argsort(-z[top], kind="stable")][:per_outlet]
        result[outlet] = tuple(
            DistinctiveTerm(_term(int(keys[i]), words, size), float(z[i]), int(counts[i]))
            for i in top
        )
    return result


def term_counts(
    docs: Sequence[Doc], content: np.ndarray, words: Sequence[str]
) -> dict[str, Counter]:
    """outlet -> term -> count of the words and two-word phrases :func:`distinctive_terms`
    scores, as strings (so counts from separate vocabularies can be summed)."""
    size = len(content)
    counts: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        keys, n = np.unique(_term_keys(doc, content, size), return_counts=True)
        counts[doc.outlet].update(
            {_term(int(k), words, size): int(c) for k, c in zip(keys, n, strict=True)}
        )
    return dict(counts)


def _term(key: int, words: Sequence[str], size: int) -> str:
    if key < size:
        return words[key]
    a, b = divmod(key - size, size)
    return f"{words[a]} {words[b]}"
