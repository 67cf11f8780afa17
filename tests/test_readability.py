"""textstat adapter: known values on named texts, and an empty body."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st
from texts import seed_paths

from analysis.measures.readability import EMPTY, count_text, formulas, readability

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


# --- one pass equals textstat's public functions --------------------------------------------

PUBLIC = {
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "gunning_fog": textstat.gunning_fog,
    "smog_index": textstat.smog_index,
    "coleman_liau_index": textstat.coleman_liau_index,
    "dale_chall": textstat.dale_chall_readability_score,
    "consensus_grade": lambda text: textstat.text_standard(text, float_output=True),
    "reading_time_s": textstat.reading_time,
}


def assert_same_as_textstat(text: str) -> None:
    ours = formulas(count_text(text))
    theirs = {name: function(text) for name, function in PUBLIC.items()}
    assert ours == theirs, text[:200]


@pytest.mark.parametrize("text", [EASY, HARD, "", "Hi.", "One two three four five six seven."])
def test_named_texts_equal_textstat(text: str) -> None:
    assert_same_as_textstat(text)


def test_seed_texts_equal_textstat() -> None:
    for path in seed_paths():
        assert_same_as_textstat(path.read_text(encoding="utf-8"))


def test_long_text_uses_linsear_first_hundred_words() -> None:
    text = " ".join([HARD, EASY] * 12)  # more than 100 words
    assert len(text.split()) > 100
    assert_same_as_textstat(text)


@pytest.mark.eval
def test_evaluation_corpora_equal_textstat(eval_dir: Path) -> None:
    for name in ("basil_dev.jsonl", "ptc_train.jsonl"):
        with (eval_dir / name).open(encoding="utf-8") as handle:
            for line in handle:
                assert_same_as_textstat(json.loads(line)["text"])
    with (eval_dir / "babe_dev.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert_same_as_textstat(row["text"])


WORDS = st.sampled_from(
    """the cat sat on mat extraordinary institutional don't it's students' 'twas İstanbul naïve
    co-operate U.S. 3.5 — “quoted” (aside) e-mail rock'n'roll Ünïcödé""".split()  # noqa: SIM905
)
SEPARATORS = st.sampled_from([" ", " ", ", ", ". ", "! ", "? ", "\n\n", "; ", ' "', "' "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=160))
def test_random_text_equals_textstat(parts: list[tuple[str, str]]) -> None:
    assert_same_as_textstat("".join(w + s for w, s in parts))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_equals_textstat(text: str) -> None:
    assert_same_as_textstat(text)
