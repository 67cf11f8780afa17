"""The documents a comparison works on: each article's kept tokens as vocabulary ids.

Page furniture (excluded spans) is dropped here, so it takes part in nothing downstream. Words are
folded to lower case with apostrophes unified and mapped to integer ids shared by the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from analysis.io.outlets import UNKNOWN_NAME
from analysis.text.model import Article, Excluded, Segmentation, Span
from analysis.text.segmentation import inside
from analysis.text.words import FUNCTION_WORDS, fold

_start = attrgetter("start")


@dataclass(slots=True)
class Doc:
    """One article's kept tokens as vocabulary ids, their character spans and sentences."""

    id: str
    outlet: str
    event: str | None
    date: str | None
    ids: np.ndarray  # token ids (int64)
    starts: np.ndarray  # character offsets (int32)
    ends: np.ndarray
    sentence: np.ndarray  # sentence index of each kept token (int32)
    capital: np.ndarray  # whether each kept token starts with an upper-case letter


class Vocabulary:
    """Normalised word -> integer id, shared by every article of one comparison."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []

    def ids(self, words: Sequence[str]) -> np.ndarray:
        index, get = self.index, self.index.get
        out = np.empty(len(words), dtype=np.int64)
        for n, word in enumerate(words):
            i = get(word)
            if i is None:
                i = index[word] = len(self.words)
                self.words.append(word)
            out[n] = i
        return out

    def content_mask(self) -> np.ndarray:
        """True for ids of content words (not function words, with at least one letter)."""
        return np.fromiter(
            (w not in FUNCTION_WORDS and any(c.isalpha() for c in w) for w in self.words),
            dtype=bool,
            count=len(self.words),
        )


def prepare_documents(
    items: Iterable[tuple[Article, Segmentation]],
    excluded: Mapping[str, Sequence[Excluded]],
    vocabulary: Vocabulary,
) -> list[Doc]:
    docs = []
    seen: set[str] = set()
    for article, seg in items:
        if article.id in seen:
            raise ValueError(f"article id {article.id!r} appears twice")
        seen.add(article.id)
        skip = sorted((Span(e.start, e.end) for e in excluded.get(article.id, ())), key=_start)
        text = seg.text
        tokens = [t for t in seg.tokens if not (skip and inside(skip, t.start))]
        lowered = fold(text)
        if len(lowered) != len(text):  # a few characters change length in lower case ("İ")
            lowered = "".join(fold(c)[:1] or c for c in text)
        ids = vocabulary.ids([lowered[t.start : t.end] for t in tokens])
        starts = np.fromiter((t.start for t in tokens), dtype=np.int32, count=len(tokens))
        ends = np.fromiter((t.end for t in tokens), dtype=np.int32, count=len(tokens))
        sentence_starts = np.fromiter(
            (s.start for s in seg.sentences), dtype=np.int64, count=len(seg.sentences)
        )
        sentence = (np.searchsorted(sentence_starts, starts, side="right") - 1).astype(np.int32)
        capital = np.fromiter(
            (text[t.start].isupper() for t in tokens), dtype=bool, count=len(tokens)
        )
        docs.append(
            Doc(
                id=article.id,
                outlet=article.outlet or UNKNOWN_NAME,
                event=article.event,
                date=article.date,
                ids=ids,
                starts=starts,
                ends=ends,
                sentence=sentence,
                capital=capital,
            )
        )
    return docs
