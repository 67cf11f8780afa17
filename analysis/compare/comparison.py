"""The corpus-level comparison: text reuse, vocabulary similarity, distinctive terms, stories.

Everything works from the one segmentation pass of each article (its word tokens and sentences);
page furniture (excluded spans) takes part in nothing. The parts: :mod:`~analysis.compare.reuse`
(shared passages), :mod:`~analysis.compare.similarity` (tf-idf cosine),
:mod:`~analysis.compare.distinctive` (log-odds terms per outlet) and
:mod:`~analysis.compare.stories` (which articles report the same event).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.compare.distinctive import DistinctiveTerm, distinctive_terms
from analysis.compare.documents import Vocabulary, prepare_documents
from analysis.compare.reuse import Passage, find_reuse
from analysis.compare.similarity import (
    NEIGHBOURS,
    neighbours,
    pair_similarity,
    pairs_of,
    tfidf_vectors,
)
from analysis.compare.stories import STORY_MIN_COSINE, STORY_NEIGHBOURS, find_stories
from analysis.text.model import Article, Excluded, Segmentation

#: Pairs below this similarity and without reuse are left out of ``pairs``.
MIN_SIMILARITY = 0.1

#: Distinctive terms listed per outlet, and the |z| they must reach (two-sided 5%).
TERMS_PER_OUTLET = 20
MIN_Z = 1.96


@dataclass(frozen=True, slots=True)
class Pair:
    """Two articles: vocabulary similarity, shares of reused words, and the reused passages."""

    a: str
    b: str
    similarity: float
    reused_share_a: float
    reused_share_b: float
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The corpus-level comparison; ``to_dict`` gives the ``compare`` JSON of the contract.

    Attributes:
        pairs: article pairs with reuse, and each article's nearest neighbours (at most
            :data:`~analysis.compare.similarity.NEIGHBOURS` per article) among those with a
            similarity of at least ``min_similarity``; most reuse first. A pair that is missing
            is not among either article's neighbours: its similarity is below the threshold or
            below that of the article's closer neighbours (in a corpus of at most
            ``NEIGHBOURS + 1`` articles, every pair at or above the threshold is listed).
            Pairs sharing no content word are never listed.
        distinctive_terms: per outlet, its most characteristic terms (highest z first).
        events: story name -> article ids.
        texts: article id -> text, so passages can be shown side by side.
    """

    pairs: tuple[Pair, ...]
    distinctive_terms: dict[str, tuple[DistinctiveTerm, ...]]
    events: dict[str, tuple[str, ...]]
    texts: Mapping[str, str] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``python -m analysis compare --format json``."""
        return {
            "pairs": [
                {
                    "a": p.a,
                    "b": p.b,
                    "similarity": round(p.similarity, 4),
                    "reused_share_a": round(p.reused_share_a, 4),
                    "reused_share_b": round(p.reused_share_b, 4),
                    "passages": [
                        {
                            "a_start": s.a_start,
                            "a_end": s.a_end,
                            "b_start": s.b_start,
                            "b_end": s.b_end,
                        }
                        for s in p.passages
                    ],
                }
                for p in self.pairs
            ],
            "distinctive_terms": {
                outlet: [{"term": t.term, "z": round(t.z, 3), "count": t.count} for t in terms]
                for outlet, terms in self.distinctive_terms.items()
            },
            "events": {event: list(ids) for event, ids in self.events.items()},
        }

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Tables: ``pairs``, ``passages`` (with both texts), ``distinctive_terms``, ``events``."""
        pairs = pd.DataFrame(
            [
                (p.a, p.b, p.similarity, p.reused_share_a, p.reused_share_b, len(p.passages))
                for p in self.pairs
            ],
            columns=["a", "b", "similarity", "reused_share_a", "reused_share_b", "passages"],
        )
        passages = pd.DataFrame(
            [
                (
                    p.a,
                    p.b,
                    s.a_start,
                    s.a_end,
                    s.b_start,
                    s.b_end,
                    self.texts[p.a][s.a_start : s.a_end],
                    self.texts[p.b][s.b_start : s.b_end],
                )
                for p in self.pairs
                for s in p.passages
            ],
            columns=["a", "b", "a_start", "a_end", "b_start", "b_end", "a_text", "b_text"],
        )
        terms = pd.DataFrame(
            [
                (outlet, t.term, t.z, t.count)
                for outlet, items in self.distinctive_terms.items()
                for t in items
            ],
            columns=["outlet", "term", "z", "count"],
        )
        events = pd.DataFrame(
            [(event, article) for event, ids in self.events.items() for article in ids],
            columns=["event", "id"],
        )
        return {"pairs": pairs, "passages": passages, "distinctive_terms": terms, "events": events}


def compare_corpus(
    items: Iterable[tuple[Article, Segmentation]],
    *,
    excluded: Mapping[str, Sequence[Excluded]] | None = None,
    min_similarity: float = MIN_SIMILARITY,
    terms_per_outlet: int = TERMS_PER_OUTLET,
    min_z: float = MIN_Z,
) -> Comparison:
    """Compare articles: text reuse, similarity, each outlet's distinctive terms, and stories.

    Args:
        items: the articles with their segmentation (from
            :func:`analysis.text.segmentation.segment`), read once: a generator that segments
            each article on demand keeps only one segmentation in memory at a time.
        excluded: article id -> page-furniture spans; their words take part in nothing.
        min_similarity: pairs below this similarity are listed only if they share passages;
            above it, each article's :data:`~analysis.compare.similarity.NEIGHBOURS` most
            similar articles are listed.
        terms_per_outlet: at most this many distinctive terms per outlet.
        min_z: the z-score a term must reach to be listed as distinctive.

    Returns:
        A :class:`Comparison` (``to_dict()`` for JSON, ``to_frames()`` for DataFrames).
    """
    texts: dict[str, str] = {}

    def keep_text(
        items: Iterable[tuple[Article, Segmentation]],
    ) -> Iterator[tuple[Article, Segmentation]]:
        for article, seg in items:
            texts[article.id] = seg.text
            yield article, seg

    vocabulary = Vocabulary()
    docs = prepare_documents(keep_text(items), excluded or {}, vocabulary)
    content = vocabulary.content_mask()
    vectors, idf = tfidf_vectors(docs, content)
    reuse = find_reuse(docs, content, idf)

    near = neighbours(
        vectors, k=STORY_NEIGHBOURS, min_similarity=min(min_similarity, STORY_MIN_COSINE)
    )
    listed = pairs_of(near, k=NEIGHBOURS, min_similarity=min_similarity)
    similarity = {**listed, **pair_similarity(vectors, (p for p in reuse if p not in listed))}
    pairs = []
    for a, b in similarity:
        share_a, share_b, passages = reuse.get((a, b), (0.0, 0.0, ()))
        pairs.append(Pair(docs[a].id, docs[b].id, similarity[(a, b)], share_a, share_b, passages))
    pairs.sort(key=lambda p: (-max(p.reused_share_a, p.reused_share_b), -p.similarity, p.a, p.b))

    terms = distinctive_terms(
        docs, content, vocabulary.words, per_outlet=terms_per_outlet, min_z=min_z
    )
    story_pairs = pairs_of(near, k=STORY_NEIGHBOURS, min_similarity=STORY_MIN_COSINE)
    shares = {pair: max(v[0], v[1]) for pair, v in reuse.items()}
    events = find_stories(docs, content, story_pairs, shares)
    return Comparison(tuple(pairs), terms, events, texts)
