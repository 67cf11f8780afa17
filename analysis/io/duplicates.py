"""Duplicate articles: the same content, whatever its line breaks or file name."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from analysis.text.model import Article


def content_hash(text: str) -> str:
    """SHA-256 of the text with every run of white space made one space: the same article pasted
    with other line breaks or indentation has the same hash."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


def duplicates(new: Sequence[Article], existing: Sequence[Article]) -> dict[int, Article]:
    """Which new articles have the same content as an existing one, or as an earlier new one.

    Returns:
        index into ``new`` -> the article it repeats (the first with that content).
    """
    seen = {}
    for article in existing:
        seen.setdefault(content_hash(article.text), article)
    found: dict[int, Article] = {}
    for i, article in enumerate(new):
        key = content_hash(article.text)
        if key in seen:
            found[i] = seen[key]
        else:
            seen[key] = article
    return found
