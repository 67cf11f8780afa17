"""The quotation gold set (analysis/evaluate/gold/) agrees with the BASIL texts it points into."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.evaluate.gold import candidates, check_gold

GOLD = check_gold.load_gold()


def test_every_offset_matches_basil(eval_dir: Path) -> None:
    basil = check_gold.load_basil(eval_dir / "basil_dev.jsonl")
    assert check_gold.problems(GOLD, basil) == []


def test_size_and_balance() -> None:
    table = check_gold.counts(GOLD)
    assert table["articles"]["all"] >= 57
    per_outlet = [table["articles"][o] for o in ("Fox News", "HuffPost", "The New York Times")]
    assert max(per_outlet) - min(per_outlet) <= 1
    assert 0.25 <= table["articles"]["heldout"] / table["articles"]["all"] <= 0.40


def test_split_is_by_batch_and_event() -> None:
    """Batch 1 (the first 42 records) is dev; the later batch is heldout, whole events only."""
    assert [a["split"] for a in GOLD[:42]] == ["dev"] * 42
    assert all(a["split"] == "heldout" for a in GOLD[42:])
    outlets: dict[str, set[str]] = {}
    split_of: dict[str, set[str]] = {}
    for article in GOLD:
        split_of.setdefault(article["event_id"], set()).add(article["split"])
        outlets.setdefault(article["event_id"], set()).add(article["outlet"])
    assert all(len(splits) == 1 for splits in split_of.values())
    assert all(len(outlets[e]) == 3 for e, s in split_of.items() if s == {"heldout"})


def test_no_article_text_in_the_gold_file() -> None:
    allowed = {"id", "event_id", "outlet", "split", "quotes", "non_quotes", "stray_marks"}
    for article in GOLD:
        assert set(article) == allowed
        for quote in article["quotes"]:
            assert set(quote) == {"start", "end", "sha1", "speaker", "speaker_kind", "group"}
        for non_quote in article["non_quotes"]:
            assert set(non_quote) == {"start", "end", "sha1", "why"}


TEXT = "He said “hi.” Fine. “Bye.”"
BASIL = {"a": {"id": "a", "event_id": "e", "outlet": "o", "text": TEXT}}


def _quote(start: int, end: int, *, sha1: str | None = None, group: str = "person") -> dict:
    digest = check_gold.sha1(TEXT[start:end]) if sha1 is None else sha1
    return {
        "start": start,
        "end": end,
        "sha1": digest,
        "speaker": "X",
        "speaker_kind": "person",
        "group": group,
    }


def _article(quotes: list[dict]) -> dict:
    return {
        "id": "a",
        "event_id": "e",
        "outlet": "o",
        "split": "dev",
        "quotes": quotes,
        "non_quotes": [],
        "stray_marks": [],
    }


def test_a_correct_article_has_no_problems() -> None:
    assert check_gold.problems([_article([_quote(8, 13), _quote(20, 26)])], BASIL) == []


@pytest.mark.parametrize(
    ("quotes", "message"),
    [
        ([_quote(8, 13, sha1="0")], "SHA-1 differs"),
        ([_quote(0, 3)], "ends neither"),
        ([_quote(3, 9)], "starts neither"),
        ([_quote(8, 13, group="the press")], "outside the guideline"),
        ([_quote(20, 26), _quote(8, 13)], "out of order"),
        ([_quote(8, 13), _quote(8, 26)], "overlapping"),
        ([_quote(8, 40)], "outside the text"),
    ],
)
def test_problems_are_found(quotes: list[dict], message: str) -> None:
    found = check_gold.problems([_article(quotes)], BASIL)
    assert any(message in line for line in found), found


def test_marks_outside_spans_must_be_listed() -> None:
    found = check_gold.problems([_article([_quote(8, 13)])], BASIL)
    assert found == [
        "a [20]: quotation mark outside all spans and not listed as stray",
        "a [25]: quotation mark outside all spans and not listed as stray",
    ]
    listed = {**_article([_quote(8, 13)]), "stray_marks": [20, 25]}
    assert check_gold.problems([listed], BASIL) == []
    wrong = {**_article([_quote(8, 13), _quote(20, 26)]), "stray_marks": [9]}
    assert check_gold.problems([wrong], BASIL) == [
        "a [9]: listed as stray but not a quotation mark outside all spans"
    ]


def test_unknown_article_is_reported() -> None:
    assert check_gold.problems([{**_article([]), "id": "b"}], BASIL) == [
        "b: no such article in BASIL"
    ]


def test_candidates_pair_marks_by_paragraph() -> None:
    text = "He said “one” and \"two\".\n\n“Open to the end\n\n“closed.” It's fine, 'three' too."
    spans = [text[c.start : c.end] for c in candidates.candidates(text)]
    assert spans == ["“one”", '"two"', "“Open to the end", "“closed.”", "'three'"]


def test_candidates_cover_every_gold_span_start(eval_dir: Path) -> None:
    """The reading aid found the opening mark of nearly all gold quotations."""
    basil = check_gold.load_basil(eval_dir / "basil_dev.jsonl")
    found = missed = 0
    for article in GOLD:
        starts = {c.start for c in candidates.candidates(basil[article["id"]]["text"])}
        for quote in article["quotes"]:
            found += quote["start"] in starts
            missed += quote["start"] not in starts
    assert missed <= 0.02 * (found + missed)
