"""Fuzzing the scorer (analysis.pipeline): every span of every measure lies inside the text, is
ordered, and still indexes the same characters after the JSON and library round trips.

The texts are loaded through ``read_upload`` first (as a user's would be), so what is scored is
exactly what the loaders produce for hostile input.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

from fuzz_inputs import article_texts
from hypothesis import given, settings

from analysis import article_to_dict, score_article
from analysis.io.corpus import load_corpus, read_upload
from analysis.io.output import article_from_record
from analysis.text.segmentation import segment
from dashboard.highlight import LAYERS, article_html, categories_of, groups_of
from dashboard.library import save_articles


def spans(record: Mapping[str, Any]) -> Iterator[tuple[str, dict]]:
    """(kind, span dict) for every offset-carrying item of one article's JSON object."""
    for kind in ("excluded", "quotes", "sentence_scores", "naming_spans"):
        for item in record.get(kind) or ():
            yield kind, item
    for item in (record.get("loaded") or {}).get("matches", ()):
        yield "loaded", item
    voices = record.get("voices") or {}
    for kind in ("quotes", "attributions"):
        for item in voices.get(kind) or ():
            yield f"voices.{kind}", item


def check_record(record: Mapping[str, Any]) -> None:
    text = record["text"]
    n = len(text)
    for kind, span in spans(record):
        assert 0 <= span["start"] <= span["end"] <= n, (kind, span, n)
        if "text" in span and kind == "loaded":
            assert text[span["start"] : span["end"]] == span["text"], (kind, span)
    for kind in ("sentence_scores", "quotes", "excluded"):
        items = record.get(kind) or ()
        starts = [s["start"] for s in items]
        assert starts == sorted(starts), kind
        for a, b in pairwise(items):
            assert a["end"] <= b["start"], (kind, a, b)  # no overlaps
    matches = (record.get("loaded") or {}).get("matches", ())
    assert [m["start"] for m in matches] == sorted(m["start"] for m in matches)
    for s in record.get("sentence_scores", ()):
        assert s["compound"] is None or -1 <= s["compound"] <= 1


def loaded(text: str) -> list:
    articles, _ = read_upload("fuzz.txt", text.encode("utf-8", "surrogatepass"))
    return articles


@given(text=article_texts())
def test_every_span_lies_inside_the_text_and_is_ordered(text: str) -> None:
    for article in loaded(text):
        record = article_to_dict(score_article(article))
        check_record(record)
        json.dumps(record, allow_nan=False)  # the contract is strict JSON


@given(text=article_texts())
def test_segmentation_covers_the_text_in_order(text: str) -> None:
    seg = segment(text)
    for group in (seg.paragraphs, seg.sentences, seg.tokens):
        assert all(0 <= s.start <= s.end <= len(text) for s in group)
        assert all(a.end <= b.start for a, b in pairwise(group))
    for token in seg.tokens:
        assert text[token.start : token.end].strip() == text[token.start : token.end]


@settings(max_examples=max(10, settings().max_examples // 4))
@given(text=article_texts())
def test_offsets_survive_the_json_and_library_round_trips(text: str, tmp_path_factory) -> None:
    for article in loaded(text):
        record = article_to_dict(score_article(article))
        # JSON: the record written and read back indexes the same characters.
        again = json.loads(json.dumps(record, ensure_ascii=False))
        assert again["text"] == article.text
        assert article_to_dict(score_article(article_from_record(again))) == record
        # Library: saved as JSON Lines and loaded again, the text is unchanged, so every offset
        # the reader and the exports show still points at the same characters.
        library = Path(tmp_path_factory.mktemp("library"))
        path = save_articles(library, [article], name=article.title)
        (back,) = load_corpus([path]).articles
        assert back.text == article.text
        rescored = article_to_dict(score_article(back))
        assert [(k, s["start"], s["end"]) for k, s in spans(rescored)] == [
            (k, s["start"], s["end"]) for k, s in spans(record)
        ]


@given(text=article_texts())
def test_the_reader_shows_exactly_the_text_escaped(text: str) -> None:
    for article in loaded(text):
        record = article_to_dict(score_article(article))
        page = article_html(
            record,
            layers={name for name, _ in LAYERS} - {"sentences"},
            categories=categories_of([record]),
            groups=groups_of([record]),
        )
        # Drop our own tags and the speaker badges; what is left is the text, escaped once.
        body = re.sub(r'<span class="hl-badge" data-label="1">.*?</span>', "", page)
        shown = html.unescape(re.sub(r"<[^>]*>", "", body))
        assert shown == article.text
        assert "<script" not in re.sub(r"<(/?)(span|div)\b[^>]*>", "", page).lower()
