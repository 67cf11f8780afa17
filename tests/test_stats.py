"""analysis.compare.stats: t quantiles, intervals, within-the-noise checks."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.compare.stats import (
    Difference,
    adjacent_within_noise,
    bootstrap_interval,
    group_summaries,
    intervals_overlap,
    mean_interval,
    pairs_within_noise_intervals,
    pairs_within_noise_means,
    pairs_within_tolerance,
    sentence_compounds,
    t_quantile,
    t_quantiles,
    welch_difference,
)

FINITE = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False, width=32)
SAMPLES = st.lists(st.lists(FINITE, max_size=8), max_size=9)


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


def test_t_quantiles_is_t_quantile_elementwise():
    dfs = np.array([1.0, 2.0, 2.5, 3.0, 7.3, 30.0, 400.0])
    expected = [t_quantile(0.975, d) for d in dfs]
    assert t_quantiles(0.975, dfs) == pytest.approx(expected, rel=1e-12)


def _reference_pairs(samples):
    """The all-pairs loop the vectorised check replaced (one Welch interval per pair)."""
    found = []
    for i in range(len(samples)):
        for j in range(i + 1, len(samples)):
            d = welch_difference(samples[i], samples[j])
            if d is not None and d.within_noise:
                found.append((i, j))
    return found


@settings(max_examples=200, deadline=None)
@given(SAMPLES)
def test_vectorised_noise_pairs_equal_the_pairwise_loop(samples):
    assert [(p.a, p.b) for p in pairs_within_noise_means(samples)] == _reference_pairs(samples)


def test_vectorised_noise_pairs_equal_the_loop_on_realistic_samples():
    rng = random.Random(5)
    samples = [
        [rng.gauss(rng.uniform(-0.3, 0.3), 0.4) for _ in range(rng.randint(0, 25))]
        for _ in range(120)
    ]
    assert [(p.a, p.b) for p in pairs_within_noise_means(samples)] == _reference_pairs(samples)


@settings(max_examples=100, deadline=None)
@given(SAMPLES)
def test_adjacent_within_noise_matches_welch_difference(samples):
    flags = adjacent_within_noise(samples)
    assert len(flags) == max(len(samples) - 1, 0)
    for k, flag in enumerate(flags):
        d = welch_difference(samples[k], samples[k + 1])
        assert flag == (None if d is None else d.within_noise)


def test_interval_and_tolerance_pairs_skip_missing_and_handle_empty():
    assert pairs_within_noise_intervals([]) == []
    assert pairs_within_tolerance([None, None], 1.0) == []
    assert [(p.a, p.b) for p in pairs_within_noise_intervals([None, (0, 1), (1, 2)])] == [(1, 2)]


def test_bootstrap_interval_edge_cases():
    assert bootstrap_interval([]) is None
    one = bootstrap_interval([0.3])
    assert (one.mean, one.low, one.high, one.n) == (0.3, None, None, 1)
    flat = bootstrap_interval([0.2] * 5)
    assert flat.low == pytest.approx(0.2) and flat.high == pytest.approx(0.2)
    # Two values: resampled means are a, (a+b)/2 or b, so the 95% interval spans both values.
    two = bootstrap_interval([0.0, 1.0])
    assert (two.low, two.high) == (0.0, 1.0)


def test_bootstrap_interval_is_seeded_and_close_to_the_t_interval_for_normal_data():
    rng = np.random.default_rng(11)
    values = rng.normal(0.1, 0.3, size=60).tolist()
    first, again = bootstrap_interval(values), bootstrap_interval(values)
    assert first == again
    other_seed = bootstrap_interval(values, seed=1)
    assert other_seed.low != first.low
    t = mean_interval(values)
    assert first.mean == pytest.approx(t.mean)
    assert first.high - first.low == pytest.approx(t.high - t.low, rel=0.1)


@pytest.mark.parametrize(
    ("draw", "true_mean"),
    [
        (lambda rng, n: rng.normal(0.2, 0.5, n), 0.2),
        (lambda rng, n: rng.uniform(-1.0, 1.0, n), 0.0),
        (lambda rng, n: rng.exponential(1.0, n), 1.0),
    ],
    ids=["normal", "uniform", "exponential"],
)
def test_bootstrap_interval_covers_the_true_mean_about_95_percent(draw, true_mean):
    # 400 samples of 40 values with a fixed seed: coverage near 95% (the percentile interval runs
    # a little short with skewed data and small samples, Efron & Tibshirani 1993, ch. 13-14).
    rng = np.random.default_rng(2024)
    hits = 0
    for k in range(400):
        iv = bootstrap_interval(draw(rng, 40).tolist(), resamples=1000, seed=k)
        hits += iv.low <= true_mean <= iv.high
    assert 0.90 <= hits / 400 <= 0.98


@settings(max_examples=150, deadline=None)
@given(st.lists(FINITE, min_size=2, max_size=30), st.integers(0, 2**31))
def test_bootstrap_interval_invariants(values, seed):
    iv = bootstrap_interval(values, seed=seed, resamples=300)
    assert min(values) - 1e-9 <= iv.low <= iv.mean <= iv.high <= max(values) + 1e-9
    assert iv.n == len(values)
    narrow = bootstrap_interval(values, seed=seed, resamples=300, level=0.5)
    assert iv.low <= narrow.low + 1e-9 and narrow.high <= iv.high + 1e-9


def test_group_summaries_sorted_and_skip_missing():
    groups = group_summaries({"b": [0.5, 0.7, 0.6], "a": [-0.2, None, -0.4], "c": [None], "d": []})
    assert [g.name for g in groups] == ["a", "b"]
    a, b = groups
    assert a.n == 2 and a.values == (-0.2, -0.4) and a.mean == pytest.approx(-0.3)
    assert b.includes(0.6) and not b.includes(0.0) and not a.includes(0.6)
    single = group_summaries({"x": [0.1]})[0]
    assert single.low is None and not single.includes(0.1)
