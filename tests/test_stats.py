"""analysis.compare.stats: t quantiles, intervals, within-the-noise checks."""

from __future__ import annotations

import math

import pytest

from analysis.compare.stats import (
    Difference,
    intervals_overlap,
    mean_interval,
    pairs_within_noise_intervals,
    pairs_within_noise_means,
    pairs_within_tolerance,
    sentence_compounds,
    t_quantile,
    welch_difference,
)


@pytest.mark.parametrize(
    ("p", "df", "expected", "tol"),
    [
        (0.975, 1, 12.7062, 1e-3),
        (0.975, 2, 4.3027, 1e-3),
        (0.975, 3, 3.1824, 2e-2),
        (0.975, 5, 2.5706, 2e-3),
        (0.975, 10, 2.2281, 1e-3),
        (0.975, 30, 2.0423, 1e-4),
        (0.95, 10, 1.8125, 1e-3),
        (0.025, 10, -2.2281, 1e-3),
        (0.5, 7, 0.0, 1e-12),
    ],
)
def test_t_quantile_matches_tables(p, df, expected, tol):
    assert t_quantile(p, df) == pytest.approx(expected, abs=tol)


@pytest.mark.parametrize(("p", "df"), [(0.0, 5), (1.0, 5), (0.5, 0)])
def test_t_quantile_rejects_bad_input(p, df):
    with pytest.raises(ValueError):
        t_quantile(p, df)


def test_mean_interval():
    assert mean_interval([]) is None
    one = mean_interval([0.5])
    assert (one.mean, one.low, one.high, one.n) == (0.5, None, None, 1)
    iv = mean_interval([1.0, 2.0, 3.0, 4.0])
    # mean 2.5, sd 1.291, se 0.6455, t(0.975, 3) = 3.182 -> half width 2.054
    assert iv.mean == 2.5
    assert iv.high - iv.mean == pytest.approx(2.054, abs=0.02)
    assert iv.mean - iv.low == pytest.approx(iv.high - iv.mean)


def test_welch_difference_separated_and_overlapping():
    far = welch_difference([0.8, 0.9, 0.85, 0.95], [-0.8, -0.9, -0.85, -0.7])
    assert far.diff > 1.5 and not far.within_noise
    near = welch_difference([0.1, -0.2, 0.3, 0.0], [0.05, -0.1, 0.2, 0.1])
    assert near.within_noise
    assert welch_difference([0.1], [0.2, 0.3]) is None
    same = welch_difference([0.5, 0.5], [0.2, 0.2])
    assert same == Difference(pytest.approx(0.3), pytest.approx(0.3), pytest.approx(0.3))
    assert not same.within_noise


def test_welch_difference_matches_textbook_example():
    # Sample variances 2.375 and 2.263 (n = 5 each): Welch df = 7.995, t(0.975, 8) = 2.306.
    a = [19.1, 21.0, 18.4, 20.2, 22.3]
    b = [24.5, 23.1, 26.0, 22.8, 25.9]
    d = welch_difference(a, b)
    se = math.sqrt(2.375 / 5 + 2.263 / 5)
    assert d.diff == pytest.approx(-4.26)
    assert d.high - d.diff == pytest.approx(2.306 * se, rel=2e-3)
    assert not d.within_noise


def test_interval_overlap_and_pairs():
    assert intervals_overlap((1, 3), (3, 5))
    assert not intervals_overlap((1, 2.9), (3, 5))
    pairs = pairs_within_noise_intervals([(1, 3), (2, 4), (10, 12), None])
    assert [(p.a, p.b) for p in pairs] == [(0, 1)]
    assert [(p.a, p.b) for p in pairs_within_tolerance([5.0, 6.0, 9.0, None], 1.5)] == [(0, 1)]


def test_pairs_within_noise_means():
    samples = [[0.9, 0.8, 0.85], [0.88, 0.82, 0.9], [-0.9, -0.8, -0.85], [0.1]]
    assert [(p.a, p.b) for p in pairs_within_noise_means(samples)] == [(0, 1)]


def test_sentence_compounds_split():
    record = {
        "sentence_scores": [
            {"start": 0, "end": 1, "compound": 0.5, "in_quote": False},
            {"start": 2, "end": 3, "compound": -0.5, "in_quote": True},
        ]
    }
    assert sentence_compounds(record) == [0.5, -0.5]
    assert sentence_compounds(record, in_quote=True) == [-0.5]
    assert sentence_compounds(record, in_quote=False) == [0.5]
    assert sentence_compounds({}) == []
