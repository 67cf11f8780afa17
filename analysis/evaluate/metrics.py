"""The figures of the evaluation: ROC-AUC, token precision/recall/F1, pair agreement.

References:
    Mann, H. B. & Whitney, D. R. (1947). Annals of Mathematical Statistics 18 (1): 50-60 (ROC-AUC
    as the normalised U statistic, ties counted one half).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from analysis.text.model import Span
from analysis.text.segmentation import covered


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """ROC-AUC: the probability that a random positive outscores a random negative (ties 1/2).

    Computed as the Mann-Whitney U statistic from average ranks. ``None`` when either class is
    empty.
    """
    n_pos = sum(1 for y in labels if y)
    n_neg = len(labels) - n_pos
    if not n_pos or not n_neg:
        return None
    order = sorted(range(len(scores)), key=scores.__getitem__)
    rank_sum = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        mid_rank = (i + j) / 2 + 1
        rank_sum += mid_rank * sum(1 for k in range(i, j + 1) if labels[order[k]])
        i = j + 1
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def merge(spans: Iterable[tuple[int, int]]) -> list[Span]:
    """Sorted, non-overlapping union of ``(start, end)`` ranges."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(s, e) for s, e in merged]


@dataclass(slots=True)
class TokenCounts:
    """Running true/false positives and false negatives over word tokens."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tokens: Sequence[Span], gold: list[Span], predicted: list[Span]) -> None:
        for t in tokens:
            g = covered(gold, t.start, t.end) > 0
            p = covered(predicted, t.start, t.end) > 0
            self.tp += g and p
            self.fp += p and not g
            self.fn += g and not p

    def figures(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"token_precision": precision, "token_recall": recall, "token_f1": f1}


def jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def pair_agreement(events: dict[str, list[tuple[float, float]]]) -> float | None:
    agree = 0.0
    pairs = 0
    for articles in events.values():
        for (gold_a, ours_a), (gold_b, ours_b) in combinations(articles, 2):
            if gold_a == gold_b:
                continue
            pairs += 1
            if ours_a == ours_b:
                agree += 0.5
            elif (gold_a > gold_b) == (ours_a > ours_b):
                agree += 1.0
    return agree / pairs if pairs else None
