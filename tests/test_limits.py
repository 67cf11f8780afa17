"""Limits: huge files, huge folders, a megabyte without punctuation and HTML bombs finish or are
refused with a clear message, and nothing hangs.

Each case runs in a child process (``benchmarks.bench_limits.run_case``) with a generous timeout,
so a hang fails the test instead of stalling the run. Only outcomes are checked here; the time
and memory figures come from ``make bench`` (``python -m benchmarks limits``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import score_article
from analysis.io.corpus import read_upload
from analysis.measures.sentiment import MAX_SENTENCE_WORDS, compound
from benchmarks.bench_limits import GOOD_ROW_TEXT, long_sentence, make_html_entities, run_case

#: Far above every case's measured time on a loaded 2-core machine (see make bench).
TIMEOUT_S = 600


@pytest.mark.parametrize("case", ["txt_200mb", "jsonl_200mb", "csv_200mb"])
def test_a_200_mb_file_is_refused_by_the_size_limit_with_a_message(case: str) -> None:
    result = run_case(case, timeout=TIMEOUT_S)
    (problem,) = result["problems"]
    assert "over the limit of 5,000,000 bytes (5.0 MB) for one article" in problem
    assert "MB)" in problem.split("over the limit")[0]  # says how big the input is
    if case == "jsonl_200mb":
        assert result["article_ids"] == ["good"]  # the row after the huge one still loads
    if case == "csv_200mb":
        assert "the rest of the file was not read" in problem


def test_a_10000_file_folder_loads_and_scores() -> None:
    result = run_case("folder_10k", timeout=TIMEOUT_S)
    assert result["articles"] == 10_000
    assert result["problems"] == []
    assert result["sentences"] >= 10_000


def test_a_1_mb_sentence_without_punctuation_scores() -> None:
    result = run_case("sentence_1mb", timeout=TIMEOUT_S)
    assert result["articles"] == 1 and result["problems"] == []
    assert result["sentences"] >= 1


@pytest.mark.parametrize("case", ["html_nested", "html_entities", "html_wide"])
def test_html_bombs_finish(case: str) -> None:
    result = run_case(case, timeout=TIMEOUT_S)
    if case == "html_nested":  # no text in 800,000 nested divs: refused, and said why
        (problem,) = result["problems"]
        assert problem.endswith("nested.html: no article text found in HTML")
    else:
        assert result["articles"] == 1 and result["problems"] == []


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    (page,) = make_html_entities(tmp_path)
    articles, _ = read_upload("entities.html", page.read_bytes())
    assert len(articles[0].text) < 1_000  # not 10**9 "lol"s


def test_an_overlong_sentence_is_scored_in_pieces_like_its_parts() -> None:
    words = long_sentence(40_000).split()
    assert len(words) > 2 * MAX_SENTENCE_WORDS
    pieces = [
        " ".join(words[k : k + MAX_SENTENCE_WORDS])
        for k in range(0, len(words), MAX_SENTENCE_WORDS)
    ]
    expected = sum(compound(p) for p in pieces) / len(pieces)
    assert compound(" ".join(words)) == pytest.approx(expected, abs=1e-4)
    short = " ".join(words[:MAX_SENTENCE_WORDS])
    assert compound(short) == compound(pieces[0])  # at the limit the sentence is scored whole


def test_a_row_after_an_oversized_jsonl_row_loads() -> None:
    huge = '{"text": "' + "x " * 3_000_000 + '"}\n'
    data = (huge + '{"text": "' + GOOD_ROW_TEXT + '"}\n').encode()
    articles, problems = read_upload("rows.jsonl", data)
    assert [a.text for a in articles] == [GOOD_ROW_TEXT]
    assert "over the limit" in problems[0].reason
    assert score_article(articles[0]).sentences == 1
