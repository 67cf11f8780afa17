"""A generated corpus for the scale tests: ``benchmarks.newslike`` articles spread over real
outlet names (from the built-in outlets table) and a few stories, written as JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.io.outlets import BUILTIN_OUTLETS, read_outlets
from benchmarks.newslike import corpus

STORIES = ("Budget vote", "Bridge safety report", "Trade talks")


def outlet_names(count: int) -> list[str]:
    """``count`` outlet names from the built-in table (alphabetical, so the same every run)."""
    names = sorted({p.name for p in read_outlets(BUILTIN_OUTLETS)})
    return names[:count]


def write_corpus(folder: Path, *, articles: int = 200, outlets: int = 30, words: int = 220) -> Path:
    """Write ``articles`` generated articles over ``outlets`` outlets to ``folder/scale.jsonl``."""
    names = outlet_names(outlets)
    path = folder / "scale.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for k, article in enumerate(corpus(articles, words=words)):
            row = {
                "id": article.id,
                "title": article.title,
                "outlet": names[k % len(names)],
                "event": STORIES[(k // len(names)) % len(STORIES)],
                "date": "2024-05-01",
                "text": article.text,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
