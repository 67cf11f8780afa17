"""Vocabulary similarity: cosine of sublinear tf-idf vectors of content words, top-k per article.

It measures shared vocabulary (topic), not copying. Nothing here builds an n x n matrix: the
vectors are a sparse matrix (one row per article) and each article keeps its
:data:`NEIGHBOURS` most similar articles at or above a threshold, found block by block, so memory
grows with the corpus, not with its square.

Which articles are candidates comes from the words they share. A word found in more than
:data:`CANDIDATE_DF` articles says little about which articles report the same thing and would
make candidate search quadratic, so such words do not *propose* neighbours; each article's
best-scoring candidates (at most ``_RESCORED``) then get their similarity computed exactly from
the full vectors, common words included, and the neighbours are chosen from those. In corpora of
at most :data:`CANDIDATE_DF` articles no word is left out and the neighbours are exactly those
of the all-pairs matrix; above that, an article can miss a neighbour that shares only common
words with it (``make bench`` measures the share found: 98% at 10,000 generated articles).

References:
    Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
    Information Processing & Management 24(5).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from analysis.compare.documents import Doc

#: Neighbours kept per article (its most similar articles above the threshold).
NEIGHBOURS = 15
#: Words in more articles than this do not propose neighbours (they still count in the cosine).
CANDIDATE_DF = 1000
#: Candidates per article rescored exactly when common words were left out of the search.
_RESCORED = 400
#: Articles whose candidate scores are computed at once.
_BLOCK_ROWS = 64


def tfidf_vectors(docs: Sequence[Doc], content: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Unit-length sublinear tf-idf vectors of content words, one sparse row per article.

    The weight of word ``w`` in an article is ``(1 + log tf) * idf(w)`` with the smoothed inverse
    document frequency ``idf(w) = log((1 + n) / (1 + df(w))) + 1``; rows are divided by their
    Euclidean norm (articles without content words stay zero).

    Returns:
        ``(vectors, idf)``: an n x vocabulary CSR matrix (float64) and the idf of every id.
    """
    n, vocabulary = len(docs), len(content)
    words, counts = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    lengths = np.zeros(n, dtype=np.int64)
    for d, doc in enumerate(docs):
        unique, count = np.unique(doc.ids[content[doc.ids]], return_counts=True)
        words.append(unique)
        counts.append(count)
        lengths[d] = len(unique)
    col = np.concatenate(words).astype(np.int32)
    del words
    df = np.bincount(col, minlength=vocabulary)
    idf = np.log((1 + n) / (1 + df)) + 1
    weight = (1 + np.log(np.concatenate(counts))) * idf[col]
    del counts
    row = np.repeat(np.arange(n), lengths)
    norms = np.sqrt(np.bincount(row, weights=weight**2, minlength=n))
    norms[norms == 0] = 1.0
    weight /= norms[row]
    del row
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    vectors = sparse.csr_matrix((weight, col, indptr), shape=(n, vocabulary))
    return vectors, idf


def _top(
    values: np.ndarray, columns: np.ndarray, k: int, floor: float
) -> tuple[np.ndarray, np.ndarray]:
    """The at most ``k`` largest values at or above ``floor`` (ties: lower column first)."""
    keep = values >= floor
    values, columns = values[keep], columns[keep]
    if len(values) > k:
        order = np.lexsort((columns, -values))[:k]
        values, columns = values[order], columns[order]
    return values, columns


