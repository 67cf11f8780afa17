"""Small, pure helpers for honest comparisons: intervals and "within the noise" checks.

Five articles are not a sample of an outlet, and two articles whose scores differ a little may
differ by chance (which sentences the writer happened to include). These helpers say how large a
difference has to be before it is worth mentioning. Nothing here imports streamlit or plotly.

References:
    Welch, B. L. (1947). "The generalization of 'Student's' problem when several different
    population variances are involved." Biometrika 34 (1-2): 28-35.
    Abramowitz, M. & Stegun, I. A. (1964). Handbook of Mathematical Functions, 26.7.5 (the
    Cornish-Fisher expansion of Student's t quantile used by ``t_quantile``).
    Schenker, N. & Gentleman, J. F. (2001). "On judging the significance of differences by
    examining the overlap between confidence intervals." The American Statistician 55 (3).
    Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall,
    ch. 13 (the percentile interval used by ``bootstrap_interval``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean, variance
from typing import Any

import numpy as np


def t_quantile(p: float, df: float) -> float:
    """Quantile ``p`` of Student's t distribution with ``df`` degrees of freedom.

    Exact for ``df`` 1 and 2; otherwise the Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5),
    accurate to about 1e-3 for ``df >= 3`` at the usual 95% level, which is plenty for a "is this
    within the noise" note. Non-integer ``df`` (Welch-Satterthwaite) is allowed.

    Args:
        p: probability in (0, 1).
        df: degrees of freedom, > 0.
    """
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    if df <= 0:
        raise ValueError("df must be positive")
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    z2 = z * z
    g1 = (z2 + 1) * z / 4
    g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
    g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
    g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def t_quantiles(p: float, df: np.ndarray) -> np.ndarray:
    """:func:`t_quantile` for an array of degrees of freedom (the same formulas, elementwise)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    df = np.asarray(df, dtype=float)
    z = NormalDist().inv_cdf(p)
    z2 = z * z
    g1 = (z2 + 1) * z / 4
    g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
    g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
    g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
    with np.errstate(divide="ignore", invalid="ignore"):
        q = z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
    q = np.where(df == 1, math.tan(math.pi * (p - 0.5)), q)
    return np.where(df == 2, (2 * p - 1) / math.sqrt(2 * p * (1 - p)), q)


@dataclass(frozen=True, slots=True)
class MeanInterval:
    """A sample mean with its Student-t confidence interval (``low``/``high`` None when n < 2)."""

    mean: float
    low: float | None
    high: float | None
    n: int


def mean_interval(values: Sequence[float], *, level: float = 0.95) -> MeanInterval | None:
    """Mean of ``values`` with a Student-t interval; ``None`` for no values.

    The interval treats the sentences of an article as a sample of the sentences the writer could
    have written, which is the sense in which two articles can differ "by chance".
    """
    n = len(values)
    if n == 0:
        return None
    mean = fmean(values)
    if n < 2:
        return MeanInterval(mean, None, None, n)
    half = t_quantile(0.5 + level / 2, n - 1) * math.sqrt(variance(values) / n)
    return MeanInterval(mean, mean - half, mean + half, n)


@dataclass(frozen=True, slots=True)
class Difference:
    """Difference ``a - b`` of two means with its interval and whether it is within the noise."""

    diff: float
    low: float
    high: float

    @property
    def within_noise(self) -> bool:
        """True when the interval of the difference includes zero."""
        return self.low <= 0.0 <= self.high


def welch_difference(
    a: Sequence[float], b: Sequence[float], *, level: float = 0.95
) -> Difference | None:
    """Welch's interval for the difference of two means (unequal variances), or None.

    Needs at least two values on each side. When both samples have zero variance the interval
    collapses to the observed difference.
    """
    if len(a) < 2 or len(b) < 2:
        return None
    va, vb = variance(a) / len(a), variance(b) / len(b)
    diff = fmean(a) - fmean(b)
    se2 = va + vb
    if se2 == 0:
        return Difference(diff, diff, diff)
    df = se2**2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = t_quantile(0.5 + level / 2, df) * math.sqrt(se2)
    return Difference(diff, diff - half, diff + half)


