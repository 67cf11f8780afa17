"""VADER adapter: sentence scoring, aggregation, and the saturation it exists to avoid."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.measures.sentiment import (
    NEUTRAL_BAND,
    compound,
    news_neutral_terms,
    summarize,
    toward_actors,
    without_names,
)
from analysis.text.model import SentenceScore


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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials of the Chinese Communist Party met.", "Officials of the name name name met."),
        ("The United Nations agreed.", "The name name agreed."),
        ("“Great news,” said Ms. Joy Smith.", "“Great news,” said name. name name."),
        (
            "Behind the CCP’s Fervent Denial of Interfering",
            "Behind the CCP’s Fervent Denial of Interfering",
        ),
        ("We are HAPPY today, said Lee.", "We are HAPPY today, said name."),
        ("no capitals here at all.", "no capitals here at all."),
    ],
)
def test_without_names(sentence: str, expected: str) -> None:
    assert without_names(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The National Intelligence Council released the report on Monday.",
        "He spoke to the United Nations Security Council.",
        "US intelligence officials met party leaders.",
        "The Department of Justice filed the case.",
    ],
)
def test_names_and_institutional_nouns_are_not_sentiment(sentence: str) -> None:
    assert abs(compound(sentence)) < NEUTRAL_BAND


def test_news_neutral_terms_are_vader_entries_with_reasons() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer().lexicon
    terms = news_neutral_terms()
    assert len(terms) >= 10
    for term, reason in terms.items():
        assert term in vader, term
        assert len(reason.split()) >= 4, term


def test_evaluative_words_still_count() -> None:
    assert compound("The party was a wonderful celebration.") > 0.3
    assert compound("Critics called the decision a shameful disaster.") < -0.3
