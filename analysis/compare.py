"""Comparison across articles: text reuse, vocabulary similarity, distinctive terms, stories.

Everything works from the one segmentation pass of each article (its word tokens and sentences);
page furniture (excluded spans) takes part in nothing.

- **Text reuse** (``pairs``): every run of :data:`SHINGLE` consecutive words (a *shingle*, after
  lower-casing) is hashed and indexed once, so finding which articles share runs costs about
  linear time in the corpus size, not a comparison of every sentence pair. Shared shingles on
  the same alignment are merged into passages (small gaps from a changed word are bridged), and
  a sentence that shares at least one shingle with a sentence of the other article counts as
  reused whole when the two are near-identical (Dice overlap of their content words ≥
  :data:`NEAR_IDENTICAL`) — this is how a light rewrite still shows. A passage must have at least
  :data:`MIN_PASSAGE_WORDS` words on both sides. ``reused_share_a`` is the share of article a's
  words inside its passages.
- **Similarity**: cosine similarity of tf-idf vectors of content words (Salton & Buckley 1988);
  it measures shared vocabulary (topic), not copying.
- **Distinctive terms**: words and two-word phrases most characteristic of each outlet against
  all other outlets, by the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
  Colaresi & Quinn 2008). The prior is the pooled corpus: each outlet's rates are shrunk toward
  the corpus-wide rate, and the z-score divides by the estimated standard error, so a word used
  twice in a small corpus does not look characteristic. Function words are left out.
- **Events**: the catalog's ``event`` when an article has one; articles without it join a story
  through a similarity of at least :data:`EVENT_SIMILARITY` or a reused share of at least
  :data:`EVENT_REUSE` (single-link), never merging two different catalog events.

References:
    Broder, A. (1997). On the resemblance and containment of documents. Compression and
    Complexity of Sequences (word shingles).
    Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
    Information Processing & Management 24(5).
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' Words: Lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis 16(4): 372-403 (eqs. 16-22).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import numpy as np
import pandas as pd

from analysis.model import Article, Excluded, Segmentation, Span
from analysis.outlets import UNKNOWN_NAME
from analysis.text import inside
from analysis.voices import FUNCTION_WORDS

#: Words per shingle: five-word runs rarely repeat by chance in news prose.
SHINGLE = 5
#: A passage needs this many words on both sides (a shared title or name is not reuse).
MIN_PASSAGE_WORDS = 10
#: Dice overlap of content words above which two sentences sharing a shingle are near-identical.
NEAR_IDENTICAL = 0.6
#: A shingle found in more articles than this is a stock phrase, not evidence of reuse.
MAX_SHINGLE_ARTICLES = 50
#: Words of gap bridged when merging aligned runs (one or two words changed or inserted).
MAX_GAP = 3
#: Pairs below this similarity and without reuse are left out of ``pairs``.
MIN_SIMILARITY = 0.1
#: Thresholds for grouping articles without a catalog event into stories.
EVENT_SIMILARITY = 0.3
EVENT_REUSE = 0.2
#: Distinctive terms listed per outlet, and the |z| they must reach (two-sided 5%).
TERMS_PER_OUTLET = 20
MIN_Z = 1.96

_HASH_BASE = np.int64(1_000_003)
_start = attrgetter("start")
#: Words in more articles than this enter the similarity through a dense matrix product.
_DENSE_DF = 48


@dataclass(frozen=True, slots=True)
class Passage:
    """Aligned reused text: character ranges in article a and in article b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


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
class DistinctiveTerm:
    """A word or two-word phrase, its log-odds z-score for the outlet, and its count there."""

    term: str
    z: float
    count: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """The corpus-level comparison; ``to_dict`` gives the ``compare`` JSON of the contract.

    Attributes:
        pairs: article pairs with reuse or a similarity of at least ``min_similarity``, most
            reuse first.
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


# --------------------------------------------------------------------------------------------
# Preparing the documents


def _normalise(word: str) -> str:
    return word.lower().replace("’", "'").replace("‘", "'")


@dataclass(slots=True)
class _Doc:
    """One article's kept tokens as vocabulary ids, their character spans and sentences."""

    id: str
    outlet: str
    event: str | None
    ids: np.ndarray  # token ids (int64)
    starts: np.ndarray
    ends: np.ndarray
    sentence: np.ndarray  # sentence index of each kept token


class _Vocabulary:
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


