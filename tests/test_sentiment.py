"""VADER adapter: sentence scoring, aggregation, and the saturation it exists to avoid."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.model import SentenceScore
from analysis.sentiment import NEUTRAL_BAND, compound, summarize, toward_actors


@pytest.mark.parametrize(
    ("sentence", "sign"),
    [
        ("This is a wonderful, happy success.", 1),
        ("This is a terrible, disastrous failure.", -1),
        ("The committee met on Tuesday.", 0),
    ],
)
def test_compound_sign(sentence: str, sign: int) -> None:
    value = compound(sentence)
    if sign == 0:
        assert abs(value) < NEUTRAL_BAND
    else:
        assert value * sign > 0.3


def _score(value: float, in_quote: bool = False) -> SentenceScore:
    return SentenceScore(start=0, end=1, compound=value, in_quote=in_quote)


def test_summary_splits_narrator_and_quoted() -> None:
    summary = summarize([_score(0.5), _score(-0.5, True), _score(0.0), _score(-0.7, True)])
    assert summary.mean == pytest.approx(-0.175)
    assert summary.narrator_mean == pytest.approx(0.25)
    assert summary.quoted_mean == pytest.approx(-0.6)
    assert summary.share_negative == pytest.approx(0.5)
    assert summary.share_neutral == pytest.approx(0.25)
    assert summary.share_positive == pytest.approx(0.25)


def test_summary_of_nothing_is_empty_not_zero() -> None:
    summary = summarize([])
    assert summary.mean is None and summary.share_neutral is None


def test_band_edges_follow_vader_convention() -> None:
    summary = summarize([_score(0.05), _score(-0.05), _score(0.0499)])
    assert (summary.share_positive, summary.share_negative) == (pytest.approx(1 / 3),) * 2


def test_sentence_mean_avoids_whole_text_saturation() -> None:
    """The reason we score sentences: one call on a long mixed text saturates near ±1."""
    good = "The volunteers did a wonderful job and everyone was happy."
    bad = "The flood destroyed homes and people were hurt."
    sentences = [good, bad] * 20
    whole = compound(" ".join(sentences))
    mean = summarize([_score(compound(s)) for s in sentences]).mean
    assert abs(whole) > 0.9
    assert abs(mean) < 0.5


def test_toward_actors_uses_narrator_sentences_only() -> None:
    scores = [_score(0.6), _score(-0.4), _score(-0.9, in_quote=True)]
    groups = [{"China"}, {"China", "US"}, {"US"}]
    result = toward_actors(scores, groups)
    assert result["China"].mean == pytest.approx(0.1)
    assert result["China"].sentences == 2
    assert result["US"].sentences == 1


@given(st.text(max_size=300))
def test_compound_in_range_and_deterministic(text: str) -> None:
    value = compound(text)
    assert -1.0 <= value <= 1.0
    assert compound(text) == value
