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
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean, variance
from typing import Any


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


def pairs_within_noise_means(samples: Sequence[Sequence[float]]) -> list[NoisePair]:
    """Every pair of samples whose Welch 95% interval of the difference includes zero.

    Pairs where either side has fewer than two values are left out (no interval can be formed).
    """
    result = []
    for i in range(len(samples)):
        for j in range(i + 1, len(samples)):
            d = welch_difference(samples[i], samples[j])
            if d is not None and d.within_noise:
                result.append(NoisePair(i, j))
    return result


def pairs_within_noise_intervals(
    intervals: Sequence[Sequence[float] | None],
) -> list[NoisePair]:
    """Every pair of (low, high) intervals that overlap; ``None`` entries are skipped."""
    result = []
    for i in range(len(intervals)):
        for j in range(i + 1, len(intervals)):
            a, b = intervals[i], intervals[j]
            if a is not None and b is not None and intervals_overlap(a, b):
                result.append(NoisePair(i, j))
    return result


def pairs_within_tolerance(values: Sequence[float | None], tolerance: float) -> list[NoisePair]:
    """Every pair of values that differ by less than ``tolerance`` (None values skipped).

    Used where no sampling interval exists, e.g. readability grades, whose formulas disagree with
    each other by a few grades on the same text: that disagreement is the noise.
    """
    result = []
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            a, b = values[i], values[j]
            if a is not None and b is not None and abs(a - b) < tolerance:
                result.append(NoisePair(i, j))
    return result