def _prepare(
    items: Sequence[tuple[Article, Segmentation]],
    excluded: Mapping[str, Sequence[Excluded]],
    vocabulary: _Vocabulary,
) -> list[_Doc]:
    docs = []
    seen: set[str] = set()
    for article, seg in items:
        if article.id in seen:
            raise ValueError(f"article id {article.id!r} appears twice")
        seen.add(article.id)
        skip = sorted((Span(e.start, e.end) for e in excluded.get(article.id, ())), key=_start)
        text = seg.text
        tokens = [t for t in seg.tokens if not (skip and inside(skip, t.start))]
        lowered = _normalise(text)
        if len(lowered) != len(text):  # a few characters change length in lower case ("İ")
            lowered = "".join(_normalise(c)[:1] or c for c in text)
        ids = vocabulary.ids([lowered[t.start : t.end] for t in tokens])
        starts = np.fromiter((t.start for t in tokens), dtype=np.int64, count=len(tokens))
        ends = np.fromiter((t.end for t in tokens), dtype=np.int64, count=len(tokens))
        sentence_starts = np.fromiter(
            (s.start for s in seg.sentences), dtype=np.int64, count=len(seg.sentences)
        )
        sentence = np.searchsorted(sentence_starts, starts, side="right") - 1
        docs.append(
            _Doc(
                id=article.id,
                outlet=article.outlet or UNKNOWN_NAME,
                event=article.event,
                ids=ids,
                starts=starts,
                ends=ends,
                sentence=sentence,
            )
        )
    return docs


# --------------------------------------------------------------------------------------------
# Text reuse


def _shingles(doc: _Doc, content: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
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


def _shared_hits(
    docs: Sequence[_Doc], content: np.ndarray, k: int
) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]:
    """Positions of shared shingles for every pair of articles sharing at least two of them.

    All shingle hashes of the corpus are sorted once; each run of equal hashes lists the
    articles that contain that shingle. Cost: O(W log W) for W words plus the hits themselves.

    Returns:
        ``{(a, b): (positions in a, positions in b)}`` with ``a < b`` article indices.
    """
    hashes, doc_of, pos_of = [], [], []
    for d, doc in enumerate(docs):
        h, pos = _shingles(doc, content, k)
        hashes.append(h)
        pos_of.append(pos)
        doc_of.append(np.full(len(h), d, dtype=np.int64))
    if sum(len(x) for x in hashes) < 2:
        return {}
    h, d, p = np.concatenate(hashes), np.concatenate(doc_of), np.concatenate(pos_of)
    order = np.lexsort((p, d, h))
    h, d, p = h[order], d[order], p[order]
    boundary = np.flatnonzero(np.diff(h)) + 1
    starts = np.concatenate(([0], boundary))
    stops = np.concatenate((boundary, [len(h)]))
    shared = d[starts] != d[stops - 1]  # the shingle occurs in at least two articles
    starts, stops = starts[shared], stops[shared]
    two = stops - starts == 2  # the common case, done as whole arrays
    hit_a, hit_b = [starts[two]], [starts[two] + 1]
    for s, e in zip(starts[~two].tolist(), stops[~two].tolist(), strict=True):
        if len(np.unique(d[s:e])) > MAX_SHINGLE_ARTICLES:
            continue
        i, j = np.triu_indices(e - s, 1)
        cross = d[s + i] != d[s + j]
        hit_a.append(s + i[cross])
        hit_b.append(s + j[cross])
    ia, ib = np.concatenate(hit_a), np.concatenate(hit_b)
    key = d[ia] * len(docs) + d[ib]
    order = np.argsort(key, kind="stable")
    key, pa, pb = key[order], p[ia[order]], p[ib[order]]
    pairs, first, count = np.unique(key, return_index=True, return_counts=True)
    found = {}
    for pair, s, c in zip(pairs.tolist(), first.tolist(), count.tolist(), strict=True):
        if c >= 2:  # one shared shingle is a phrase, not a passage
            found[divmod(pair, len(docs))] = (pa[s : s + c], pb[s : s + c])
    return found


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


class _Sentences:
    """Token ranges of an article's sentences and, on demand, their idf-weighted content words."""

    def __init__(self, doc: _Doc, content: np.ndarray, idf: list[float]) -> None:
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

    def dice(self, x: int, other: _Sentences, y: int) -> float:
        """Dice overlap of two sentences' content words, each word weighted by its idf."""
        (mine, weight_x), (theirs, weight_y) = self.words(x), other.words(y)
        if not weight_x + weight_y:
            return 0.0
        return 2 * sum(self.idf[w] for w in mine & theirs) / (weight_x + weight_y)