def neighbours(
    vectors: sparse.csr_matrix,
    *,
    k: int = NEIGHBOURS,
    min_similarity: float,
    candidate_df: int = CANDIDATE_DF,
) -> sparse.csr_matrix:
    """Each article's ``k`` most similar articles with a cosine of at least ``min_similarity``.

    Args:
        vectors: unit-length rows (from :func:`tfidf_vectors`).
        k: neighbours kept per article; ties broken toward the lower article index.
        min_similarity: the lowest cosine kept (pairs with no shared word are never kept).
        candidate_df: words in more articles than this do not propose neighbours.

    Returns:
        An n x n sparse matrix whose row ``i`` holds the cosines of ``i``'s neighbours.
    """
    n = vectors.shape[0]
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    pruned = bool((df > candidate_df).any())
    search = vectors[:, df <= candidate_df] if pruned else vectors
    search_t = search.T.tocsr()
    floor = max(min_similarity, np.finfo(np.float64).tiny)
    rows, cols, vals = [], [], []
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(n, start + _BLOCK_ROWS)
        scores = sparse.csr_matrix(search[start:stop] @ search_t)
        candidates = _rescored(vectors, start, scores) if pruned else _rows(start, scores)
        for r, (columns, values) in enumerate(candidates):
            values, columns = _top(values, columns, k, floor)
            rows.append(np.full(len(columns), start + r))
            cols.append(columns)
            vals.append(values)
    if not rows:
        return sparse.csr_matrix((n, n))
    return sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )


def pairs_of(
    near: sparse.csr_matrix, *, k: int, min_similarity: float
) -> dict[tuple[int, int], float]:
    """``{(a, b): cosine}``, ``a < b``: the union of every article's ``k`` nearest neighbours in
    ``near`` (from :func:`neighbours` with at least ``k`` and at most ``min_similarity``)."""
    floor = max(min_similarity, np.finfo(np.float64).tiny)
    found: dict[tuple[int, int], float] = {}
    for i in range(near.shape[0]):
        lo, hi = near.indptr[i], near.indptr[i + 1]
        values, columns = _top(near.data[lo:hi], near.indices[lo:hi], k, floor)
        for j, value in zip(columns.tolist(), values.tolist(), strict=True):
            found[(i, j) if i < j else (j, i)] = value
    return found


def neighbour_pairs(
    vectors: sparse.csr_matrix,
    *,
    k: int = NEIGHBOURS,
    min_similarity: float,
    candidate_df: int = CANDIDATE_DF,
) -> dict[tuple[int, int], float]:
    """:func:`pairs_of` the :func:`neighbours` (same arguments)."""
    near = neighbours(vectors, k=k, min_similarity=min_similarity, candidate_df=candidate_df)
    return pairs_of(near, k=k, min_similarity=min_similarity)


def _row(start: int, r: int, scores: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Row ``r`` of a block's scores without the article itself: (columns, scores)."""
    lo, hi = scores.indptr[r], scores.indptr[r + 1]
    columns, values = scores.indices[lo:hi], scores.data[lo:hi]
    other = (columns != start + r) & (values > 0)
    return columns[other].astype(np.int64), values[other]


def _rows(start: int, scores: sparse.csr_matrix) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each row's articles with a positive score, and the scores."""
    return [_row(start, r, scores) for r in range(scores.shape[0])]


def _rescored(
    vectors: sparse.csr_matrix, start: int, scores: sparse.csr_matrix
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each row's best :data:`_RESCORED` candidates by ``scores``, with their exact cosines."""
    best = []
    for columns, values in _rows(start, scores):
        if len(columns) > _RESCORED:
            columns = columns[np.argpartition(-values, _RESCORED - 1)[:_RESCORED]]
        best.append(np.sort(columns))
    union = np.unique(np.concatenate(best)) if best else np.empty(0, dtype=np.int64)
    exact = (vectors[start : start + len(best)] @ vectors[union].T).toarray()
    return [(c, exact[r, np.searchsorted(union, c)]) for r, c in enumerate(best)]


def pair_similarity(
    vectors: sparse.csr_matrix, pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    """The cosine of each given article pair, computed from the two rows only."""
    wanted = list(pairs)
    if not wanted:
        return {}
    a = np.fromiter((p[0] for p in wanted), dtype=np.int64, count=len(wanted))
    b = np.fromiter((p[1] for p in wanted), dtype=np.int64, count=len(wanted))
    found: dict[tuple[int, int], float] = {}
    step = 4096
    for s in range(0, len(wanted), step):
        products = vectors[a[s : s + step]].multiply(vectors[b[s : s + step]]).sum(axis=1)
        for pair, value in zip(wanted[s : s + step], np.asarray(products).ravel(), strict=True):
            found[pair] = float(value)
    return found
