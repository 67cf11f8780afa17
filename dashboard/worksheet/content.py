"""What text goes on a worksheet: excerpts around the evidence, the passage to mark, quotes.

Each excerpt is whole paragraphs (long ones cut to whole sentences) chosen for the flagged loaded
words and quotations they hold; marks are kept as spans, so every renderer draws the same ones.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, letter

from analysis.classroom.blind import MASK
from analysis.classroom.marking import flagged_matches
from analysis.classroom.questions import (
    Question,
)
from analysis.text.segmentation import segment

Record = Mapping[str, Any]
#: Paper sizes (points) by the names the ``paper`` option takes.
PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "Letter": letter}
EXCERPT_CHARS = 650
LINES_PER_QUESTION = 3
_MASK_RUN = re.compile(f"{MASK}+")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A part of one article shown on the sheet, with its marks.

    Attributes:
        article: the article id (as shown: a label in blind mode).
        name: how the sheet names the article.
        headline: the headline (masked in blind mode).
        start: first character of the excerpt.
        end: one past its last character.
        loaded: spans of flagged loaded words inside it.
        quotes: spans of quotations inside it.
    """

    article: str
    name: str
    headline: str
    start: int
    end: int
    loaded: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]


def _headline(record: Record) -> tuple[int, int] | None:
    text = record.get("text") or ""
    match = re.search(r"\S[^\n]*", text)
    if match and " ".join(match.group().split()) == " ".join(str(record.get("title")).split()):
        return match.start(), match.start() + len(match.group().rstrip())
    return None


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for s, e in spans if start <= s and e <= end)


def _paragraphs(record: Record) -> list[tuple[int, int]]:
    """Body paragraphs: not the headline, not page furniture, not masked."""
    text = record.get("text") or ""
    head = _headline(record)
    excluded = [(e["start"], e["end"]) for e in record.get("excluded") or ()]
    found = []
    for p in segment(text).paragraphs:
        if head and p.start < head[1]:
            continue
        if any(s <= p.start and p.end <= e for s, e in excluded):
            continue
        if MASK * 3 in text[p.start : p.end] and len(text[p.start : p.end].strip(MASK + " ")) < 3:
            continue
        found.append((p.start, p.end))
    return found


def _trim(record: Record, start: int, end: int, focus: int) -> tuple[int, int]:
    """Cut a long paragraph to whole sentences around ``focus`` within :data:`EXCERPT_CHARS`."""
    if end - start <= EXCERPT_CHARS:
        return start, end
    sentences = [
        (s["start"], s["end"])
        for s in record.get("sentence_scores") or ()
        if start <= s["start"] and s["end"] <= end
    ] or [(start, end)]
    first = next((i for i, (_, e) in enumerate(sentences) if e > focus), 0)
    lo = hi = first
    while True:
        grown = False
        if hi + 1 < len(sentences) and sentences[hi + 1][1] - sentences[lo][0] <= EXCERPT_CHARS:
            hi, grown = hi + 1, True
        if lo > 0 and sentences[hi][1] - sentences[lo - 1][0] <= EXCERPT_CHARS:
            lo, grown = lo - 1, True
        if not grown:
            break
    s, e = sentences[lo][0], sentences[hi][1]
    if e - s > EXCERPT_CHARS:  # one very long sentence: cut at a space
        cut = (record.get("text") or "").rfind(" ", s, s + EXCERPT_CHARS)
        e = cut if cut > s else s + EXCERPT_CHARS
    return s, e


def _spans(record: Record) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    loaded = [(m["start"], m["end"]) for m in flagged_matches(record, 0, len(record["text"]))]
    quotes = [(q["start"], q["end"]) for q in record.get("quotes") or ()]
    return loaded, quotes


def excerpt_for(record: Record, name: str) -> Excerpt:
    """The paragraph of an article with the most evidence (flagged words, then quotations)."""
    loaded, quotes = _spans(record)
    paragraphs = _paragraphs(record) or [(0, len(record.get("text") or ""))]

    def weight(p: tuple[int, int]) -> tuple[int, int, int]:
        return (len(_inside(loaded, *p)), len(_inside(quotes, *p)), -p[0])

    best = max(paragraphs, key=weight)
    focus = next((s for s, _ in _inside(loaded, *best)), best[0])
    start, end = _trim(record, *best, focus)
    return excerpt(record, name, start, end, loaded, quotes)


def excerpt(
    record: Record,
    name: str,
    start: int,
    end: int,
    loaded: Sequence[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
) -> Excerpt:
    head = _headline(record)
    headline = (record.get("text") or "")[head[0] : head[1]] if head else str(record.get("title"))
    return Excerpt(
        str(record["id"]),
        name,
        headline,
        start,
        end,
        _inside(loaded, start, end),
        tuple((max(s, start), min(e, end)) for s, e in quotes if s < end and start < e),
    )


def auto_passage(records: Sequence[Record]) -> tuple[Record, int, int] | None:
    """The body paragraph with the most flagged loaded words (at least two), or None."""
    best = None
    for record in records:
        loaded, _ = _spans(record)
        for p in _paragraphs(record):
            count = len(_inside(loaded, *p))
            if count >= 2 and (best is None or count > best[0]):
                best = (count, record, p)
    if best is None:
        return None
    _, record, (start, end) = best
    focus = next((s for s, _ in _inside(_spans(record)[0], start, end)), start)
    return (record, *_trim(record, start, end, focus))


#: Longest quotation printed under a question.
LOOK_AT_CHARS = 220


def look_at(
    questions: Sequence[Question], records: Sequence[Record], names: Mapping[str, str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each question, the spans it points at that its own words do not already quote."""
    texts = {str(r["id"]): r.get("text") or "" for r in records}
    found = {}
    for question in questions:
        quoted = []
        for point in question.points:
            if point.start is None or point.end is None or point.article not in texts:
                continue
            words = " ".join(texts[point.article][point.start : point.end].split())
            if not words or words.strip('“”"') in question.text:
                continue
            if len(words) > LOOK_AT_CHARS:
                words = words[: words.rfind(" ", 0, LOOK_AT_CHARS)] + " …"
            if not words.startswith(("“", '"', "‘")):
                words = f"“{words}”"
            quoted.append((names.get(point.article, point.article), words))
        if quoted:
            found[question.id] = tuple(quoted[:2])
    return found


def segments(
    text: str, excerpt: Excerpt, *, marks: bool = True
) -> list[tuple[str, frozenset[str]]]:
    """The excerpt cut into runs of text with the styles covering each (loaded, quote, mask)."""
    start, end = excerpt.start, excerpt.end
    layers: list[tuple[int, int, str]] = []
    if marks:
        layers += [(s, e, "loaded") for s, e in excerpt.loaded]
        layers += [(s, e, "quote") for s, e in excerpt.quotes]
    layers += [
        (m.start() + start, m.end() + start, "mask") for m in _MASK_RUN.finditer(text[start:end])
    ]
    bounds = sorted({start, end, *(p for s, e, _ in layers for p in (s, e) if start <= p <= end)})
    runs = []
    for a, b in itertools.pairwise(bounds):
        styles = frozenset(kind for s, e, kind in layers if s <= a and b <= e)
        runs.append((text[a:b], styles))
    return runs


def whole(text: str) -> Excerpt:
    """An excerpt covering a whole string, no marks (for headlines)."""
    return Excerpt("", "", text, 0, len(text), (), ())