def _sentence_passages(
    pos_a: list[int], pos_b: list[int], sent_a: _Sentences, sent_b: _Sentences
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


def _reuse(
    doc_a: _Doc,
    doc_b: _Doc,
    hits: tuple[np.ndarray, np.ndarray],
    sentences: tuple[_Sentences, _Sentences],
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


# --------------------------------------------------------------------------------------------
# Similarity and distinctive terms


def _similarity(docs: Sequence[_Doc], content: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarity of sublinear tf-idf vectors of content words, and the idf per word.

    Returns:
        ``(similarity, idf)``: the all-pairs similarity matrix and the smoothed inverse document
        frequency ``log((1 + n) / (1 + df)) + 1`` of every vocabulary id.
    """
    n, vocabulary = len(docs), len(content)
    rows, cols, counts = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)], []
    for d, doc in enumerate(docs):
        words, count = np.unique(doc.ids[content[doc.ids]], return_counts=True)
        rows.append(np.full(len(words), d))
        cols.append(words)
        counts.append(count)
    row, col = np.concatenate(rows), np.concatenate(cols)
    count = np.concatenate(counts) if counts else np.empty(0, dtype=np.int64)
    df = np.bincount(col, minlength=vocabulary)
    idf = np.log((1 + n) / (1 + df)) + 1
    weight = (1 + np.log(count)) * idf[col]
    norms = np.sqrt(np.bincount(row, weights=weight**2, minlength=n))
    norms[norms == 0] = 1.0
    weight /= norms[row]
    # Words found in one article only add to its norm, never to a product. Words found in many
    # articles go into a dense matrix product; the many rarer words are summed pair by pair
    # (sum of df^2 operations), which keeps the cost far below a product over the vocabulary.
    common = df[col] > _DENSE_DF
    columns, local = np.unique(col[common], return_inverse=True)
    matrix = np.zeros((n, len(columns)), dtype=np.float32)
    matrix[row[common], local] = weight[common]
    similarity = (matrix @ matrix.T).astype(np.float64)
    rare = (df[col] >= 2) & ~common
    similarity += _pair_sums(row[rare], col[rare], weight[rare], n)
    return similarity, idf


def _pair_sums(row: np.ndarray, col: np.ndarray, weight: np.ndarray, n: int) -> np.ndarray:
    """``sum_w x[a, w] * x[b, w]`` over all article pairs sharing a word, as an n x n matrix."""
    order = np.lexsort((row, col))
    row, col, weight = row[order], col[order], weight[order]
    boundary = np.flatnonzero(np.diff(col)) + 1
    starts = np.concatenate(([0], boundary)) if len(col) else np.empty(0, dtype=np.int64)
    sizes = np.diff(np.concatenate((starts, [len(col)]))) if len(col) else starts
    keys, products = [np.empty(0, dtype=np.int64)], [np.empty(0)]
    for size in np.unique(sizes).tolist():
        first = starts[sizes == size]  # every word found in exactly `size` articles
        members = first[:, None] + np.arange(size)[None, :]
        i, j = np.triu_indices(size, 1)
        keys.append((row[members[:, i]] * n + row[members[:, j]]).ravel())
        products.append((weight[members[:, i]] * weight[members[:, j]]).ravel())
    flat = np.bincount(np.concatenate(keys), np.concatenate(products), minlength=n * n)
    pairs = flat.reshape(n, n)
    return pairs + pairs.T


def _term_keys(doc: _Doc, content: np.ndarray, size: int) -> np.ndarray:
    """Unigram ids and bigram keys (size + a * size + b) of adjacent content words in a sentence."""
    ids = doc.ids
    keep = content[ids]
    unigrams = ids[keep]
    pair = keep[:-1] & keep[1:] & (doc.sentence[:-1] == doc.sentence[1:])
    bigrams = size + ids[:-1][pair] * size + ids[1:][pair]
    return np.concatenate((unigrams, bigrams))


def log_odds_z(
    counts: np.ndarray, totals: np.ndarray, n_group: float, n_total: float
) -> np.ndarray:
    """Weighted log-odds z-scores of one group against the rest, informative Dirichlet prior.

    Args:
        counts: each term's count in the group (``y_i``).
        totals: each term's count in the whole corpus; also the prior ``alpha_w`` (the pooled
            corpus as prior, so ``alpha_0 = n_total``).
        n_group: all term occurrences in the group (``n_i``).
        n_total: all term occurrences in the corpus.

    Returns:
        ``delta / sqrt(var)`` per term, where ``delta = log((y_i + a) / (n_i + a0 - y_i - a)) -
        log((y_j + a) / (n_j + a0 - y_j - a))`` and ``var = 1 / (y_i + a) + 1 / (y_j + a)``
        with ``y_j``, ``n_j`` the counts of the rest (Monroe, Colaresi & Quinn 2008, eqs. 16-22).
    """
    alpha, alpha0 = totals, n_total
    rest = totals - counts
    n_rest = n_total - n_group
    delta = np.log((counts + alpha) / (n_group + alpha0 - counts - alpha)) - np.log(
        (rest + alpha) / (n_rest + alpha0 - rest - alpha)
    )
    return delta / np.sqrt(1 / (counts + alpha) + 1 / (rest + alpha))


def _distinctive_terms(
    docs: Sequence[_Doc],
    content: np.ndarray,
    words: Sequence[str],
    *,
    per_outlet: int,
    min_z: float,
) -> dict[str, tuple[DistinctiveTerm, ...]]:
    size = len(content)
    by_outlet: dict[str, list[np.ndarray]] = defaultdict(list)
    for doc in docs:
        by_outlet[doc.outlet].append(_term_keys(doc, content, size))
    outlets = {
        o: np.unique(np.concatenate(keys), return_counts=True) for o, keys in by_outlet.items()
    }
    if len(outlets) < 2:
        return {o: () for o in outlets}
    all_keys = np.unique(np.concatenate([k for k, _ in outlets.values()]))
    totals = np.zeros(len(all_keys), dtype=np.float64)
    for keys, counts in outlets.values():
        totals[np.searchsorted(all_keys, keys)] += counts
    n_total = totals.sum()
    result: dict[str, tuple[DistinctiveTerm, ...]] = {}
    for outlet, (keys, counts) in outlets.items():
        z = log_odds_z(
            counts.astype(np.float64),
            totals[np.searchsorted(all_keys, keys)],
            counts.sum(),
            n_total,
        )
        top = np.flatnonzero(z >= min_z)
        top = top[np.argsort(-z[top], kind="stable")][:per_outlet]
        result[outlet] = tuple(
            DistinctiveTerm(_term(int(keys[i]), words, size), float(z[i]), int(counts[i]))
            for i in top
        )
    return result


def _term(key: int, words: Sequence[str], size: int) -> str:
    if key < size:
        return words[key]
    a, b = divmod(key - size, size)
    return f"{words[a]} {words[b]}"


# --------------------------------------------------------------------------------------------
# Events


def _events(
    docs: Sequence[_Doc], similarity: np.ndarray, reuse: Mapping[tuple[int, int], float]
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


# --------------------------------------------------------------------------------------------


def compare_corpus(
    items: Sequence[tuple[Article, Segmentation]],
    *,
    excluded: Mapping[str, Sequence[Excluded]] | None = None,
    min_similarity: float = MIN_SIMILARITY,
    terms_per_outlet: int = TERMS_PER_OUTLET,
    min_z: float = MIN_Z,
) -> Comparison:
    """Compare articles: text reuse, similarity, each outlet's distinctive terms, and stories.

    Args:
        items: the articles with their segmentation (from :func:`analysis.text.segment`).
        excluded: article id -> page-furniture spans; their words take part in nothing.
        min_similarity: pairs below this similarity are listed only if they share passages.
        terms_per_outlet: at most this many distinctive terms per outlet.
        min_z: the z-score a term must reach to be listed as distinctive.

    Returns:
        A :class:`Comparison` (``to_dict()`` for JSON, ``to_frames()`` for DataFrames).
    """
    vocabulary = _Vocabulary()
    docs = _prepare(items, excluded or {}, vocabulary)
    content = vocabulary.content_mask()
    similarity, idf = _similarity(docs, content)
    idf_list = idf.tolist()

    hits = _shared_hits(docs, content, SHINGLE)
    sentences: dict[int, _Sentences] = {}
    reuse: dict[tuple[int, int], tuple[float, float, tuple[Passage, ...]]] = {}
    for (a, b), pair_hits in hits.items():
        for d in (a, b):
            if d not in sentences:
                sentences[d] = _Sentences(docs[d], content, idf_list)
        found = _reuse(docs[a], docs[b], pair_hits, (sentences[a], sentences[b]), SHINGLE)
        if found[2]:
            reuse[(a, b)] = found

    pairs = []
    close = np.triu(similarity >= min_similarity, 1)
    wanted = {(int(i), int(j)) for i, j in zip(*np.nonzero(close), strict=True)} | set(reuse)
    for a, b in wanted:
        share_a, share_b, passages = reuse.get((a, b), (0.0, 0.0, ()))
        pairs.append(
            Pair(docs[a].id, docs[b].id, float(similarity[a, b]), share_a, share_b, passages)
        )
    pairs.sort(key=lambda p: (-max(p.reused_share_a, p.reused_share_b), -p.similarity, p.a, p.b))

    terms = _distinctive_terms(
        docs, content, vocabulary.words, per_outlet=terms_per_outlet, min_z=min_z
    )
    events = _events(docs, similarity, {k: max(v[0], v[1]) for k, v in reuse.items()})
    texts = {article.id: seg.text for article, seg in items}
    return Comparison(tuple(pairs), terms, events, texts)
