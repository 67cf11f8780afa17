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
    assert table["articles"]["all"] >= 40
    per_outlet = [table["articles"][o] for o in ("Fox News", "HuffPost", "The New York Times")]
    assert max(per_outlet) - min(per_outlet) <= 1
    assert 0.25 <= table["articles"]["heldout"] / table["articles"]["all"] <= 0.40


def test_split_is_by_event() -> None:
    split_of: dict[str, set[str]] = {}
    for article in GOLD:
        split_of.setdefault(article["event_id"], set()).add(article["split"])
    assert all(len(splits) == 1 for splits in split_of.values())
    order = sorted(split_of)
    expected = {event: "heldout" if i % 3 == 0 else "dev" for i, event in enumerate(order)}
    assert {event: next(iter(s)) for event, s in split_of.items()} == expected


def test_no_article_text_in_the_gold_file() -> None:
    allowed = {"id", "event_id", "outlet", "split", "quotes", "non_quotes"}
    for article in GOLD:
        assert set(article) == allowed
        for quote in article["quotes"]:
            assert set(quote) == {"start", "end", "sha1", "speaker", "speaker_kind", "group"}
        for non_quote in article["non_quotes"]:
            assert set(non_quote) == {"start", "end", "sha1", "why"}


BROKEN = {
    "id": "a",
    "event_id": "e",
    "outlet": "o",
    "split": "dev",
    "quotes": [],
    "non_quotes": [],
}


@pytest.mark.parametrize(
    ("quotes", "message"),
    [
        (
            [
                {
                    "start": 4,
                    "end": 9,
                    "sha1": "0",
                    "speaker": "X",
                    "speaker_kind": "person",
                    "group": "person",
                }
            ],
            "SHA-1 differs",
        ),
        (
            [
                {
                    "start": 0,
                    "end": 3,
                    "sha1": check_gold.sha1("He "),
                    "speaker": "X",
                    "speaker_kind": "person",
                    "group": "person",
                }
            ],
            "ends neither",
        ),
        (
            [
                {
                    "start": 3,
                    "end": 9,
                    "sha1": check_gold.sha1("said “"),
                    "speaker": "X",
                    "speaker_kind": "person",
                    "group": "person",
                }
            ],
            "starts neither",
        ),
        (
            [
                {
                    "start": 8,
                    "end": 13,
                    "sha1": check_gold.sha1("“hi.”"),
                    "speaker": "X",
                    "speaker_kind": "person",
                    "group": "the press",
                }
            ],
            "outside the guideline",
        ),
    ],
)
def test_problems_are_found(quotes: list[dict], message: str) -> None:
    basil = {"a": {"id": "a", "event_id": "e", "outlet": "o", "text": "He said “hi.” Fine."}}
    found = check_gold.problems([{**BROKEN, "quotes": quotes}], basil)
    assert any(message in line for line in found), found


def test_candidates_pair_marks_by_paragraph() -> None:
    text = "He said “one” and \"two\".\n\n“Open to the end\n\n“closed.” It's fine, 'three' too."
    spans = [text[c.start : c.end] for c in candidates.candidates(text)]
    assert spans == ["“one”", '"two"', "“Open to the end", "“closed.”", "'three'"]
