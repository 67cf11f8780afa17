"""Score story grouping against BASIL's events (``python -m analysis evaluate --basil``).

Every BASIL article is loaded *without* its event label, grouped into stories by
:func:`analysis.compare.stories.find_stories` (the same path as ``compare``), and the stories
are compared with the true events by the adjusted Rand index (1 = the same partition, about 0 =
what random grouping scores). Three figures:

- ``ari``: the built-in settings on every article, with dates;
- ``ari_no_dates``: the same with the dates removed (as in a corpus without them);
- ``ari_cross_validated``: two-fold cross-validation over events (events split alternately in
  sorted order of their ids); on each half the threshold and the name weight are chosen from
  :data:`GRID` and scored on the other half; the mean of the two held-out figures. This is the
  honest estimate of how the tuning carries over to new events.

References:
    Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of Classification 2: 193-218
    (adjusted Rand index). Fan, L. et al. (2019). In Plain Sight: Media Bias Through the Lens of
    Factual Reporting. EMNLP-IJCNLP (BASIL).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import product
from typing import Any

from sklearn.metrics import adjusted_rand_score

from analysis.compare.documents import Vocabulary, prepare_documents
from analysis.compare.reuse import find_reuse
from analysis.compare.similarity import neighbour_pairs, tfidf_vectors
from analysis.compare.stories import (
    ENTITY_WEIGHT,
    STORY_MIN_COSINE,
    STORY_NEIGHBOURS,
    STORY_THRESHOLD,
    find_stories,
)
from analysis.evaluate.metrics import jsonl
from analysis.text.model import Article, Segmentation
from analysis.text.segmentation import segment

#: The settings tried when tuning: story thresholds x name weights.
GRID: tuple[tuple[float, float], ...] = tuple(
    product((0.1, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3), (0.0, 0.2, 0.4, 0.6))
)

Item = tuple[Article, Segmentation]


def load_basil(path: str | os.PathLike[str]) -> tuple[list[Item], list[str]]:
    """BASIL articles without their event (title line, blank line, body), and the true events.

    Ids are prefixed with the line number: a few BASIL ids repeat.
    """
    items, events = [], []
    for line, row in enumerate(jsonl(path), 1):
        title = (row.get("title") or "").strip()
        body = row.get("text") or ""
        text = f"{title}\n\n{body}" if title else body
        article = Article(
            id=f"{line}:{row.get('id')}",  # four BASIL ids are "empty"
            text=text,
            title=title,
            source=str(path),
            outlet=row.get("outlet") or None,
            date=row.get("date") or None,
        )
        items.append((article, segment(text, has_headline=bool(title))))
        events.append(str(row["event_id"]))
    return items, events


def group(
    items: Sequence[Item], *, threshold: float, entity_weight: float, use_dates: bool = True
) -> list[str]:
    """The story each article is put in, through the same steps as ``compare``."""
    vocabulary = Vocabulary()
    docs = prepare_documents(items, {}, vocabulary)
    content = vocabulary.content_mask()
    vectors, idf = tfidf_vectors(docs, content)
    reuse = {k: max(v[0], v[1]) for k, v in find_reuse(docs, content, idf).items()}
    pairs = neighbour_pairs(vectors, k=STORY_NEIGHBOURS, min_similarity=STORY_MIN_COSINE)
    stories = find_stories(
        docs,
        content,
        pairs,
        reuse,
        threshold=threshold,
        entity_weight=entity_weight,
        use_dates=use_dates,
    )
    story_of = {article: name for name, ids in stories.items() for article in ids}
    return [story_of[doc.id] for doc in docs]


def _ari(items: Sequence[Item], truth: Sequence[str], **settings: Any) -> float:
    return float(adjusted_rand_score(truth, group(items, **settings)))


def cross_validate(items: Sequence[Item], truth: Sequence[str]) -> dict[str, Any]:
    """Two-fold cross-validation over events: tune on one half, score on the other."""
    events = sorted(set(truth))
    fold_of = {event: i % 2 for i, event in enumerate(events)}
    held_out, chosen = [], []
    for fold in (0, 1):
        train = [i for i, e in enumerate(truth) if fold_of[e] != fold]
        test = [i for i, e in enumerate(truth) if fold_of[e] == fold]
        best = max(
            GRID,
            key=lambda s: (
                _ari(
                    [items[i] for i in train],
                    [truth[i] for i in train],
                    threshold=s[0],
                    entity_weight=s[1],
                ),
                -abs(s[0] - STORY_THRESHOLD),
            ),
        )
        chosen.append(best)
        held_out.append(
            _ari(
                [items[i] for i in test],
                [truth[i] for i in test],
                threshold=best[0],
                entity_weight=best[1],
            )
        )
    return {"ari_cross_validated": sum(held_out) / 2, "chosen": chosen}


def evaluate_stories(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Story-grouping figures on a BASIL-format file (see the module)."""
    items, truth = load_basil(path)
    if not items:
        return {"ari": None, "ari_no_dates": None, "ari_cross_validated": None, "n": 0}
    settings = {"threshold": STORY_THRESHOLD, "entity_weight": ENTITY_WEIGHT}
    return {
        "ari": _ari(items, truth, **settings),
        "ari_no_dates": _ari(items, truth, **settings, use_dates=False),
        "ari_cross_validated": cross_validate(items, truth)["ari_cross_validated"],
        "events": len(set(truth)),
        "n": len(items),
    }
