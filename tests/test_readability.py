"""textstat adapter: known values on named texts, and an empty body."""

from __future__ import annotations

import pytest

from analysis.measures.readability import EMPTY, readability

EASY = "The cat sat on the mat. The dog ran to the park. We all had fun."
HARD = (
    "Notwithstanding considerable institutional opposition, the administration's comprehensive "
    "infrastructure reauthorization legislation incorporated unprecedented intergovernmental "
    "accountability mechanisms."
)


def test_easy_text_is_easy() -> None:
    r = readability(EASY, words=15, sentences=3)
    assert r.flesch_reading_ease > 90
    assert r.flesch_kincaid_grade < 3
    assert r.avg_sentence_length == pytest.approx(5.0)
    letters = sum(not c.isspace() for c in EASY)  # textstat: 14.69 ms per non-space character
    assert r.reading_time_s == pytest.approx(letters * 14.69 / 1000, rel=0.01)


def test_hard_text_is_hard() -> None:
    easy = readability(EASY, words=15, sentences=3)
    hard = readability(HARD, words=14, sentences=1)
    assert hard.flesch_reading_ease < 0 < easy.flesch_reading_ease
    for name in ("flesch_kincaid_grade", "gunning_fog", "coleman_liau_index", "dale_chall"):
        assert getattr(hard, name) > getattr(easy, name) + 5, name
    assert hard.consensus_grade > easy.consensus_grade


def test_empty_body_gives_no_numbers() -> None:
    assert readability("", words=0, sentences=0) == EMPTY