def intervals_overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    """True when the closed intervals ``a = (low, high)`` and ``b`` share at least one point.

    Overlapping 95% intervals are a conservative sign that a difference is within the noise
    (Schenker & Gentleman 2001): non-overlap implies a significant difference, overlap does not
    prove equality.
    """
    return a[0] <= b[1] and b[0] <= a[1]


def sentence_compounds(record: Mapping[str, Any], *, in_quote: bool | None = None) -> list[float]:
    """The VADER compounds of an article's scored sentences (optionally only narrator or quoted).

    Args:
        record: one article dict of the JSON contract.
        in_quote: ``True`` for quoted sentences only, ``False`` for the narrator's, None for all.
    """
    return [
        s["compound"]
        for s in record.get("sentence_scores", ())
        if s.get("compound") is not None and (in_quote is None or bool(s["in_quote"]) == in_quote)
    ]


@dataclass(frozen=True, slots=True)
class NoisePair:
    """Two articles (by index) whose difference on one measure is within the noise."""

    a: int
    b: int


@dataclass(frozen=True, slots=True)
class SampleStats:
    """Per-sample mean, variance (n - 1 denominator) and size, as numpy arrays (one entry each).

    Computed once, so a Welch test of any pair is a few array operations instead of a pass over
    both samples; a sample with fewer than two values has variance ``nan``.
    """

    mean: np.ndarray
    var: np.ndarray
    n: np.ndarray


def sample_stats(samples: Sequence[Sequence[float]]) -> SampleStats:
    """The :class:`SampleStats` of each sample (in one vectorised pass over all values)."""
    n = np.array([len(s) for s in samples], dtype=float)
    flat = np.fromiter((v for s in samples for v in s), dtype=float, count=int(n.sum()))
    owner = np.repeat(np.arange(len(samples)), n.astype(int))
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.bincount(owner, weights=flat, minlength=len(samples)) / n
        dev = flat - mean[owner]
        var = np.bincount(owner, weights=dev * dev, minlength=len(samples)) / (n - 1)
    var[n < 2] = np.nan
    return SampleStats(mean, var, n)


def welch_within_noise(
    stats: SampleStats, i: np.ndarray, j: np.ndarray, *, level: float = 0.95
) -> np.ndarray:
    """For the pairs ``(i[k], j[k])``: 1 when Welch's interval of the difference includes zero,
    0 when it does not, -1 when either sample has fewer than two values.

    The same test as :func:`welch_difference`, vectorised over the pairs (Welch 1947).
    """
    va, vb = stats.var[i] / stats.n[i], stats.var[j] / stats.n[j]
    diff = np.abs(stats.mean[i] - stats.mean[j])
    se2 = va + vb
    with np.errstate(divide="ignore", invalid="ignore"):
        df = se2**2 / (va**2 / (stats.n[i] - 1) + vb**2 / (stats.n[j] - 1))
        half = t_quantiles(0.5 + level / 2, np.where(se2 > 0, df, 1.0)) * np.sqrt(se2)
    within = np.where(se2 > 0, diff <= half, diff == 0)
    return np.where(np.isnan(se2), -1, within.astype(int))


def pairs_within_noise_means(samples: Sequence[Sequence[float]]) -> list[NoisePair]:
    """Every pair of samples whose Welch 95% interval of the difference includes zero.

    Pairs where either side has fewer than two values are left out (no interval can be formed).
    Per-sample statistics are computed once and the pairs tested in row blocks as arrays, so
    1,000 samples take well under a second.
    """
    stats = sample_stats(samples)
    result = []
    size = len(samples)
    columns = np.arange(size)[None, :]
    for start in range(0, size, 256):
        rows = np.arange(start, min(start + 256, size))[:, None]
        hit = (welch_within_noise(stats, rows, columns) == 1) & (columns > rows)
        i, j = np.nonzero(hit)
        result.extend(map(NoisePair, (i + start).tolist(), j.tolist()))
    return result


