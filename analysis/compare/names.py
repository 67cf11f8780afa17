"""Names: runs of capitalised words, the cheap stand-in for named entities used by stories.

Two reports of one event name the same people, places and organisations; the names are a
sharper signal of *which* event than the topic vocabulary, so
:mod:`~analysis.compare.stories` mixes their tf-idf cosine into the story similarity.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from analysis.compare.documents import Doc

#: A sentence with more than this share of capitalised words is title case; its names are skipped.
_TITLE_CASE = 0.6


def _capitalised(doc: Doc, content: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Capitalised content words outside title-case sentences, and which start a sentence."""
    ids, sentence = doc.ids, doc.sentence
    first = np.concatenate(([True], sentence[1:] != sentence[:-1])) if len(ids) else ids > 0
    words = np.bincount(sentence) if len(ids) else np.zeros(0)
    caps = np.bincount(sentence, weights=doc.capital) if len(ids) else np.zeros(0)
    title_case = (caps / np.maximum(words, 1) > _TITLE_CASE)[sentence]
    return doc.capital & content[ids] & ~title_case, first


def mid_sentence_names(docs: Sequence[Doc], content: np.ndarray) -> np.ndarray:
    """True for the ids of words the corpus capitalises inside a sentence somewhere (so,
    likely names)."""
    found = np.zeros(len(content), dtype=bool)
    for doc in docs:
        named, first = _capitalised(doc, content)
        found[doc.ids[named & ~first]] = True
    return found


def _names(doc: Doc, content: np.ndarray, names: np.ndarray) -> list[tuple[int, ...]]:
    """Runs of capitalised content words inside a sentence; a sentence's first word only when
    ``names`` marks it (capitalised mid-sentence somewhere); title-case sentences skipped."""
    ids, sentence = doc.ids, doc.sentence
    named, first = _capitalised(doc, content)
    name = named & (~first | names[ids])
    runs: list[tuple[int, ...]] = []
    current: list[int] = []
    for i in range(len(ids)):
        if name[i] and (not current or sentence[i] == sentence[i - 1]):
            current.append(int(ids[i]))
            continue
        if current:
            runs.append(tuple(current))
        current = [int(ids[i])] if name[i] else []
    if current:
        runs.append(tuple(current))
    return runs


def name_vectors(docs: Sequence[Doc], content: np.ndarray) -> sparse.csr_matrix:
    """Unit-length sublinear tf-idf vectors over the names of each article (one row each).

    A *name* is a run of capitalised content words ("Michael Steele", "Afghanistan") inside a
    sentence (a sentence's first word counts when the corpus capitalises it mid-sentence
    somewhere), the usual cheap stand-in for named entities; each word of a longer run counts
    as a name too (a later "Steele" is the same person); weights as in
    :func:`analysis.compare.similarity.tfidf_vectors`.
    """
    index: dict[tuple[int, ...], int] = {}
    rows, cols = [], []
    known = mid_sentence_names(docs, content)
    for d, doc in enumerate(docs):
        for run in _names(doc, content, known):
            for key in {run, *((w,) for w in run)}:
                rows.append(d)
                cols.append(index.setdefault(key, len(index)))
    n = len(docs)
    counts = sparse.csr_matrix(
        (np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
        shape=(n, len(index)),
    )
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(index))
    idf = np.log((1 + n) / (1 + df)) + 1
    counts.data = (1 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norms) @ counts)
