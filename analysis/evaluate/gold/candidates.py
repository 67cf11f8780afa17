"""List every quotation-mark pair in a BASIL article, for a human annotator to decide.

This is the annotator's reading aid behind ``voices_basil.jsonl`` (see ``GUIDELINE.md``). It is
deliberately naive and independent of :mod:`analysis.measures.voices`, the extractor the gold set
measures: it pairs quotation marks paragraph by paragraph with a regular scan and never decides
anything. Every candidate is then read in its sentence and judged by hand (quote or not, exact
span, speaker, kind, group); the annotator also looks for quotations this scan misses.

Pairing rule: within one paragraph (paragraphs are separated by a blank line), a curly opening
mark opens and a curly closing mark closes; a straight double mark toggles. An opening mark left
open at the end of its paragraph yields a candidate running to the paragraph's end (the news
convention for a quotation continued in the next paragraph). Curly single marks (‘ ’) are
paired the same way; a straight single mark opens only after a space or an opening bracket or
dash and closes before a space or punctuation, so apostrophes are rarely mistaken for marks.

Usage: ``python -m analysis.evaluate.gold.candidates ARTICLE_ID [BASIL_JSONL]`` prints the
article with each candidate numbered in place, then a table of the candidates with offsets.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASIL = Path(__file__).resolve().parents[4] / "shared" / "eval" / "basil_dev.jsonl"

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
_STRAIGHT_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))'(?=\w)")
_STRAIGHT_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])'(?=[\s.,;:!?)\]—–-]|$)")


@dataclass(frozen=True)
class Candidate:
    """One quotation-mark pair (or an opening mark left open to the end of its paragraph)."""

    start: int
    end: int
    closed: bool
    single: bool


def _pair_double(paragraph: str, offset: int) -> list[Candidate]:
    found: list[Candidate] = []
    open_at: int | None = None
    for match in re.finditer(r"[\"“”]", paragraph):
        mark, at = match.group(), match.start()
        if open_at is None and mark in '"“':
            open_at = at
        elif open_at is not None and mark in '"”':
            found.append(Candidate(offset + open_at, offset + at + 1, True, False))
            open_at = None
        elif open_at is not None and mark == "“":
            found.append(Candidate(offset + open_at, offset + at, False, False))
            open_at = at
    if open_at is not None:
        found.append(Candidate(offset + open_at, offset + len(paragraph), False, False))
    return found


def _pair_single(paragraph: str, offset: int) -> list[Candidate]:
    marks = [(m.start(), "open") for m in re.finditer("‘", paragraph)]
    marks += [(m.start(), "close") for m in re.finditer("’(?!\\w)", paragraph)]
    marks += [(m.start(), "open") for m in _STRAIGHT_SINGLE_OPEN.finditer(paragraph)]
    marks += [(m.start(), "close") for m in _STRAIGHT_SINGLE_CLOSE.finditer(paragraph)]
    found: list[Candidate] = []
    open_at: int | None = None
    for at, role in sorted(marks):
        if role == "open" and open_at is None:
            open_at = at
        elif role == "close" and open_at is not None:
            found.append(Candidate(offset + open_at, offset + at + 1, True, True))
            open_at = None
    return found


def candidates(text: str) -> list[Candidate]:
    """Every candidate span in ``text``, in order of their start offsets."""
    found: list[Candidate] = []
    for paragraph in _PARAGRAPH.finditer(text):
        found += _pair_double(paragraph.group(), paragraph.start())
        found += _pair_single(paragraph.group(), paragraph.start())
    return sorted(found, key=lambda c: (c.start, -c.end))


def render(text: str, found: list[Candidate]) -> str:
    """The text with ``⟦n⟧`` before each candidate's first mark and ``⟦/n⟧`` after its end."""
    inserts: list[tuple[int, int, str]] = []
    for number, cand in enumerate(found, 1):
        inserts.append((cand.start, 1, f"⟦{number}⟧"))
        inserts.append((cand.end, 0, f"⟦/{number}⟧"))
    pieces, last = [], 0
    for at, _, label in sorted(inserts):
        pieces += [text[last:at], label]
        last = at
    return "".join([*pieces, text[last:]])


def main(argv: list[str]) -> int:
    """Print one article with its candidates marked, then the candidate table."""
    if not argv:
        print(__doc__)
        return 2
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_BASIL
    with path.open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in map(json.loads, handle)}
    if argv[0] not in rows:
        print(f"no article with id {argv[0]!r} in {path}", file=sys.stderr)
        return 1
    row = rows[argv[0]]
    found = candidates(row["text"])
    print(f"{row['id']}  {row['outlet']}  {row['event']}\n")
    print(render(row["text"], found))
    print()
    for number, cand in enumerate(found, 1):
        flags = ("" if cand.closed else " OPEN") + (" single" if cand.single else "")
        print(f"{number:3d} {cand.start:6d} {cand.end:6d}{flags}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