def adjacent_within_noise(samples: Sequence[Sequence[float]]) -> list[bool | None]:
    """For each neighbour pair ``(k, k + 1)`` in the given order, whether the Welch 95% interval
    of the difference includes zero (None where a side has fewer than two values).

    What a sorted chart needs: whether a row differs from the next one beyond the noise.
    """
    if len(samples) < 2:
        return []
    i = np.arange(len(samples) - 1)
    flags = welch_within_noise(sample_stats(samples), i, i + 1)
    return [None if f < 0 else bool(f) for f in flags.tolist()]


def bootstrap_interval(
    values: Sequence[float],
    *,
    level: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> MeanInterval | None:
    """Mean of ``values`` with a percentile bootstrap interval; ``None`` for no values.

    The values are resampled with replacement ``resamples`` times and the interval is the
    ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of the resampled means (Efron &
    Tibshirani 1993, ch. 13). Used across articles: each article is one unit, so an outlet's
    interval says how much its mean could move with a different handful of its articles. A
    seeded generator makes the interval the same on every run. One value gives no interval.
    """
    n = len(values)
    if n == 0:
        return None
    data = np.asarray(values, dtype=float)
    mean = float(data.mean())
    if n < 2:
        return MeanInterval(mean, None, None, n)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, n, size=(resamples, n))].mean(axis=1)
    low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return MeanInterval(mean, min(float(low), mean), max(float(high), mean), n)


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """One group's (an outlet's) per-article values: mean, bootstrap interval and size.

    Attributes:
        name: the group's name.
        mean: mean of the values (each article counts once).
        low: lower end of the 95% bootstrap interval (None with one article).
        high: upper end (None with one article).
        n: number of articles.
        values: the per-article values, in the order given.
    """

    name: str
    mean: float
    low: float | None
    high: float | None
    n: int
    values: tuple[float, ...]

    def includes(self, value: float) -> bool:
        """True when ``value`` lies inside the interval (False when there is no interval)."""
        return self.low is not None and self.high is not None and self.low <= value <= self.high


def group_summaries(
    values: Mapping[str, Sequence[float | None]], *, level: float = 0.95, seed: int = 0
) -> list[GroupSummary]:
    """A :class:`GroupSummary` per group with at least one value, sorted by mean then name.

    ``None`` values (an article without the measure) are left out.
    """
    result = []
    for name, raw in values.items():
        kept = tuple(float(v) for v in raw if v is not None)
        iv = bootstrap_interval(kept, level=level, seed=seed)
        if iv is not None:
            result.append(GroupSummary(name, iv.mean, iv.low, iv.high, iv.n, kept))
    return sorted(result, key=lambda g: (g.mean, g.name))


def _upper_pairs(close: np.ndarray) -> list[NoisePair]:
    i, j = np.nonzero(np.triu(close, 1))
    return [NoisePair(int(a), int(b)) for a, b in zip(i, j, strict=True)]


def pairs_within_noise_intervals(
    intervals: Sequence[Sequence[float] | None],
) -> list[NoisePair]:
    """Every pair of (low, high) intervals that overlap; ``None`` entries are skipped."""
    low = np.array([iv[0] if iv is not None else np.nan for iv in intervals], dtype=float)
    high = np.array([iv[1] if iv is not None else np.nan for iv in intervals], dtype=float)
    return _upper_pairs((low[:, None] <= high[None, :]) & (low[None, :] <= high[:, None]))


def pairs_within_tolerance(values: Sequence[float | None], tolerance: float) -> list[NoisePair]:
    """Every pair of values that differ by less than ``tolerance`` (None values skipped).

    Used where no sampling interval exists, e.g. readability grades, whose formulas disagree with
    each other by a few grades on the same text: that disagreement is the noise.
    """
    v = np.array([x if x is not None else np.nan for x in values], dtype=float)
    return _upper_pairs(np.abs(v[:, None] - v[None, :]) < tolerance)
