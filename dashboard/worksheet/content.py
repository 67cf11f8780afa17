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
from analysis.classroom.marking import flagged_matches, gives_away
from analysis.classroom.questions import CATEGORY_WORDS, Question
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


def excerpt_for(record: Record, name: str, *, avoid: tuple[int, int] | None = None) -> Excerpt:
    """The paragraph of an article with the most evidence (flagged words, then quotations).

    Args:
        record: the article dict.
        name: how the sheet names it.
        avoid: a span the excerpt must not overlap (the passage students mark: its loaded
            words must not be shown marked elsewhere on the sheet).
    """
    loaded, quotes = _spans(record)
    paragraphs = [
        p for p in _paragraphs(record) if avoid is None or p[1] <= avoid[0] or avoid[1] <= p[0]
    ] or [(0, len(record.get("text") or ""))]
    if avoid is not None and paragraphs[0] == (0, len(record.get("text") or "")):
        paragraphs = [(0, avoid[0])] if avoid[0] > 0 else [(avoid[1], paragraphs[0][1])]

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
    questions: Sequence[Question],
    records: Sequence[Record],
    names: Mapping[str, str],
    *,
    withhold: frozenset[str] = frozenset(),
) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each question, the spans it points at that its own words do not already quote, and
    that name no answer of the sheet's exercise (``withhold``: from
    :func:`analysis.classroom.marking.answer_forms`)."""
    texts = {str(r["id"]): r.get("text") or "" for r in records}
    found = {}
    for question in questions:
        quoted = []
        for point in question.points:
            if point.start is None or point.end is None or point.article not in texts:
                continue
            words = " ".join(texts[point.article][point.start : point.end].split())
            if not words or words.strip('“”"') in question.text or gives_away(words, withhold):
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


#: Evidence lines per question in the answer key (it stays short).
KEY_EVIDENCE = 3
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def plain_date(value: Any) -> str:
    """An ISO date in words ("2020-12-22" -> "22 December 2020", "2024-04" -> "April 2024");
    anything else as given ("–" when empty)."""
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not match or not 1 <= int(match[2]) <= 12:
        return text or "–"
    month = f"{_MONTHS[int(match[2]) - 1]} {match[1]}"
    return f"{int(match[3])} {month}" if match[3] else month


def passage_key(words: Sequence[Mapping[str, Any]]) -> list[str]:
    """One plain line per flagged word of the passage: the word, what kind of word it is, why
    the tool flags it, a plainer word, and whether a speaker (not the writer) used it."""
    lines = []
    for m in words:
        kind = CATEGORY_WORDS.get(str(m.get("category")), str(m.get("category") or "loaded"))
        line = f"“{' '.join(str(m['text']).split())}”: {kind.replace('_', ' ')}"
        if m.get("reason"):
            line += f" ({m['reason']})"
        if m.get("alternative"):
            line += f"; plainer: “{m['alternative']}”"
        if m.get("in_quote"):
            line += "; inside a quotation: a speaker's word, not the writer's"
        lines.append(line + ".")
    return lines
