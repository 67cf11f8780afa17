"""Text reuse: passages two articles share, found from an index of five-word shingles.

Every run of :data:`SHINGLE` consecutive words (a *shingle*, after lower-casing) is hashed and
indexed once, so finding which articles share runs costs about linear time in the corpus size, not
a comparison of every sentence pair. Shared shingles on the same alignment are merged into
passages (small gaps from a changed word are bridged), and a sentence that shares at least one
shingle with a sentence of the other article counts as reused whole when the two are
near-identical (Dice overlap of their content words ≥ :data:`NEAR_IDENTICAL`) — this is how a light
rewrite still shows. A passage must have at least :data:`MIN_PASSAGE_WORDS` words on both sides.

References:
    Broder, A. (1997). On the resemblance and containment of documents. Compression and
    Complexity of Sequences (word shingles).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.compare.documents import Doc

#: Words per shingle: five-word runs rarely repeat by chance in news prose.
SHINGLE = 5
#: A passage needs this many words on both sides (a shared title or name is not reuse).
MIN_PASSAGE_WORDS = 10
#: Dice overlap of content words above which two sentences sharing a shingle are near-identical.
NEAR_IDENTICAL = 0.6
#: A shingle found in more articles than this is a stock phrase, not evidence of reuse.
MAX_SHINGLE_ARTICLES = 50
#: A shingle repeated more often than this in the corpus is boilerplate too, however few articles.
MAX_SHINGLE_ENTRIES = 4 * MAX_SHINGLE_ARTICLES
#: Words of gap bridged when merging aligned runs (one or two words changed or inserted).
MAX_GAP = 3

_HASH_BASE = np.int64(1_000_003)


@dataclass(frozen=True, slots=True)
class Passage:
    """Aligned reused text: character ranges in article a and in article b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _shingles(doc: Doc, content: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every k-word run with at least one content word, and their start positions."""
    n = len(doc.ids) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    h = np.zeros(n, dtype=np.int64)
    has_content = np.zeros(n, dtype=bool)
    is_content = content[doc.ids]
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _HASH_BASE + doc.ids[j : j + n] + 1
            has_content |= is_content[j : j + n]
    positions = np.nonzero(has_content)[0]
    return h[positions], positions


def shared_hits(
    docs: Sequence[Doc], content: np.ndarray, k: int
) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
    """Positions of shared shingles for every pair of articles sharing at least two of them.

    All shingle hashes of the corpus are sorted once; each run of equal hashes lists the
    articles that contain that shingle. Shingles in more than :data:`MAX_SHINGLE_ARTICLES`
    articles (or repeated more than :data:`MAX_SHINGLE_ENTRIES` times) are stock phrases or
    boilerplate and are skipped, so no posting list makes the cost quadratic. Cost:
    O(W log W) for W words plus the hits themselves.

    Yields:
        ``(a, b, positions in a, positions in b)`` with ``a < b`` article indices, pair by pair
        (one pair's hits at a time, as views into the index).
    """
    hashes, doc_of, pos_of = [], [], []
    for d, doc in enumerate(docs):
        h, pos = _shingles(doc, content, k)
        hashes.append(h)
        pos_of.append(pos.astype(np.int32))
        doc_of.append(np.full(len(h), d, dtype=np.int32))
    if sum(len(x) for x in hashes) < 2:
        return
    h = np.concatenate(hashes)
    del hashes
    # A stable sort by hash keeps each run of equal hashes in corpus order (article, position).
    order = np.argsort(h, kind="stable")
    h = h[order]
    boundary = np.flatnonzero(np.diff(h)) + 1
    del h
    starts = np.concatenate(([0], boundary))
    stops = np.concatenate((boundary, [len(order)]))
    del boundary
    d = np.concatenate(doc_of)[order]
    shared = d[starts] != d[stops - 1]  # the shingle occurs in at least two articles
    # Keep only the entries of shared shingles (most shingles occur once) and renumber runs.
    sizes = (stops - starts)[shared]
    mask = np.repeat(shared, stops - starts)
    order, d = order[mask], d[mask]
    p = np.concatenate(pos_of)[order]
    del order, mask, pos_of, doc_of
    stops = np.cumsum(sizes)
    starts = stops - sizes
    two = sizes == 2  # the common case, done as whole arrays
    hit_a, hit_b = [starts[two]], [starts[two] + 1]
    first_of_article = np.ones(len(d), dtype=bool)
    first_of_article[1:] = d[1:] != d[:-1]
    first_of_article[starts] = True
    articles = np.add.reduceat(first_of_article, starts) if len(starts) else sizes
    many = ~two & (articles <= MAX_SHINGLE_ARTICLES) & (sizes <= MAX_SHINGLE_ENTRIES)
    for size in np.unique(sizes[many]).tolist():  # every entry pair of shingles of this size
        first = starts[many & (sizes == size)]
        i, j = np.triu_indices(size, 1)
        a, b = (first[:, None] + i).ravel(), (first[:, None] + j).ravel()
        cross = d[a] != d[b]
        hit_a.append(a[cross])
        hit_b.append(b[cross])
    ia, ib = np.concatenate(hit_a), np.concatenate(hit_b)
    del hit_a, hit_b
    key = d[ia].astype(np.int64) * len(docs) + d[ib]
    pa, pb = p[ia], p[ib]
    del ia, ib, d, p
    order = np.lexsort((pb, pa, key))  # by pair, then position: a canonical order of hits
    key, pa, pb = key[order], pa[order], pb[order]
    del order
    pairs, first, count = np.unique(key, return_index=True, return_counts=True)
    del key
    for pair, s, c in zip(pairs.tolist(), first.tolist(), count.tolist(), strict=True):
        if c >= 2:  # one shared shingle is a phrase, not a passage
            a, b = divmod(pair, len(docs))
            yield a, b, pa[s : s + c], pb[s : s + c]


def _runs(pos_a: list[int], pos_b: list[int], k: int) -> list[list[int]]:
    """Shared shingles on the same alignment merged into runs [a0, a1, b0, b1) of tokens."""
    runs: list[list[int]] = []
    last_diag = None
    for a, b in sorted(zip(pos_a, pos_b, strict=True), key=lambda ab: (ab[0] - ab[1], ab[0])):
        diag = a - b
        if runs and diag == last_diag and a <= runs[-1][1]:
            runs[-1][1] = a + k
            runs[-1][3] = b + k
        else:
            runs.append([a, a + k, b, b + k])
        last_diag = diag
    return runs


def _merge(passages: list[list[int]]) -> list[list[int]]:
    """Merge passages that overlap or nearly touch in both articles (an aligned continuation)."""
    merged: list[list[int]] = []
    for a0, a1, b0, b1 in sorted(passages):
        if merged:
            m = merged[-1]
            if a0 <= m[1] + MAX_GAP and b0 <= m[3] + MAX_GAP and b1 >= m[2] - MAX_GAP:
                m[1], m[2], m[3] = max(m[1], a1), min(m[2], b0), max(m[3], b1)
                continue
        merged.append([a0, a1, b0, b1])
    return merged


class Sentences:
    """Token ranges of an article's sentences and, on demand, their idf-weighted content words."""

    def __init__(self, doc: Doc, content: np.ndarray, idf: list[float]) -> None:
        bounds = np.flatnonzero(np.diff(doc.sentence)) + 1
        starts = np.concatenate(([0], bounds)) if len(doc.ids) else np.empty(0, dtype=np.int64)
        stops = np.concatenate((bounds, [len(doc.ids)])) if len(doc.ids) else starts
        self.starts, self.stops = starts.tolist(), stops.tolist()
        #: the sentence number of every token
        self.of_token = np.repeat(np.arange(len(starts)), stops - starts).tolist()
        self.doc, self.content, self.idf = doc, content, idf
        self._words: dict[int, tuple[frozenset[int], float]] = {}

    def words(self, x: int) -> tuple[frozenset[int], float]:
        """Sentence ``x``'s content-word ids and the sum of their idf."""
        found = self._words.get(x)
        if found is None:
            ids = self.doc.ids[self.starts[x] : self.stops[x]]
            unique = frozenset(ids[self.content[ids]].tolist())
            found = self._words[x] = (unique, sum(self.idf[w] for w in unique))
        return found

    def dice(self, x: int, other: Sentences, y: int) -> float:
        """Dice overlap of two sentences' content words, each word weighted by its idf."""
        (mine, weight_x), (theirs, weight_y) = self.words(x), other.words(y)
        if not weight_x + weight_y:
            return 0.0
        return 2 * sum(self.idf[w] for w in mine & theirs) / (weight_x + weight_y)


def _sentence_passages(
    pos_a: list[int], pos_b: list[int], sent_a: Sentences, sent_b: Sentences
) -> list[list[int]]:
    """Near-identical sentence pairs, one-to-one, as passages of whole sentences.

    A pair qualifies when the two sentences share at least two shingles and their content
    words overlap by at least :data:`NEAR_IDENTICAL` (Dice, each word weighted by its idf so
    that common words count less); the sentences right before and after a qualifying pair are
    then tried too (a rewrite keeps the order of the copy). Each sentence takes part in at most
    one pair, the most similar.
    """
    of_a, of_b = sent_a.of_token, sent_b.of_token
    shared = Counter((of_a[a], of_b[b]) for a, b in zip(pos_a, pos_b, strict=True))
    todo = [pair for pair, count in shared.items() if count >= 2]
    n_a, n_b = len(sent_a.starts), len(sent_b.starts)
    scores: dict[tuple[int, int], float] = {}
    while todo:
        x, y = todo.pop()
        if (x, y) in scores or not (0 <= x < n_a and 0 <= y < n_b):
            continue
        scores[(x, y)] = score = sent_a.dice(x, sent_b, y)
        if score >= NEAR_IDENTICAL:
            todo.extend(((x + 1, y + 1), (x - 1, y - 1)))
    used_a: set[int] = set()
    used_b: set[int] = set()
    passages = []
    for (x, y), score in sorted(scores.items(), key=lambda item: -item[1]):
        if score < NEAR_IDENTICAL:
            break
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            passages.append([sent_a.starts[x], sent_a.stops[x], sent_b.starts[y], sent_b.stops[y]])
    return passages


def _covered(intervals: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(intervals):
        if e > end:
            total += e - max(s, end)
            end = e
    return total


def reuse_between(
    doc_a: Doc,
    doc_b: Doc,
    hits: tuple[np.ndarray, np.ndarray],
    sentences: tuple[Sentences, Sentences],
    k: int,
) -> tuple[float, float, tuple[Passage, ...]]:
    pos_a, pos_b = hits[0].tolist(), hits[1].tolist()
    found = _runs(pos_a, pos_b, k) + _sentence_passages(pos_a, pos_b, *sentences)
    kept = [
        p
        for p in _merge(found)
        if p[1] - p[0] >= MIN_PASSAGE_WORDS and p[3] - p[2] >= MIN_PASSAGE_WORDS
    ]
    if not kept:
        return 0.0, 0.0, ()
    share_a = _covered([(p[0], p[1]) for p in kept]) / len(doc_a.ids)
    share_b = _covered([(p[2], p[3]) for p in kept]) / len(doc_b.ids)
    passages = tuple(
        Passage(
            int(doc_a.starts[a0]),
            int(doc_a.ends[a1 - 1]),
            int(doc_b.starts[b0]),
            int(doc_b.ends[b1 - 1]),
        )
        for a0, a1, b0, b1 in kept
    )
    return share_a, share_b, passages


def find_reuse(
    docs: Sequence[Doc], content: np.ndarray, idf: np.ndarray
) -> dict[tuple[int, int], tuple[float, float, tuple[Passage, ...]]]:
    """Every pair of articles with reused passages: ``{(a, b): (share_a, share_b, passages)}``.

    Candidates come from the shingle index only (:func:`shared_hits`), never from all pairs.
    """
    idf_list = idf.tolist()
    sentences: dict[int, Sentences] = {}
    reuse: dict[tuple[int, int], tuple[float, float, tuple[Passage, ...]]] = {}
    cached: list[int] = []  # a heap of the articles in `sentences`
    for a, b, *pair_hits in shared_hits(docs, content, SHINGLE):
        while cached and cached[0] < a:  # pairs come in order of a: these take part no more
            del sentences[heapq.heappop(cached)]
        for d in (a, b):
            if d not in sentences:
                sentences[d] = Sentences(docs[d], content, idf_list)
                heapq.heappush(cached, d)
        found = reuse_between(
            docs[a], docs[b], tuple(pair_hits), (sentences[a], sentences[b]), SHINGLE
        )
        if found[2]:
            reuse[(a, b)] = found
    return reuse
