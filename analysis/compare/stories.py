"""Stories: which articles report the same event.

The catalog's ``event`` when an article has one; articles without it join a story through a
similarity of at least :data:`EVENT_SIMILARITY` or a reused share of at least :data:`EVENT_REUSE`
(single-link), never merging two different catalog events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from analysis.compare.documents import Doc

#: Thresholds for grouping articles without a catalog event into stories.
EVENT_SIMILARITY = 0.3
EVENT_REUSE = 0.2


def group_stories(
    docs: Sequence[Doc], similarity: np.ndarray, reuse: Mapping[tuple[int, int], float]
) -> dict[str, tuple[str, ...]]:
    """Catalog events, and stories found by single-link grouping for articles without one."""
    parent = list(range(len(docs)))
    label: dict[int, str | None] = {i: doc.event for i, doc in enumerate(docs)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri == rj:
            return
        li, lj = label[ri], label[rj]
        if li is not None and lj is not None and li != lj:
            return  # two catalog events never merge
        parent[rj] = ri
        label[ri] = li if li is not None else lj

    for i, doc in enumerate(docs):  # articles of the same catalog event belong together
        if doc.event is not None:
            first = next(j for j, other in enumerate(docs) if other.event == doc.event)
            join(first, i)
    links = [
        (similarity[i, j], i, j)
        for i, j in zip(*np.nonzero(np.triu(similarity >= EVENT_SIMILARITY, 1)), strict=True)
    ]
    links += [(2.0 + share, i, j) for (i, j), share in reuse.items() if share >= EVENT_REUSE]
    for _, i, j in sorted(links, reverse=True):
        join(int(i), int(j))

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
