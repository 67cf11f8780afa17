"""Vocabulary similarity: cosine of sublinear tf-idf vectors of content words.

It measures shared vocabulary (topic), not copying.

References:
    Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
    Information Processing & Management 24(5).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from analysis.compare.documents import Doc

#: Words in more articles than this enter the similarity through a dense matrix product.
_DENSE_DF = 48


def similarity_matrix(docs: Sequence[Doc], content: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
