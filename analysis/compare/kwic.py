"""Keyword in context: every occurrence of a term in a corpus with the words around it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class KwicHit:
    """One use of a term in context: ``left + match + right`` is ``text[start - len(left): ...]``.

    Offsets index the article's text exactly as loaded.
    """

    article_id: str
    title: str
    outlet: str | None
    start: int
    end: int
    left: str
    match: str
    right: str
    excluded: bool


def _term_pattern(term: str) -> re.Pattern[str]:
    words = term.split()
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def kwic(records: Iterable[Mapping[str, Any]], term: str, *, width: int = 60) -> list[KwicHit]:
    """Keyword in context: every whole-word, case-insensitive use of ``term`` in each text.

    A multi-word term matches across any run of whitespace. Uses inside page furniture (the
    article's ``excluded`` spans) are returned with ``excluded=True`` so a reader can grey them.

    Args:
        records: article dicts of the JSON contract (``id``, ``title``, ``outlet``, ``text``,
            ``excluded``).
        term: the word or phrase to find; blank terms find nothing.
        width: characters of context on each side (line breaks shown as spaces).
    """
    if not term.strip():
        return []
    pattern = _term_pattern(term.strip())
    hits = []
    for record in records:
        text = record.get("text") or ""
        excluded = [(e["start"], e["end"]) for e in record.get("excluded", ())]
        for m in pattern.finditer(text):
            start, end = m.span()
            hits.append(
                KwicHit(
                    article_id=str(record.get("id")),
                    title=str(record.get("title") or ""),
                    outlet=record.get("outlet"),
                    start=start,
                    end=end,
                    left=_flat(text[max(0, start - width) : start]),
                    match=m.group(0),
                    right=_flat(text[end : end + width]),
                    excluded=any(s <= start and end <= e for s, e in excluded),
                )
            )
    return hits


_WS = re.compile(r"\s")


def _flat(text: str) -> str:
    """Context with every whitespace character shown as one space (lengths are kept)."""
    return _WS.sub(" ", text)
