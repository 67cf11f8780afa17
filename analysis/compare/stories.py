"""Stories: which articles report the same event.

An article with a catalog ``event`` belongs to that story. Articles without one are grouped by
what they report:

1. *Story similarity* of two articles = ``(1 - ENTITY_WEIGHT) * cos(words) + ENTITY_WEIGHT *
   cos(names)``: the cosine of their content-word tf-idf vectors and of their tf-idf vectors of
   *names* (runs of capitalised words, see :func:`analysis.compare.names.name_vectors`), times
   a date factor when both articles have a date (:func:`date_factor`: reports of one event are
   days apart, not months).
2. Articles that reuse at least :data:`EVENT_REUSE` of each other's words are put together
   first (a copy reports the same event).
3. Average-link agglomerative clustering: the two groups with the highest mean story similarity
   over all their article pairs merge, until no mean reaches :data:`STORY_THRESHOLD`. Only the
   pairs of the neighbour graph (each article's :data:`STORY_NEIGHBOURS` nearest articles, see
   :mod:`~analysis.compare.similarity`) are scored, which keeps the cost linear in the corpus;
   a pair outside it counts as 0, and since the graph holds at most :data:`STORY_NEIGHBOURS`
   pairs per article, the mean of two large groups is taken over at most that many pairs per
   article of the smaller group (so a story larger than the neighbour list is not split).

Two different catalog events never merge. The thresholds were chosen on BASIL (50 events x 3
outlets) by two-fold cross-validation over events (``analysis.evaluate.stories``).

References:
    Sokal, R. R. & Michener, C. D. (1958). A statistical method for evaluating systematic
    relationships. University of Kansas Science Bulletin 38 (average linkage, UPGMA).
    Yang, Y., Pierce, T. & Carbonell, J. (1998). A study of retrospective and on-line event
    detection. SIGIR '98 (tf-idf cosine, agglomerative clustering and time for news events).
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date

import numpy as np
from scipy import sparse

from analysis.compare.documents import Doc
from analysis.compare.names import name_vectors
from analysis.compare.similarity import NEIGHBOURS, pair_similarity

#: Mean story similarity two groups need to merge.
STORY_THRESHOLD = 0.2
#: Share of the story similarity that comes from names (the rest from content words).
ENTITY_WEIGHT = 0.4
#: Days apart within which dates do not lower the similarity, and the days it takes beyond that
#: to halve it.
DATE_WINDOW = 3
DATE_HALF_LIFE = 7
#: A reused share of at least this puts two articles in the same story.
EVENT_REUSE = 0.2
#: Neighbours per article scored (more than the comparison lists: stories can be larger).
STORY_NEIGHBOURS = 2 * NEIGHBOURS
#: Content-word cosine below which a pair is not scored at all.
STORY_MIN_COSINE = 0.05

_DATE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_date(text: str | None) -> tuple[int, int] | None:
    """``(day number, uncertainty in days)`` of an ISO date ``YYYY[-MM[-DD]]``, else ``None``.

    A month alone is taken as its 15th with 15 days either way; a year as 1 July, 183 days.
    """
    m = _DATE.match(text or "")
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        if month is None:
            return date(year, 7, 1).toordinal(), 183
        if day is None:
            return date(year, month, 15).toordinal(), 15
        return date(year, month, day).toordinal(), 0
    except ValueError:  # "2024-13-40": no usable date
        return None


def date_factor(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """1 within :data:`DATE_WINDOW` days (after each date's uncertainty), then halving every
    :data:`DATE_HALF_LIFE` days; 1 when either date is unknown."""
    if a is None or b is None:
        return 1.0
    apart = max(0, abs(a[0] - b[0]) - a[1] - b[1] - DATE_WINDOW)
    return 0.5 ** (apart / DATE_HALF_LIFE)


def story_similarity(
    docs: Sequence[Doc],
    words: Mapping[tuple[int, int], float],
    names: sparse.csr_matrix,
    *,
    entity_weight: float = ENTITY_WEIGHT,
    use_dates: bool = True,
) -> dict[tuple[int, int], float]:
    """Story similarity of each pair given with its content-word cosine (see the module)."""
    dates = [parse_date(doc.date) if use_dates else None for doc in docs]
    shared = pair_similarity(names, words) if entity_weight else {}
    out: dict[tuple[int, int], float] = {}
    for (a, b), cosine in words.items():
        value = (1 - entity_weight) * cosine + entity_weight * shared.get((a, b), 0.0)
        out[(a, b)] = value * date_factor(dates[a], dates[b])
    return out


def find_stories(
    docs: Sequence[Doc],
    content: np.ndarray,
    pairs: Mapping[tuple[int, int], float],
    reuse: Mapping[tuple[int, int], float],
    *,
    threshold: float = STORY_THRESHOLD,
    entity_weight: float = ENTITY_WEIGHT,
    use_dates: bool = True,
) -> dict[str, tuple[str, ...]]:
    """The stories of a corpus (see the module): neighbour graph, story similarity, grouping.

    Args:
        docs: the articles.
        content: the content-word mask of the vocabulary.
        pairs: the content-word cosine of each article's :data:`STORY_NEIGHBOURS` nearest
            neighbours at or above :data:`STORY_MIN_COSINE` (see
            :func:`analysis.compare.similarity.neighbour_pairs`).
        reuse: the larger reused share of each pair with reuse.
        threshold, entity_weight, use_dates: see :data:`STORY_THRESHOLD`,
            :data:`ENTITY_WEIGHT` and :func:`date_factor`.
    """
    names = name_vectors(docs, content)
    linked = story_similarity(docs, pairs, names, entity_weight=entity_weight, use_dates=use_dates)
    return group_stories(docs, linked, reuse, threshold=threshold)


def group_stories(
    docs: Sequence[Doc],
    similarity: Mapping[tuple[int, int], float],
    reuse: Mapping[tuple[int, int], float],
    *,
    threshold: float = STORY_THRESHOLD,
) -> dict[str, tuple[str, ...]]:
    """Story name -> article ids: catalog events, reuse, then average-link (see the module).

    Args:
        docs: the articles (their ``event`` is the catalog's).
        similarity: story similarity of the scored pairs ``(a, b)``, ``a < b``; others count 0.
        reuse: the larger reused share of each pair with reuse.
        threshold: the mean story similarity two groups need to merge.

    Returns:
        Catalog event or ``"story N"`` -> ids in corpus order, stories in order of first article.
    """
    n = len(docs)
    parent = list(range(n))
    label: list[str | None] = [doc.event for doc in docs]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri != rj and not (label[ri] and label[rj] and label[ri] != label[rj]):
            ri, rj = min(ri, rj), max(ri, rj)
            parent[rj] = ri
            label[ri] = label[ri] or label[rj]

    first_of: dict[str, int] = {}
    for i, doc in enumerate(docs):  # articles of the same catalog event belong together
        if doc.event is not None:
            join(first_of.setdefault(doc.event, i), i)
    for (i, j), share in sorted(reuse.items(), key=lambda item: (-item[1], item[0])):
        if share >= EVENT_REUSE:
            join(i, j)
    _average_link(n, similarity, threshold, root, join, label)

    groups: dict[int, list[str]] = defaultdict(list)
    for i, doc in enumerate(docs):
        groups[root(i)].append(doc.id)
    events: dict[str, tuple[str, ...]] = {}
    story = 0
    for r, ids in groups.items():
        name = label[r]
        if name is None:
            story += 1
            name = f"story {story}"
        events[name] = tuple(ids)
    return events


def _pairs(a: int, b: int) -> int:
    """The article pairs of two groups the neighbour graph can score: all ``a * b`` of them
    for small groups, at most :data:`STORY_NEIGHBOURS` per article of the smaller group for
    large ones (each article lists only that many neighbours)."""
    return min(a * b, STORY_NEIGHBOURS * min(a, b))


def _average_link(
    n: int,
    similarity: Mapping[tuple[int, int], float],
    threshold: float,
    root: Callable[[int], int],
    join: Callable[[int, int], None],
    label: list[str | None],
) -> None:
    """Merge groups by the highest mean pair similarity (pairs not given count 0) until none
    reaches ``threshold``; groups with two different catalog events are never merged."""
    size: dict[int, int] = defaultdict(int)
    for i in range(n):
        size[root(i)] += 1
    sums: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for (a, b), value in similarity.items():
        ra, rb = root(a), root(b)
        if ra != rb:
            sums[ra][rb] += value
            sums[rb][ra] += value
    heap = [
        (-total / _pairs(size[a], size[b]), a, b)
        for a, row in sums.items()
        for b, total in row.items()
        if a < b
    ]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if root(a) != a or root(b) != b or b not in sums[a]:
            continue  # stale: one of them has merged since
        if -sums[a][b] / _pairs(size[a], size[b]) != negative:
            continue
        if label[a] and label[b] and label[a] != label[b]:
            continue
        join(a, b)
        keep, gone = root(a), b if root(a) == a else a
        size[keep] += size.pop(gone)
        merged = sums[keep]
        for other, total in sums.pop(gone).items():
            del sums[other][gone]
            if other != keep:
                merged[other] += total
                sums[other][keep] = merged[other]
        merged.pop(gone, None)
        for other, total in merged.items():
            heapq.heappush(heap, (-total / _pairs(size[keep], size[other]), *sorted((keep, other))))
